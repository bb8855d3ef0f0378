// Issue 16: "Continue with <provider>" on the hosted login page, against a real OpenID provider
// (oidc-provider, the stand-in for Google) run beside the platform on loopback.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  csrfOf,
  get,
  newTotpSecret,
  PageClient,
  PERSONAL,
  type StandInProvider,
  seedPerson,
  startStandInProvider,
  startTestPlatform,
  type TestPlatform,
  totpCode,
} from '../support/index.js';
import {
  backAtPlatform,
  callbackFor,
  continueWith,
  federatedActions,
  openLogin,
  signInAtProvider,
} from './support.js';

const ANDROID_WEBVIEW =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.0.0 Mobile Safari/537.36';

describe('federated login on the hosted pages (issue 16, contract §4)', () => {
  let p: TestPlatform;
  let provider: StandInProvider;
  let clientId: string;
  let adaId: number;
  const ada = { email: 'fed-ada@example.com', password: 'correct horse battery staple' };
  const grace = {
    email: 'fed-grace@example.com',
    password: 'another long passphrase',
    totp: newTotpSecret(),
  };

  before(async () => {
    provider = await startStandInProvider({
      redirectUris: [callbackFor('local')],
      people: [
        { email: ada.email, password: 'provider-pass-ada' },
        { email: grace.email, password: 'provider-pass-grace' },
        { email: 'fed-nobody@example.com', password: 'provider-pass-nobody' },
        { email: 'fed-unverified@example.com', password: 'provider-pass-unverified', emailVerified: false },
      ],
    });
    p = await startTestPlatform({
      settings: { oidcProviders: [provider.settings('local', 'Local sign-in')], embeddedBrowsers: 'allow' },
    });
    ({ clientId } = await p.addClient({ name: 'Fed Bank' }));
    adaId = await seedPerson(p, { ...ada, profiles: [PERSONAL] });
    await seedPerson(p, {
      email: grace.email,
      password: grace.password,
      totpSecret: grace.totp,
      profiles: [PERSONAL],
    });
    await seedPerson(p, {
      email: 'fed-unverified@example.com',
      password: 'unverified passphrase',
      profiles: [PERSONAL],
    });
  });
  after(async () => {
    await p.close();
    await provider.close();
  });

  test('the login page offers the provider; a WebView let through (allow) does not get it', async () => {
    const login = await openLogin(p, new PageClient(p.url), clientId);
    assert.match(login.text, /Continue with Local sign-in/);
    assert.equal(federatedActions(login.text).length, 1);
    // The CSP lets the button's redirect chain reach the provider (form-action).
    assert.match(
      login.headers.get('content-security-policy')!,
      new RegExp(`form-action 'self' [^;]*${provider.issuer}`),
    );
    const webview = new PageClient(p.url);
    webview.headers['user-agent'] = ANDROID_WEBVIEW;
    const inWebView = await openLogin(p, webview, clientId);
    assert.equal(inWebView.status, 200);
    assert.doesNotMatch(inWebView.text, /Continue with/);
  });

  test('first use links by the account password, then the identity logs in directly', async () => {
    const browser = new PageClient(p.url);
    const authorization = await continueWith(browser, await openLogin(p, browser, clientId));
    assert.equal(authorization.origin, provider.issuer);
    assert.equal(authorization.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorization.searchParams.get('nonce'));
    assert.ok(authorization.searchParams.get('state'));
    const confirm = await backAtPlatform(
      browser,
      await signInAtProvider(authorization, ada.email, 'provider-pass-ada'),
    );
    assert.match(confirm.text, /Link your Local sign-in sign-in/);
    assert.match(confirm.text, /fed-ada@example\.com/);
    assert.deepEqual(
      await p.platform.stores.federatedIdentities.listForUser(adaId),
      [],
      'not linked before the password',
    );

    // A wrong password links nothing.
    const action = `${/action="([^"]+\/login)"/.exec(confirm.text)![1]}`;
    await browser.post(action, { csrf: csrfOf(confirm.text), password: 'wrong password' });
    assert.deepEqual(await p.platform.stores.federatedIdentities.listForUser(adaId), []);
    const again = await browser.open(action);
    assert.match(again.text, /The password is not right/);
    const done = await browser.post(action, { csrf: csrfOf(again.text), password: ada.password });
    assert.equal(done.status, 303);
    const profile = await browser.open(done.location!);
    assert.match(profile.text, /profile|consent/i);
    const linked = await p.platform.stores.federatedIdentities.listForUser(adaId);
    assert.equal(linked.length, 1);
    assert.equal(linked[0]!.provider, 'local');
    assert.equal(linked[0]!.email, ada.email);

    // Another browser, no platform session: the provider alone logs Ada in.
    const second = new PageClient(p.url);
    const auth2 = await continueWith(second, await openLogin(p, second, clientId));
    const next = await backAtPlatform(second, await signInAtProvider(auth2, ada.email, 'provider-pass-ada'));
    assert.doesNotMatch(next.text, /Link your|name="password"/);
    assert.match(next.text, /Allow|profile/i);
    assert.equal((await p.platform.stores.federatedIdentities.listForUser(adaId)).length, 1);
  });

  test('the sandbox lists linked identities per user, as JSON and in the inspector', async () => {
    const listing = await get(`${p.url}/_sandbox/users`);
    const user = listing.body.users.find((u: { email: string }) => u.email === ada.email);
    assert.deepEqual(
      user.linkedIdentities.map((i: { provider: string; email: string }) => [i.provider, i.email]),
      [['local', ada.email]],
    );
    assert.ok(user.linkedIdentities[0].subject);
    const page = await new PageClient(p.url).get('/_sandbox');
    assert.match(page.text, /linked: local \(fed-ada@example\.com\)/);
    // The state export reads its tables from the catalog: the linked identities are in it.
    const state = await get(`${p.url}/_sandbox/state`);
    assert.deepEqual(
      state.body.tables.federated_identities.map((r: { email: string }) => r.email),
      [ada.email],
    );
  });

  test('2FA still applies after a federated login of an account that has it', async () => {
    const browser = new PageClient(p.url);
    const authorization = await continueWith(browser, await openLogin(p, browser, clientId));
    const confirm = await backAtPlatform(
      browser,
      await signInAtProvider(authorization, grace.email, 'provider-pass-grace'),
    );
    const action = /action="([^"]+\/login)"/.exec(confirm.text)![1]!;
    const res = await browser.post(action, { csrf: csrfOf(confirm.text), password: grace.password });
    const second = await browser.open(res.location!);
    assert.match(second.text, /Enter your security code/);
    const code = await browser.post(/action="([^"]+\/second-factor)"/.exec(second.text)![1]!, {
      csrf: csrfOf(second.text),
      code: totpCode(grace.totp, p.clock.now()),
    });
    assert.equal(code.status, 303);
    assert.doesNotMatch(code.location!, /second-factor|login/);
  });

  test('a verified email with no account: said clearly, nothing made or linked', async () => {
    const browser = new PageClient(p.url);
    const authorization = await continueWith(browser, await openLogin(p, browser, clientId));
    const page = await backAtPlatform(
      browser,
      await signInAtProvider(authorization, 'fed-nobody@example.com', 'provider-pass-nobody'),
    );
    assert.equal(page.status, 200);
    assert.match(page.text, /There is no account for fed-nobody@example\.com/);
    assert.match(page.text, /name="password"/, 'the email and password login is still offered');
    assert.equal(await p.platform.stores.users.findByEmailKey('fed-nobody@example.com'), null);
  });

  test('an unverified email: a clear page, nothing linked', async () => {
    const browser = new PageClient(p.url);
    const authorization = await continueWith(browser, await openLogin(p, browser, clientId));
    const page = await backAtPlatform(
      browser,
      await signInAtProvider(authorization, 'fed-unverified@example.com', 'provider-pass-unverified'),
    );
    assert.equal(page.status, 200);
    assert.match(page.text, /has not verified your email address/);
    const user = await p.platform.stores.users.findByEmailKey('fed-unverified@example.com');
    assert.deepEqual(await p.platform.stores.federatedIdentities.listForUser(user!.id), []);
  });

  test('an account a partner created is taken over by a verified provider login with its email', async () => {
    const email = 'fed-created@example.com';
    // An account a partner created (contract §3), not reclaimed, with no password.
    const partner = await p.addClient({ name: 'Creating Bank' });
    const created = await p.platform.stores.users.create({
      email,
      emailKey: email,
      language: 'en',
      createdByClientId: partner.clientId,
      registrationCodeHash: null,
    });
    assert.notEqual(created, 'conflict');
    const userId = (created as { id: number }).id;
    const own = await startStandInProvider({
      redirectUris: [callbackFor('own')],
      people: [{ email, password: 'provider-pass-created' }],
    });
    // A second instance on the same database, with its own provider configured.
    const q = await startTestPlatform({
      db: p.db,
      clock: p.clock,
      settings: { oidcProviders: [own.settings('own', 'Own')] },
    });
    try {
      const browser = new PageClient(q.url);
      const authorization = await continueWith(browser, await openLogin(q, browser, clientId));
      const page = await backAtPlatform(
        browser,
        await signInAtProvider(authorization, email, 'provider-pass-created'),
      );
      assert.doesNotMatch(page.text, /Link your|There is no account/);
      const user = await q.platform.stores.users.findById(userId);
      assert.ok(user!.reclaimedAt, 'reclaimed');
      assert.equal((await q.platform.stores.federatedIdentities.listForUser(userId)).length, 1);
    } finally {
      await q.close();
      await own.close();
    }
  });
});
