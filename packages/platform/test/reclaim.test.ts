import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mailCount, newestLink, walk } from './emailed/helpers.js';
import { clientToken, registrationCode, signup } from './mail/helpers.js';
import {
  actionOf,
  authorizeUrl,
  basic,
  csrfOf,
  PageClient,
  postForm,
  startTestPlatform,
  type TestPlatform,
  totpCode,
} from './support/index.js';

const NEW_PASSWORD = 'my very own passphrase';

describe('reclaiming: forgot or never set your password (contract §7)', () => {
  let p: TestPlatform;
  let partner: { clientId: string; clientSecret: string };
  let n = 0;

  const grant = (email: string, code: string) =>
    postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'registration_code', client_id: partner.clientId, email, registration_code: code },
      { authorization: basic(partner.clientId, partner.clientSecret) },
    );

  /** A user the partner created through the API, who never had a password. */
  async function apiUser() {
    const email = `reclaim${++n}@example.com`;
    const code = registrationCode();
    const res = await signup(p, await clientToken(p, partner), { email, registrationCode: code });
    assert.equal(res.status, 200);
    return { email, code };
  }

  async function askForLink(browser: PageClient, email: string) {
    const form = await browser.get('/account/forgot-password');
    assert.equal(form.status, 200);
    return browser.post('/account/forgot-password', { csrf: csrfOf(form.text), email });
  }

  async function setPassword(browser: PageClient, link: string, password: string, confirm = password) {
    const page = await browser.get(link);
    assert.equal(page.status, 200, page.text);
    return browser.post(link, { csrf: csrfOf(page.text), password, confirmPassword: confirm });
  }

  before(async () => {
    p = await startTestPlatform();
    partner = await p.addClient({ name: 'Opening Bank' });
  });
  after(() => p.close());

  test('the login page links to the forgot-password form', async () => {
    const browser = new PageClient(p.url);
    const start = await browser.get(
      authorizeUrl(p.url, { client_id: partner.clientId, redirect_uri: 'https://bank.example/callback' }),
    );
    const login = await browser.open(start.location!);
    assert.match(login.text, /<a href="\/account\/forgot-password">Forgot or never set your password\?<\/a>/);
  });

  test('the same answer whether or not the account exists; a mail only when it does', async () => {
    const { email } = await apiUser();
    const browser = new PageClient(p.url);
    const known = await askForLink(browser, email);
    const unknown = await askForLink(browser, 'nobody-here@example.com');
    assert.equal(known.status, 303);
    assert.equal(unknown.status, 303);
    assert.equal(known.location, unknown.location);
    const sent = await browser.get(known.location!);
    assert.match(sent.text, /If an account exists for that address, we have sent it a link/);
    assert.equal(await mailCount(p, email), 1);
    assert.equal(await mailCount(p, 'nobody-here@example.com'), 0);
    assert.match(await newestLink(p, email), /^\/account\/set-password\/[A-Za-z0-9_-]{43}$/);
  });

  test('set password → account reclaimed, registration_code grant invalid_grant, signed in', async () => {
    const { email, code } = await apiUser();
    assert.equal((await grant(email, code)).status, 200);
    const browser = new PageClient(p.url);
    await askForLink(browser, email);
    const link = await newestLink(p, email);
    const page = await browser.get(link);
    assert.equal((page.text.match(/autocomplete="new-password"/g) ?? []).length, 2);

    const done = await setPassword(browser, link, NEW_PASSWORD);
    assert.equal(done.status, 303);
    const set = await browser.get(done.location!);
    assert.match(set.text, /You are now logged in/);
    const user = await p.platform.stores.users.findByEmailKey(email);
    assert.ok(user?.reclaimedAt, 'reclaimed');
    const refused = await grant(email, code);
    assert.equal(refused.status, p.platform.config.compat.registrationCodeFailureStatus);
    assert.equal(refused.body.error, 'invalid_grant');

    // Signed in: a partner's authorize link skips the login.
    const start = await browser.get(
      authorizeUrl(p.url, { client_id: partner.clientId, redirect_uri: 'https://bank.example/callback' }),
    );
    const next = await browser.open(start.location!);
    assert.doesNotMatch(next.text, /name="password"/);
    // And the new password logs in on another browser: the next page is the profile step.
    const fresh = new PageClient(p.url);
    const begun = await fresh.get(
      authorizeUrl(p.url, { client_id: partner.clientId, redirect_uri: 'https://bank.example/callback' }),
    );
    const back = await walk(fresh, begun.location!, { email, password: NEW_PASSWORD });
    assert.equal(back.status, 200);
    assert.match(actionOf(back.text), /\/profile$/);
  });

  test('the link works once and for 30 minutes', async () => {
    const { email } = await apiUser();
    const browser = new PageClient(p.url);
    await askForLink(browser, email);
    const link = await newestLink(p, email);
    assert.equal((await setPassword(browser, link, NEW_PASSWORD)).status, 303);
    const again = await browser.get(link);
    assert.equal(again.status, 410);
    assert.match(again.text, /already been used or has expired/);

    p.clock.advance(61);
    await askForLink(browser, email);
    const second = await newestLink(p, email);
    assert.notEqual(second, link);
    p.clock.advance(30 * 60 + 1);
    assert.equal((await browser.get(second)).status, 410);
  });

  test('too short or mismatched passwords are refused, and the link stays usable', async () => {
    const { email } = await apiUser();
    const browser = new PageClient(p.url);
    await askForLink(browser, email);
    const link = await newestLink(p, email);
    const nine = await setPassword(browser, link, '123456789');
    assert.match((await browser.get(nine.location!)).text, /at least 10 characters/);
    const mismatch = await setPassword(browser, link, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    assert.match((await browser.get(mismatch.location!)).text, /not the same/);
    assert.equal((await setPassword(browser, link, 'ten chars!')).status, 303, 'ten is enough');
    const user = await p.platform.stores.users.findByEmailKey(email);
    assert.ok(user?.reclaimedAt);
  });

  test('links are limited per user: one a minute, three an hour', async () => {
    const { email } = await apiUser();
    const browser = new PageClient(p.url);
    await askForLink(browser, email);
    await askForLink(browser, email);
    assert.equal(await mailCount(p, email), 1);
    for (let i = 0; i < 4; i++) {
      p.clock.advance(61);
      await askForLink(browser, email);
    }
    assert.equal(await mailCount(p, email), 3);
  });

  test('a POST without the CSRF token is refused', async () => {
    const { email } = await apiUser();
    const res = await new PageClient(p.url).post('/account/forgot-password', { email });
    assert.equal(res.status, 403);
    assert.equal(await mailCount(p, email), 0);
  });

  test('then may turn on 2FA: the seed shown as text and otpauth URI, confirmed by a code', async () => {
    const { email } = await apiUser();
    assert.equal((await new PageClient(p.url).get('/account/two-factor')).status, 401, 'signed in only');
    const browser = new PageClient(p.url);
    await askForLink(browser, email);
    await setPassword(browser, await newestLink(p, email), NEW_PASSWORD);
    const setup = await browser.get('/account/two-factor');
    assert.equal(setup.status, 200);
    const secret = /id="secret">([A-Z2-7 ]+)</.exec(setup.text)![1]!.replace(/ /g, '');
    assert.match(setup.text, new RegExp(`otpauth://totp/[^"<]*secret=${secret}`));
    assert.doesNotMatch(setup.text, /<img|https?:\/\/(?!localhost)[^"]*qr/i, 'no QR service');

    const wrong = await browser.post('/account/two-factor', { csrf: csrfOf(setup.text), code: '000000' });
    assert.match((await browser.get(wrong.location!)).text, /That code is not right/);
    const code = totpCode(secret, p.clock.now());
    const ok = await browser.post('/account/two-factor', { csrf: csrfOf(setup.text), code });
    assert.match((await browser.get(ok.location!)).text, /Two-step verification is on/);

    // Logging in now asks for the code, and the one just used does not pass.
    p.clock.advance(1);
    const fresh = new PageClient(p.url);
    const begun = await fresh.get(
      authorizeUrl(p.url, { client_id: partner.clientId, redirect_uri: 'https://bank.example/callback' }),
    );
    const next = await walk(fresh, begun.location!, { email, password: NEW_PASSWORD });
    assert.match(actionOf(next.text), /\/second-factor$/);
  });
});
