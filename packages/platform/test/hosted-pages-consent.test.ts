import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ada,
  grace,
  newcomer,
  type PartnerClient,
  REDIRECT,
  startFlow,
  startHostedPages,
  submit,
} from './hosted-pages-fixture.js';
import {
  actionOf,
  basic,
  csrfOf,
  linkAccount,
  PageClient,
  postForm,
  startTestPlatform,
  type TestPlatform,
  totpCode,
} from './support/index.js';

describe('the hosted pages: profile, consent, the redirect back (contract §4)', () => {
  let p: TestPlatform;
  let client: PartnerClient;
  before(async () => {
    ({ p, client } = await startHostedPages());
  });
  after(() => p.close());
  const start = (browser: PageClient, state?: string) => startFlow(p, client, browser, state);

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
    assert.equal(posted.location, `${page}/callback`, 'the answered consent leads to the callback');
    const final = await browser.get(posted.location!);
    assert.equal(final.status, 302);
    const url = new URL(final.location!);
    assert.equal(url.searchParams.get('error'), 'access_denied');
    assert.ok(url.searchParams.get('error_description'));
    assert.equal(url.searchParams.get('state'), 'deny-state');
    assert.equal(url.searchParams.get('iss'), p.platform.config.issuer);
    assert.equal(url.searchParams.get('code'), null);
    // The interaction is over: its callback issues nothing again, and says what was decided (issue 13).
    const again = await browser.get(posted.location!);
    assert.equal(again.status, 200);
    assert.match(again.text, /You denied Example Bank access/);
    assert.match(again.text, /<a href="https:\/\/bank.example\/">back to Example Bank<\/a>/);
  });

  test('a person with a platform session skips the login; "not you?" signs out', async () => {
    const browser = new PageClient(p.url);
    await linkAccount(p, browser, { client, redirectUri: REDIRECT, ...ada });
    const { page, res } = await start(browser);
    assert.match(res.text, /Choose a profile/);
    assert.match(res.text, /Signed in as <strong>ada@example.com<\/strong>/);
    const signOut = /<form method="post" action="([^"]+\/signout)"/.exec(res.text)![1]!;
    assert.equal((await browser.post(signOut, { csrf: csrfOf(res.text) })).status, 303);
    assert.match((await browser.open(page)).text, /name="password"/);
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
      const final = await browser.get(posted.location!);
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
    const res = await browser.open(page);
    assert.equal(res.status, 400);
    assert.match(res.text, /expired/);
  });
});
