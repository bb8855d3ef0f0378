import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ada,
  flowPageOf,
  grace,
  type PartnerClient,
  REDIRECT,
  startHostedPages,
} from '../hosted-pages-fixture.js';
import {
  actionOf,
  authorizeUrl,
  csrfOf,
  PageClient,
  type PageResponse,
  type TestPlatform,
  totpCode,
} from '../support/index.js';

// Issue 13: each hosted step has its own URL (post/redirect/get), Back is safe, a finished flow says how it
// ended. Runs on PGlite, and on PostgreSQL with DATABASE_URL.

describe('the hosted steps, each at its own URL (issue 13)', () => {
  let p: TestPlatform;
  let client: PartnerClient;
  before(async () => {
    ({ p, client } = await startHostedPages());
  });
  after(() => p.close());

  /** A new flow in `browser`: its page (`/oauth/interaction/<uid>`). */
  async function begin(browser: PageClient, state = 'st'): Promise<string> {
    const res = await browser.get(
      authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT, state }),
    );
    assert.equal(res.status, 302);
    // Issue 14: straight to the first step's page.
    const page = flowPageOf(res.location!);
    assert.equal(res.location, `${page}/login`);
    return page;
  }

  /** Posts the form of the page at `url`; the 303 it answers. */
  async function post(browser: PageClient, url: string, form: Record<string, string>): Promise<PageResponse> {
    const page = await browser.get(url);
    assert.equal(page.status, 200, `${url}: ${page.status}`);
    const res = await browser.post(actionOf(page.text), { csrf: csrfOf(page.text), ...form });
    assert.equal(res.status, 303);
    return res;
  }

  const profileIds = (html: string) =>
    [...html.matchAll(/name="profileId" value="(\d+)"/g)].map((m) => m[1]!);

  test('the flow page and a step not reached yet redirect to the current step; each passed form leads to the next', async () => {
    const browser = new PageClient(p.url);
    const page = await begin(browser);
    const first = await browser.get(page);
    assert.equal(first.status, 303);
    assert.equal(first.location, `${page}/login`);
    for (const ahead of ['consent', 'profile', 'second-factor', 'callback', 'no-such-step']) {
      const res = await browser.get(`${page}/${ahead}`);
      assert.equal(res.status, 303, ahead);
      assert.equal(res.location, `${page}/login`, ahead);
    }
    const login = await browser.get(`${page}/login`);
    assert.equal(login.status, 200);
    assert.match(login.text, /name="password"/);
    const loggedIn = await post(browser, `${page}/login`, ada);
    assert.equal(loggedIn.location, `${page}/profile`);
    const wrong = await post(browser, `${page}/profile`, { profileId: '999999' });
    assert.equal(wrong.location, `${page}/profile`, 'a refused form comes back to its own page');
    assert.match((await browser.get(wrong.location!)).text, /Choose one of your profiles/);
    const [personal] = profileIds((await browser.get(`${page}/profile`)).text);
    const chosen = await post(browser, `${page}/profile`, { profileId: personal! });
    assert.equal(chosen.location, `${page}/consent`);
    const allowed = await post(browser, `${page}/consent`, { decision: 'allow' });
    assert.equal(allowed.location, `${page}/callback`);
  });

  test('Back to the profile before consent shows it again, and a new choice is the one consented to', async () => {
    const browser = new PageClient(p.url);
    const page = await begin(browser, 'back-state');
    await post(browser, `${page}/login`, ada);
    const [personal, business] = profileIds((await browser.get(`${page}/profile`)).text);
    await post(browser, `${page}/profile`, { profileId: personal! });
    assert.match((await browser.get(`${page}/consent`)).text, /Ada Lovelace/);

    const back = await browser.get(`${page}/profile`);
    assert.equal(back.status, 200);
    assert.match(back.text, /Choose a profile/);
    const changed = await post(browser, `${page}/profile`, { profileId: business! });
    assert.equal(changed.location, `${page}/consent`);
    assert.match((await browser.get(`${page}/consent`)).text, /Analytical Engines Ltd/);
    await post(browser, `${page}/consent`, { decision: 'allow' });
    const final = await browser.get(`${page}/callback`);
    assert.equal(final.status, 302);
    const code = new URL(final.location!).searchParams.get('code')!;
    const token = await fetch(`${p.url}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }),
    });
    assert.equal(token.status, 200);
    const profiles = await fetch(`${p.url}/v2/profiles`, {
      headers: { authorization: `Bearer ${((await token.json()) as { access_token: string }).access_token}` },
    });
    assert.deepEqual(
      ((await profiles.json()) as { id: number }[]).map((x) => String(x.id)),
      [business],
      'the grant covers the profile chosen last',
    );
  });

  test('Back to a step that cannot be taken again explains and leads on; its old form changes nothing', async () => {
    const browser = new PageClient(p.url);
    const page = await begin(browser);
    const loginPage = (await browser.get(`${page}/login`)).text;
    await post(browser, `${page}/login`, { email: grace.email, password: grace.password });
    const totp = await post(browser, `${page}/second-factor`, {
      code: totpCode(grace.totpSecret, p.clock.now()),
    });
    assert.equal(totp.location, `${page}/profile`);

    for (const [step, title] of [
      ['login', 'You are already logged in'],
      ['second-factor', 'Your security code was accepted'],
    ] as const) {
      const res = await browser.get(`${page}/${step}`);
      assert.equal(res.status, 200, step);
      assert.match(res.text, new RegExp(`<h1[^>]*>${title}</h1>`), step);
      assert.match(
        res.text,
        new RegExp(`<a class="button primary" href="${page}/profile">Continue</a>`),
        step,
      );
      assert.match(res.text, /Not you\? Sign out/);
    }
    // The login form of the page before, posted again: not applied, the browser is sent on to where it is.
    const stale = await browser.post(actionOf(loginPage), { csrf: csrfOf(loginPage), ...ada });
    assert.equal(stale.status, 303);
    assert.equal(stale.location, `${page}/profile`);
    assert.match((await browser.get(`${page}/profile`)).text, /Grace Hopper/, 'still Grace, not Ada');
  });

  test('a finished flow shows its outcome on reload, on Back and in a second tab; only one code is issued', async () => {
    const browser = new PageClient(p.url);
    const page = await begin(browser, 'done-state');
    await post(browser, `${page}/login`, ada);
    const [personal] = profileIds((await browser.get(`${page}/profile`)).text);
    await post(browser, `${page}/profile`, { profileId: personal! });
    const secondTab = (await browser.get(`${page}/consent`)).text;
    await post(browser, `${page}/consent`, { decision: 'allow' });
    const final = await browser.get(`${page}/callback`);
    assert.equal(final.status, 302);
    assert.ok(new URL(final.location!).searchParams.get('code'));

    for (const url of [page, `${page}/callback`, `${page}/consent`, `${page}/login`]) {
      const res = await browser.get(url);
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.match(res.text, /<h1[^>]*>You allowed Example Bank to access your account<\/h1>/, url);
      assert.match(res.text, /Ada Lovelace/, 'the browser that finished sees the profile');
      assert.match(res.text, /<a href="https:\/\/bank.example\/">back to Example Bank<\/a>/);
      assert.match(res.text, /You can close this page/);
    }
    // The second tab's Allow: nothing is issued again, the browser is sent to the outcome.
    const again = await browser.post(actionOf(secondTab), { csrf: csrfOf(secondTab), decision: 'allow' });
    assert.equal(again.status, 303);
    assert.equal(again.location, page);
    assert.equal((await browser.get(`${page}/callback`)).status, 200, 'no second redirect with a code');

    // Another browser with the URL learns only the outcome.
    const stranger = await new PageClient(p.url).get(`${page}/consent`);
    assert.equal(stranger.status, 200);
    assert.match(stranger.text, /You allowed Example Bank/);
    assert.doesNotMatch(stranger.text, /Ada Lovelace/);
  });

  test('ten tabs at the callback at once: one redirect with a code, the others the outcome', async () => {
    const browser = new PageClient(p.url);
    const page = await begin(browser, 'race-state');
    await post(browser, `${page}/login`, ada);
    const [personal] = profileIds((await browser.get(`${page}/profile`)).text);
    await post(browser, `${page}/profile`, { profileId: personal! });
    await post(browser, `${page}/consent`, { decision: 'allow' });
    const answers = await Promise.all(Array.from({ length: 10 }, () => browser.get(`${page}/callback`)));
    const withCode = answers.filter((r) => r.status === 302 && new URL(r.location!).searchParams.get('code'));
    assert.equal(withCode.length, 1, 'one code');
    for (const r of answers.filter((a) => !withCode.includes(a))) {
      assert.ok(r.status === 200 || (r.status === 303 && r.location === page), `${r.status} ${r.location}`);
      if (r.status === 200) assert.match(r.text, /You allowed Example Bank/);
    }
  });

  test('a denied flow says so on reload', async () => {
    const browser = new PageClient(p.url);
    const page = await begin(browser);
    await post(browser, `${page}/login`, ada);
    const [personal] = profileIds((await browser.get(`${page}/profile`)).text);
    await post(browser, `${page}/profile`, { profileId: personal! });
    await post(browser, `${page}/consent`, { decision: 'deny' });
    assert.equal((await browser.get(`${page}/callback`)).status, 302);
    const reload = await browser.get(`${page}/consent`);
    assert.equal(reload.status, 200);
    assert.match(reload.text, /<h1[^>]*>You denied Example Bank access<\/h1>/);
    assert.match(reload.text, /has not been given access/);
  });
});
