import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { flowPageOf, submit } from './hosted-pages-fixture.js';
import {
  basic,
  bearer,
  csrfOf,
  get,
  linkAccount,
  newTotpSecret,
  PageClient,
  PERSONAL,
  postForm,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
  totpCode,
} from './support/index.js';

const REDIRECT = 'https://bank.example/callback';

/** Issue 12 "Disconnect": the account pages list the connected partners; Disconnect revokes the grant. */
describe('the account pages: connected partners and Disconnect', () => {
  let p: TestPlatform;
  let bank: { clientId: string; clientSecret: string };
  let other: { clientId: string; clientSecret: string };
  const ada = { email: 'ada@example.com', password: 'correct horse battery staple' };
  const grace = {
    email: 'grace@example.com',
    password: 'another long passphrase',
    totpSecret: newTotpSecret(),
  };

  before(async () => {
    p = await startTestPlatform();
    bank = await p.addClient({ name: 'Demo Bank', redirectUris: [REDIRECT] });
    other = await p.addClient({ name: 'Other Bank', redirectUris: [REDIRECT] });
    await seedPerson(p, { ...ada, profiles: [PERSONAL] });
    await seedPerson(p, { ...grace, profiles: [{ ...PERSONAL, firstName: 'Grace', lastName: 'Hopper' }] });
  });
  after(() => p.close());

  /** The whole hosted flow, then the code exchanged: the partner's tokens. The browser is signed in after. */
  async function connect(browser: PageClient, person: typeof ada, client = bank) {
    const callback = await linkAccount(p, browser, { client, redirectUri: REDIRECT, ...person });
    const res = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: REDIRECT },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    assert.equal(res.status, 200, res.text);
    return res.body as { access_token: string; refresh_token: string };
  }

  const refresh = (token: string, client = bank) =>
    postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'refresh_token', refresh_token: token },
      { authorization: basic(client.clientId, client.clientSecret) },
    );

  async function signIn(browser: PageClient, person: { email: string; password: string }) {
    const page = await browser.get('/account/sign-in');
    assert.equal(page.status, 200);
    return browser.post('/account/sign-in', { csrf: csrfOf(page.text), ...person });
  }

  test('signed out, /account sends the person to sign in; a wrong password says so and signs nobody in', async () => {
    const browser = new PageClient(p.url);
    const res = await browser.get('/account');
    assert.equal(res.status, 303);
    assert.equal(res.location, '/account/sign-in');
    const wrong = await signIn(browser, { email: ada.email, password: 'not the password' });
    assert.equal(wrong.status, 303);
    // The lock those tries lead to: the per-account-and-address window, 15 minutes (contract "Attempt limits").
    assert.equal(wrong.location, '/account/sign-in?error=invalid&left=9&lock=900');
    const page = await browser.get(wrong.location!);
    assert.match(page.text, /The email or password is not right/);
    assert.equal((await browser.get('/account')).location, '/account/sign-in');
  });

  test('signed in, the list names each partner, since when and the profile it sees', async () => {
    await connect(new PageClient(p.url), ada);
    const browser = new PageClient(p.url);
    const res = await signIn(browser, ada);
    assert.equal(res.location, '/account');
    const page = await browser.get('/account');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.text, /Signed in as <strong>ada@example.com<\/strong>/);
    assert.match(page.text, /<p class="partner-name">Demo Bank<\/p>/);
    assert.match(page.text, /Connected since <time datetime="[^"]+">\d{1,2} \w+ \d{4}<\/time>/);
    assert.match(page.text, /Ada Lovelace \(personal\)/);
    assert.doesNotMatch(page.text, /Other Bank/);
  });

  test('Disconnect: a confirmation page, then POST revokes every token of that partner; the list confirms', async () => {
    const browser = new PageClient(p.url);
    const tokens = await connect(browser, ada, other);
    assert.equal((await get(`${p.url}/v2/profiles`, bearer(tokens.access_token))).status, 200);
    // The browser that went through the partner's flow is already signed in on the platform.
    const list = await browser.get('/account');
    assert.match(list.text, /Other Bank/);
    const confirm = await browser.get(`/account/disconnect?clientId=${encodeURIComponent(other.clientId)}`);
    assert.equal(confirm.status, 200);
    assert.match(confirm.text, /Disconnect Other Bank\?/);
    const done = await browser.post('/account/disconnect', {
      csrf: csrfOf(confirm.text),
      clientId: other.clientId,
    });
    assert.equal(done.status, 303);
    assert.equal(done.location, `/account?disconnected=${encodeURIComponent(other.clientId)}`);
    const after = await browser.get(done.location!);
    assert.match(after.text, /role="status"><p><strong>Other Bank<\/strong> is disconnected/);
    assert.doesNotMatch(after.text, /<p class="partner-name">Other Bank/);
    assert.match(after.text, /<p class="partner-name">Demo Bank/, 'the other partner stays connected');
    const api = await get(`${p.url}/v2/profiles`, bearer(tokens.access_token));
    assert.equal(api.status, 401);
    assert.equal(api.body.error, 'invalid_token');
    const refreshed = await refresh(tokens.refresh_token, other);
    assert.equal(refreshed.status, 400);
    assert.equal(refreshed.body.error, 'invalid_grant');
    // Back to the confirmation afterwards: nothing left to disconnect, the list says where things stand.
    const again = await browser.get(`/account/disconnect?clientId=${encodeURIComponent(other.clientId)}`);
    assert.equal(again.location, '/account');
  });

  test('without the CSRF token, or signed out, a disconnect changes nothing', async () => {
    const browser = new PageClient(p.url);
    const tokens = await connect(browser, ada);
    await browser.get('/account');
    const forged = await browser.post('/account/disconnect', { clientId: bank.clientId });
    assert.equal(forged.status, 403);
    const list = await browser.get('/account');
    const csrf = csrfOf(list.text);
    const stranger = new PageClient(p.url);
    stranger.cookies.set('aa_browser', browser.cookies.get('aa_browser')!);
    const signedOut = await stranger.post('/account/disconnect', { csrf, clientId: bank.clientId });
    assert.equal(signedOut.status, 303);
    assert.equal(signedOut.location, '/account/sign-in');
    assert.equal((await refresh(tokens.refresh_token)).status, 200);
  });

  test("one person's disconnect leaves another person's grant of the same partner alone", async () => {
    const adaBrowser = new PageClient(p.url);
    const adaTokens = await connect(adaBrowser, ada);
    const graceTokens = await connect(new PageClient(p.url), grace);
    const list = await adaBrowser.get('/account');
    await adaBrowser.post('/account/disconnect', { csrf: csrfOf(list.text), clientId: bank.clientId });
    assert.equal((await refresh(adaTokens.refresh_token)).status, 400);
    assert.equal((await refresh(graceTokens.refresh_token)).status, 200);
  });

  test('twenty disconnects of one partner at once: all answer 303 and every grant of it is revoked', async () => {
    const browser = new PageClient(p.url);
    const first = await connect(browser, ada);
    const second = await connect(browser, ada);
    const csrf = csrfOf((await browser.get('/account')).text);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        browser.post('/account/disconnect', { csrf, clientId: bank.clientId }),
      ),
    );
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([303]));
    assert.equal((await refresh(first.refresh_token)).status, 400);
    assert.equal((await refresh(second.refresh_token)).status, 400);
    const page = await browser.get(answers[0]!.location!);
    assert.match(page.text, /Demo Bank<\/strong> is disconnected/);
  });

  test('values no database can hold, or no partner at all, are refused without a 500', async () => {
    const browser = new PageClient(p.url);
    await signIn(browser, ada);
    const csrf = csrfOf((await browser.get('/account')).text);
    // A NUL in a form body is refused by the body parser itself (http/form.ts), before the route.
    const nul = await browser.post('/account/disconnect', { csrf, clientId: '\u0000' });
    assert.equal(nul.status, 400);
    for (const clientId of ['', 'no-such-client']) {
      const res = await browser.post('/account/disconnect', { csrf, clientId });
      assert.equal(res.status, 303, clientId);
    }
    // A NUL in a query value is the hosted error page (contract "Error bodies"), not the route's redirect.
    assert.equal((await browser.get('/account/disconnect?clientId=%00')).status, 400);
    assert.equal((await browser.get('/account?disconnected=%00')).status, 400);
    const page = await browser.get('/account?disconnected=nobody&error=__proto__');
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /is disconnected/);
    assert.equal((await browser.get('/account/sign-in?error=constructor')).status, 303, 'signed in already');
  });

  test('the sign-in page says how many tries are left once fewer than 3, how long a lock lasts, and until when a limit holds', async () => {
    const browser = new PageClient(p.url);
    const few = await browser.get('/account/sign-in?error=invalid&left=2&lock=900');
    assert.match(
      few.text,
      /The email or password is not right\. Check them and try again\. 2 tries left before sign-in is locked for up to 15 minutes\./,
    );
    const day = await browser.get('/account/sign-in?error=invalid&left=1&lock=86400');
    assert.match(day.text, /1 try left before sign-in is locked for up to 24 hours\./);
    // Without (or with a made-up) lock length the count is still said, the length is not.
    const bare = await browser.get('/account/sign-in?error=invalid&left=2&lock=soon');
    assert.match(bare.text, /Check them and try again\. 2 tries left\./);
    assert.doesNotMatch(
      (await browser.get('/account/sign-in?error=invalid&left=9&lock=900')).text,
      /tries left/,
    );
    const retry = '2026-12-02T10:00:00.000Z';
    const locked = await browser.get(`/account/sign-in?error=invalid&throttled=1&retry=${retry}`);
    assert.match(
      locked.text,
      new RegExp(`Too many attempts\\. You can try again at <time datetime="${retry}">`),
    );
    // Made-up values fall back to the plain message, never a page error.
    const odd = await browser.get('/account/sign-in?error=invalid&left=-1&retry=yesterday');
    assert.equal(odd.status, 200);
    assert.match(odd.text, /The email or password is not right\. Check them and try again\./);
  });

  test('with TOTP on, the password leads to the code page; only the right code signs in', async () => {
    const browser = new PageClient(p.url);
    const res = await signIn(browser, grace);
    assert.equal(res.location, '/account/sign-in/code');
    assert.equal((await browser.get('/account')).location, '/account/sign-in', 'not signed in yet');
    // The pending sign-in is bound to this browser: elsewhere it is worth nothing.
    const thief = new PageClient(p.url);
    thief.cookies.set('aa_pending', browser.cookies.get('aa_pending')!);
    assert.equal((await thief.get('/account/sign-in/code')).location, '/account/sign-in');
    let page = await browser.get('/account/sign-in/code');
    const wrong = await browser.post('/account/sign-in/code', { csrf: csrfOf(page.text), code: '000000' });
    assert.equal(wrong.location, '/account/sign-in/code?error=code&left=4&lock=900');
    page = await browser.get(wrong.location!);
    assert.match(page.text, /That code is not right/);
    p.clock.advance(30);
    const code = totpCode(grace.totpSecret, p.clock.now());
    const right = await browser.post('/account/sign-in/code', { csrf: csrfOf(page.text), code });
    assert.equal(right.location, '/account');
    assert.match((await browser.get('/account')).text, /Signed in as <strong>grace@example.com/);
  });

  test('a checked password waits ten minutes for its code, then the person starts again', async () => {
    const browser = new PageClient(p.url);
    await signIn(browser, grace);
    p.clock.advance(10 * 60);
    assert.equal((await browser.get('/account/sign-in/code')).location, '/account/sign-in');
  });

  test('sign out ends the session', async () => {
    const browser = new PageClient(p.url);
    await signIn(browser, ada);
    const page = await browser.get('/account');
    const out = await browser.post('/account/sign-out', { csrf: csrfOf(page.text) });
    assert.equal(out.location, '/account/signed-out');
    assert.match((await browser.get(out.location!)).text, /You are signed out/);
    assert.equal((await browser.get('/account')).location, '/account/sign-in');
  });

  test('the consent page links its promise to disconnect to the account page', async () => {
    const browser = new PageClient(p.url);
    // Signed in on the account pages first: the partner's flow then skips the login (issue 3).
    await signIn(browser, ada);
    const start = await browser.get(
      `/oauth/authorize?client_id=${bank.clientId}&redirect_uri=${encodeURIComponent(REDIRECT)}`,
    );
    let page = await browser.open(start.location!);
    const profile = /name="profileId" value="(\d+)"/.exec(page.text);
    if (profile)
      page = await submit(browser, flowPageOf(start.location!), page.text, { profileId: profile[1]! });
    assert.match(page.text, /disconnect at any time from <a href="\/account">Connected apps<\/a>/);
  });
});
