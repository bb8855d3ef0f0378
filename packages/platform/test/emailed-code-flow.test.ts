import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askForEmailedCode, shownCode, walk } from './emailed/helpers.js';
import {
  basic,
  bearer,
  get,
  PageClient,
  PERSONAL,
  postForm,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from './support/index.js';

const PASSWORD = 'correct horse battery staple';
const CODE_SHAPE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/;

describe('the emailed-code flow (contract §6)', () => {
  let p: TestPlatform;
  let partner: { clientId: string; clientSecret: string };
  let other: { clientId: string; clientSecret: string };
  let n = 0;

  const exchange = (client: { clientId: string; clientSecret: string }, code: string, extra = {}) =>
    postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'authorization_code', client_id: client.clientId, code, ...extra },
      { authorization: basic(client.clientId, client.clientSecret) },
    );

  async function person() {
    const email = `emailed${++n}@example.com`;
    await seedPerson(p, { email, password: PASSWORD, profiles: [PERSONAL] });
    return email;
  }

  /** From the partner's request to the code shown on the page. */
  async function codeFor(email: string, client = partner): Promise<string> {
    const link = await askForEmailedCode(p, client, email);
    const res = await walk(new PageClient(p.url), link, { email, password: PASSWORD });
    assert.equal(res.status, 200);
    return shownCode(res.text);
  }

  before(async () => {
    p = await startTestPlatform();
    partner = await p.addClient({
      name: 'Emailing Bank',
      redirectUris: ['https://bank.example/callback', 'bank://wise/callback'],
    });
    other = await p.addClient({ name: 'Other Bank' });
  });
  after(() => p.close());

  test('link → login → profile → consent → a grouped 8-character code, exchanged once without redirect_uri', async () => {
    const email = await person();
    const link = await askForEmailedCode(p, partner, email);
    assert.match(link, /^\/oauth\/email-code\/[A-Za-z0-9_-]{43}$/);
    const browser = new PageClient(p.url);
    const first = await browser.get(link);
    assert.equal(first.status, 302);
    const login = await browser.open(first.location!);
    assert.match(login.text, new RegExp(`value="${email}"`), 'the email is filled in');
    const res = await walk(browser, first.location!, { email, password: PASSWORD });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.text, /Type this code into <strong>Emailing Bank<\/strong>/);
    const code = shownCode(res.text);
    assert.match(code, CODE_SHAPE);

    // Without the dash and in lower case: accepted (contract §6).
    const ok = await exchange(partner, code.replace('-', '').toLowerCase());
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const profiles = await get(`${p.url}/v2/profiles`, bearer(ok.body.access_token));
    assert.equal(profiles.status, 200);
    assert.equal(profiles.body.length, 1);

    // A replay after the retry window (contract §4 "Duplicates") revokes what the code gave.
    p.clock.advance(p.platform.config.tokens.authorizationCodeRetrySeconds);
    const again = await exchange(partner, code);
    assert.equal(again.status, 400);
    assert.equal(again.body.error, 'invalid_grant');
    assert.equal((await get(`${p.url}/v2/profiles`, bearer(ok.body.access_token))).status, 401);
  });

  test('any registered redirect_uri is accepted, an unregistered one is not', async () => {
    const email = await person();
    const code = await codeFor(email);
    const wrong = await exchange(partner, code, { redirect_uri: 'https://evil.example/callback' });
    assert.equal(wrong.body.error, 'invalid_grant');
    const ok = await exchange(partner, code, { redirect_uri: 'bank://wise/callback' });
    assert.equal(ok.status, 200);
  });

  test('the link works once, and not after 30 minutes', async () => {
    const email = await person();
    const link = await askForEmailedCode(p, partner, email);
    assert.equal((await new PageClient(p.url).get(link)).status, 302);
    const used = await new PageClient(p.url).get(link);
    assert.equal(used.status, 410);
    assert.match(used.text, /already been used or has expired/);
    assert.doesNotMatch(used.text, /<form/, 'nothing to do on the page');

    p.clock.advance(61);
    const second = await askForEmailedCode(p, partner, email);
    p.clock.advance(30 * 60 + 1);
    assert.equal((await new PageClient(p.url).get(second)).status, 410);
    assert.equal((await new PageClient(p.url).get('/oauth/email-code/not-a-token')).status, 410);
  });

  test('the code is bound to the client, expires after 30 minutes', async () => {
    const email = await person();
    const code = await codeFor(email);
    const foreign = await exchange(other, code);
    assert.equal(foreign.body.error, 'invalid_grant');
    p.clock.advance(30 * 60 + 1);
    const late = await exchange(partner, code);
    assert.equal(late.body.error, 'invalid_grant');
    assert.match(late.body.error_description, /expired/);
  });

  test('a code dies after 5 failed exchanges, even for the right client', async () => {
    const email = await person();
    const code = await codeFor(email);
    const third = await p.addClient({ name: 'Third Bank' });
    for (let i = 0; i < 5; i++) {
      const res = await exchange(third, code);
      assert.equal(res.body.error, 'invalid_grant');
    }
    const dead = await exchange(partner, code);
    assert.equal(dead.status, 400);
    assert.equal(dead.body.error, 'invalid_grant');
  });

  test('a client gets 429 with Retry-After after 10 failed short codes (PLATFORM_LIMIT_SHORT_CODE)', async () => {
    const guesser = await p.addClient({ name: 'Guessing Bank' });
    for (let i = 0; i < 10; i++) {
      const res = await exchange(guesser, `AAAA-AA${'23456789'[i % 8]}${'23456789'[(i + 3) % 8]}`);
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_grant');
    }
    const limited = await exchange(guesser, 'BBBB-BBBB');
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error, 'invalid_grant');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${retryAfter}`);
    // Another client is not affected; the window frees up.
    assert.equal((await exchange(partner, 'BBBB-BBBB')).status, 400);
    p.clock.advance(retryAfter + 1);
    assert.equal((await exchange(guesser, 'BBBB-BBBB')).status, 400);
  });

  test('Deny → a page saying the partner was not given access, and no code', async () => {
    const email = await person();
    const link = await askForEmailedCode(p, partner, email);
    const res = await walk(new PageClient(p.url), link, { email, password: PASSWORD, decision: 'deny' });
    assert.equal(res.status, 200);
    assert.match(res.text, /Emailing Bank was not given access/);
    assert.doesNotMatch(res.text, /shown-code/);
  });

  test('only the person the link was sent to can finish it; another signed-in person is signed out', async () => {
    const email = await person();
    const intruder = await person();
    // The intruder is signed in on this browser (through an emailed link of their own).
    const browser = new PageClient(p.url);
    const own = await askForEmailedCode(p, partner, intruder);
    assert.equal((await walk(browser, own, { email: intruder, password: PASSWORD })).status, 200);
    const sessionCookie = [...browser.cookies.keys()].find((k) => k.endsWith('aa_session'));
    assert.ok(sessionCookie, 'signed in');

    const link = await askForEmailedCode(p, partner, email);
    const start = await browser.get(link);
    assert.equal(start.status, 302);
    assert.ok(!browser.cookies.has(sessionCookie!), 'the other session is signed out');
    const refused = await walk(browser, start.location!, { email: intruder, password: PASSWORD });
    assert.equal(refused.status, 200);
    assert.match(refused.text, /This link was sent to a different account/);
    const done = await walk(browser, start.location!, { email, password: PASSWORD });
    assert.match(shownCode(done.text), CODE_SHAPE);
  });

  test('the person signed in already skips the login', async () => {
    const email = await person();
    const browser = new PageClient(p.url);
    await walk(browser, await askForEmailedCode(p, partner, email), { email, password: PASSWORD });
    const other = await p.addClient({ name: 'Second Bank' });
    const link = await askForEmailedCode(p, other, email);
    const start = await browser.get(link);
    const page = await browser.open(start.location!);
    assert.doesNotMatch(page.text, /name="password"/);
  });
});
