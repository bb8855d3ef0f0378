import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  basic,
  PageClient,
  PERSONAL,
  postForm,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';
import { askForEmailedCode, shownCode, walk } from './helpers.js';

// Issue 13: the short-code page of an emailed link (contract §6) shows the code again on reload while it is
// valid, to the browser that finished the flow only. Runs on PGlite, and on PostgreSQL with DATABASE_URL.

const PASSWORD = 'correct horse battery staple';

describe('reloading the short-code page (issue 13)', () => {
  let p: TestPlatform;
  let partner: { clientId: string; clientSecret: string };
  let n = 0;
  before(async () => {
    p = await startTestPlatform();
    partner = await p.addClient({ name: 'Emailing Bank', redirectUris: ['https://bank.example/callback'] });
  });
  after(() => p.close());

  /** An emailed link followed to its code: the browser, the code page's URL, the code and the interaction. */
  async function shown() {
    const email = `reload${++n}@example.com`;
    await seedPerson(p, { email, password: PASSWORD, profiles: [PERSONAL] });
    const link = await askForEmailedCode(p, partner, email);
    const browser = new PageClient(p.url);
    const start = await browser.get(link);
    assert.equal(start.status, 302);
    const res = await walk(browser, start.location!, { email, password: PASSWORD });
    assert.equal(res.status, 200);
    const uid = decodeURIComponent(start.location!.split('/').pop()!);
    return { browser, url: `${start.location!}/callback`, code: shownCode(res.text), uid };
  }

  const exchange = (code: string) =>
    postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'authorization_code', client_id: partner.clientId, code },
      { authorization: basic(partner.clientId, partner.clientSecret) },
    );

  test('the same browser sees the same code again while it is valid; another browser only the outcome', async () => {
    const { browser, url, code, uid } = await shown();
    p.clock.advance(5 * 60);
    const reload = await browser.get(url);
    assert.equal(reload.status, 200);
    assert.equal(reload.headers.get('cache-control'), 'no-store');
    assert.equal(shownCode(reload.text), code, 'the code again');
    assert.match(reload.text, /It expires in 25 minutes/, 'with the time it has left');
    assert.equal(shownCode((await browser.get(url.replace(/\/callback$/, ''))).text), code);

    const stranger = await new PageClient(p.url).get(url);
    assert.equal(stranger.status, 200);
    assert.match(stranger.text, /You allowed Emailing Bank to access your account/);
    assert.match(stranger.text, /shown only where you finished connecting, in that browser/);
    assert.doesNotMatch(stranger.text, new RegExp(code));
    assert.doesNotMatch(stranger.text, /shown-code/);

    // At rest the code is sealed, not in the clear.
    const row = await p.platform.stores.interactions.find(uid);
    assert.ok(row?.sealedCode?.startsWith('v1.'));
    for (const form of [code, code.replace('-', '')]) assert.ok(!row!.sealedCode!.includes(form));

    // Typed into the partner's app: the reload says the code was used, and no longer shows it.
    assert.equal((await exchange(code)).status, 200);
    const used = await browser.get(url);
    assert.equal(used.status, 200);
    assert.match(used.text, /has been typed into Emailing Bank's app/);
    assert.doesNotMatch(used.text, new RegExp(code));
  });

  test('after the code expired the reload says so, without the code', async () => {
    const { browser, url, code } = await shown();
    p.clock.advance(p.platform.config.tokens.authorizationCodeTtlSeconds + 1);
    const res = await browser.get(url);
    assert.equal(res.status, 200);
    assert.match(res.text, /The code shown here has expired/);
    assert.match(res.text, /ask Emailing Bank to send you a new email/);
    assert.doesNotMatch(res.text, new RegExp(code));
  });
});
