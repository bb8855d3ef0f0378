import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  actionOf,
  authorizeUrl,
  basic,
  csrfOf,
  linkAccount,
  newTotpSecret,
  PageClient,
  type PageResponse,
  PERSONAL,
  postForm,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
  totpCode,
} from './support/index.js';

const REDIRECT = 'https://bank.example/cb?tenant=a';

describe('the hosted pages: login, 2FA, profile, consent (contract §4)', () => {
  let p: TestPlatform;
  let client: { clientId: string; clientSecret: string };
  const ada = { email: 'ada@example.com', password: 'correct horse battery staple' };
  const grace = {
    email: 'grace@example.com',
    password: 'another long passphrase',
    totpSecret: newTotpSecret(),
  };
  const newcomer = { email: 'new@example.com', password: 'a person with no profile' };

  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient({ name: 'Example Bank', redirectUris: [REDIRECT] });
    await seedPerson(p, {
      ...ada,
      profiles: [PERSONAL, { type: 'BUSINESS', businessName: 'Analytical Engines Ltd' }],
    });
    await seedPerson(p, { ...grace, profiles: [{ ...PERSONAL, firstName: 'Grace', lastName: 'Hopper' }] });
    await seedPerson(p, newcomer);
  });
  after(() => p.close());

  /** Starts a flow and returns the first page. */
  async function start(browser: PageClient, state = 'st-1'): Promise<{ page: string; res: PageResponse }> {
    const res = await browser.get(
      authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT, state }),
    );
    assert.equal(res.status, 302, res.text);
    const page = res.location!;
    return { page, res: await browser.get(page) };
  }

  async function submit(browser: PageClient, page: string, html: string, form: Record<string, string>) {
    const res = await browser.post(actionOf(html), { csrf: csrfOf(html), ...form });
    assert.equal(res.status, 303);
    assert.equal(res.location, page);
    return browser.get(page);
  }

  test('every page: no-store, CSP, no referrer, nosniff, lang and labelled fields', async () => {
    const browser = new PageClient(p.url);
    const { res } = await start(browser);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "form-action 'self'"]) {
      assert.ok(csp.includes(directive), directive);
    }
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.text, /<html lang="en">/);
    assert.match(res.text, /<label for="email">/);
    assert.match(res.text, /name="email" type="email" autocomplete="username"/);
    assert.match(res.text, /name="password" type="password" autocomplete="current-password"/);
    assert.match(res.text, /Example Bank/);
    assert.doesNotMatch(res.text, /https?:\/\/(?!bank\.example)/, 'no third-party resources');
    const css = await fetch(`${p.url}/assets/platform.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
  });

  test('a POST without or with a wrong CSRF token is refused with 403 and changes nothing', async () => {
    const browser = new PageClient(p.url);
    const { page, res } = await start(browser);
    const action = actionOf(res.text);
    const none = await browser.post(action, { ...ada });
    assert.equal(none.status, 403);
    assert.match(none.headers.get('content-type') ?? '', /^text\/html/);
    const wrong = await browser.post(action, { ...ada, csrf: 'x'.repeat(43) });
    assert.equal(wrong.status, 403);
    // Another browser's token for the same interaction is no good either.
    const elsewhere = new PageClient(p.url);
    const theirs = await start(elsewhere);
    assert.equal((await browser.post(action, { ...ada, csrf: csrfOf(theirs.res.text) })).status, 403);
    // A JSON body carries no form token: refused too.
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const json = await fetch(`${p.url}${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ ...ada, csrf: csrfOf(res.text) }),
    });
    assert.equal(json.status, 403);
    const repeated = await fetch(`${p.url}${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: `csrf=${csrfOf(res.text)}&email=a&email=b`,
    });
    assert.equal(repeated.status, 400);
    assert.match(repeated.headers.get('content-type') ?? '', /^text\/html/, 'errors on the pages are pages');
    assert.match((await browser.get(page)).text, /name="password"/, 'still on the login page');
  });

  test('the pages are bound to the browser that started the flow', async () => {
    const { page } = await start(new PageClient(p.url));
    const stranger = await new PageClient(p.url).get(page);
    assert.equal(stranger.status, 403);
  });

  test('login errors are the same for an unknown email and a wrong password', async () => {
    const browser = new PageClient(p.url);
    const { page, res } = await start(browser);
    const wrong = await submit(browser, page, res.text, { email: ada.email, password: 'nope' });
    const unknown = await submit(browser, page, wrong.text, {
      email: 'nobody@example.com',
      password: 'nope',
    });
    const message = (html: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0];
    assert.ok(message(wrong.text));
    assert.equal(message(wrong.text), message(unknown.text));
    assert.match(unknown.text, /value="nobody@example.com"/, 'the email is kept');
  });

  test('failed logins are limited per account', async () => {
    const target = { email: 'limited@example.com', password: 'the right password' };
    await seedPerson(p, { ...target, profiles: [PERSONAL] });
    const browser = new PageClient(p.url);
    let { page, res } = await start(browser);
    for (let i = 0; i < 5; i++)
      res = await submit(browser, page, res.text, { email: target.email, password: 'bad' });
    res = await submit(browser, page, res.text, target);
    assert.match(res.text, /Too many attempts/);
    assert.match(res.text, /name="password"/);
    p.clock.advance(16 * 60);
    ({ page, res } = await start(browser));
    res = await submit(browser, page, res.text, target);
    assert.match(res.text, /Choose a profile/);
  });

  test('2FA: a wrong code is refused, the right one passes, and the same code cannot be used twice', async () => {
    p.clock.advance(60);
    const browser = new PageClient(p.url);
    let { page, res } = await start(browser);
    res = await submit(browser, page, res.text, { email: grace.email, password: grace.password });
    assert.match(res.text, /autocomplete="one-time-code"/);
    assert.match(res.text, /inputmode="numeric"/);
    assert.match(res.text, /name="code"/);
    const good = totpCode(grace.totpSecret, p.clock.now());
    const bad = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    res = await submit(browser, page, res.text, { code: bad });
    assert.match(res.text, /That code is not right/);
    res = await submit(browser, page, res.text, { code: good });
    assert.match(res.text, /Grace Hopper/);

    // The same code, in another browser within the same 30 seconds: a replay.
    const other = new PageClient(p.url);
    const second = await start(other);
    second.res = await submit(other, second.page, second.res.text, {
      email: grace.email,
      password: grace.password,
    });
    second.res = await submit(other, second.page, second.res.text, { code: good });
    assert.match(second.res.text, /That code is not right, or was already used/);
    // Two steps away is outside the ±1 window; one step ahead (a clock a little fast) is inside it.
    p.clock.advance(30);
    const twoAhead = totpCode(grace.totpSecret, new Date(p.clock.now().getTime() + 60_000));
    second.res = await submit(other, second.page, second.res.text, { code: twoAhead });
    assert.match(second.res.text, /That code is not right/);
    const oneAhead = totpCode(grace.totpSecret, new Date(p.clock.now().getTime() + 30_000));
    second.res = await submit(other, second.page, second.res.text, { code: oneAhead });
    assert.match(second.res.text, /Choose a profile/);
  });

  test('success: 302 to the redirect_uri with code, state, profileId and iss, its own query kept', async () => {
    p.clock.advance(60);
    const browser = new PageClient(p.url);
    const callback = await linkAccount(p, browser, {
      client,
      redirectUri: REDIRECT,
      ...grace,
      state: 'a b&c',
    });
    assert.equal(callback.origin + callback.pathname, 'https://bank.example/cb');
    assert.deepEqual([...callback.searchParams.keys()], ['tenant', 'code', 'state', 'profileId', 'iss']);
    assert.equal(callback.searchParams.get('tenant'), 'a');
    assert.equal(callback.searchParams.get('state'), 'a b&c');
    assert.equal(callback.searchParams.get('iss'), p.platform.config.issuer);
    const [profile] = await p.platform.stores.profiles.listByUser(
      (await p.platform.stores.users.findByEmailKey(grace.email))!.id,
    );
    assert.equal(callback.searchParams.get('profileId'), String(profile!.id));
  });

  test('consent names the partner and the profile; Deny redirects with access_denied', async () => {
    const browser = new PageClient(p.url);
    let { page, res } = await start(browser, 'deny-state');
    res = await submit(browser, page, res.text, ada);
    const business =
      /name="profileId" value="(\d+)"[^>]*>\s*<span class="choice-text"><span class="choice-name">Analytical/.exec(
        res.text,
      );
    assert.ok(business, 'the business profile is offered');
    res = await submit(browser, page, res.text, { profileId: business[1]! });
    assert.match(res.text, /Allow Example Bank to access your account\?/);
    assert.match(res.text, /Analytical Engines Ltd/);
    assert.match(res.text, /name="decision" value="allow"/);
    assert.match(res.text, /name="decision" value="deny"/);
    const posted = await browser.post(actionOf(res.text), { csrf: csrfOf(res.text), decision: 'deny' });
    assert.equal(posted.status, 303);
    const toCallback = await browser.get(posted.location!);
    assert.equal(toCallback.status, 303);
    const final = await browser.get(toCallback.location!);
    assert.equal(final.status, 302);
    const url = new URL(final.location!);
    assert.equal(url.searchParams.get('error'), 'access_denied');
    assert.ok(url.searchParams.get('error_description'));
    assert.equal(url.searchParams.get('state'), 'deny-state');
    assert.equal(url.searchParams.get('iss'), p.platform.config.issuer);
    assert.equal(url.searchParams.get('code'), null);
    // The interaction is over: its callback cannot be used again.
    assert.equal((await browser.get(toCallback.location!)).status, 400);
  });

  test('a person with a platform session skips the login; "not you?" signs out', async () => {
    const browser = new PageClient(p.url);
    await linkAccount(p, browser, { client, redirectUri: REDIRECT, ...ada });
    const { page, res } = await start(browser);
    assert.match(res.text, /Choose a profile/);
    assert.match(res.text, /Signed in as <strong>ada@example.com<\/strong>/);
    const signOut = /<form method="post" action="([^"]+\/signout)"/.exec(res.text)![1]!;
    assert.equal((await browser.post(signOut, { csrf: csrfOf(res.text) })).status, 303);
    assert.match((await browser.get(page)).text, /name="password"/);
    const again = await start(browser);
    assert.match(again.res.text, /name="password"/, 'the session is gone');
  });

  test('creating a profile: a personal one needs names and a date of birth, a business one a name', async () => {
    const browser = new PageClient(p.url);
    let { page, res } = await start(browser);
    res = await submit(browser, page, res.text, newcomer);
    assert.match(res.text, /Create a profile/);
    res = await submit(browser, page, res.text, {
      type: 'PERSONAL',
      firstName: 'Nia',
      dateOfBirth: '2999-01-01',
    });
    assert.match(res.text, /Enter your last name/);
    assert.match(res.text, /must be in the past/);
    assert.match(res.text, /value="Nia"/);
    res = await submit(browser, page, res.text, { type: 'BUSINESS' });
    assert.match(res.text, /Enter the name of the business/);
    res = await submit(browser, page, res.text, {
      type: 'PERSONAL',
      firstName: 'Nia',
      lastName: 'Ng',
      dateOfBirth: '1985-02-28',
    });
    assert.match(res.text, /Allow Example Bank/);
    assert.match(res.text, /Nia Ng/);
  });

  test('a flow begun on one instance finishes on another with the same database', async () => {
    p.clock.advance(60);
    const second = await startTestPlatform({ db: p.db, clock: p.clock });
    try {
      const browser = new PageClient(p.url);
      let { page, res } = await start(browser);
      browser.base = second.url;
      res = await submit(browser, page, res.text, { email: grace.email, password: grace.password });
      browser.base = p.url;
      res = await submit(browser, page, res.text, { code: totpCode(grace.totpSecret, p.clock.now()) });
      browser.base = second.url;
      res = await submit(browser, page, res.text, {
        profileId: /name="profileId" value="(\d+)"/.exec(res.text)![1]!,
      });
      const posted = await browser.post(actionOf(res.text), { csrf: csrfOf(res.text), decision: 'allow' });
      browser.base = p.url;
      const final = await browser.get((await browser.get(posted.location!)).location!);
      const code = new URL(final.location!).searchParams.get('code')!;
      const token = await postForm(
        `${second.url}/oauth/token`,
        { grant_type: 'authorization_code', code, redirect_uri: REDIRECT },
        { authorization: basic(client.clientId, client.clientSecret) },
      );
      assert.equal(token.status, 200, token.text);
    } finally {
      await second.close();
    }
  });

  test('an interaction expires after an hour', async () => {
    const browser = new PageClient(p.url);
    const { page } = await start(browser);
    p.clock.advance(3601);
    const res = await browser.get(page);
    assert.equal(res.status, 400);
    assert.match(res.text, /expired/);
  });
});
