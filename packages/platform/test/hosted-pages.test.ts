import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ada,
  grace,
  type PartnerClient,
  startFlow,
  startHostedPages,
  submit,
} from './hosted-pages-fixture.js';
import {
  actionOf,
  csrfOf,
  PageClient,
  PERSONAL,
  seedPerson,
  type TestPlatform,
  totpCode,
} from './support/index.js';

describe('the hosted pages: headers, CSRF, login, 2FA (contract §4)', () => {
  let p: TestPlatform;
  let client: PartnerClient;
  before(async () => {
    ({ p, client } = await startHostedPages());
  });
  after(() => p.close());
  const start = (browser: PageClient, state?: string) => startFlow(p, client, browser, state);

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
    assert.match((await browser.open(page)).text, /name="password"/, 'still on the login page');
  });

  test('the pages are bound to the browser that started the flow', async () => {
    const { page } = await start(new PageClient(p.url));
    const stranger = await new PageClient(p.url).open(page);
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

  test('failed logins are limited per account and address: after 3 the next try waits (contract "Attempt limits")', async () => {
    const target = { email: 'limited@example.com', password: 'the right password' };
    await seedPerson(p, { ...target, profiles: [PERSONAL] });
    const browser = new PageClient(p.url);
    let { page, res } = await start(browser);
    for (let i = 0; i < 3; i++)
      res = await submit(browser, page, res.text, { email: target.email, password: 'bad' });
    res = await submit(browser, page, res.text, target);
    assert.match(res.text, /Too many attempts/);
    assert.match(res.text, /name="password"/);
    p.clock.advance(1);
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
    assert.match(second.res.text, /This code was just used. Wait for the next one./);
    // Two steps away is outside the ±1 window; one step ahead (a clock a little fast) is inside it.
    p.clock.advance(30);
    const twoAhead = totpCode(grace.totpSecret, new Date(p.clock.now().getTime() + 60_000));
    second.res = await submit(other, second.page, second.res.text, { code: twoAhead });
    assert.match(second.res.text, /That code is not right/);
    const oneAhead = totpCode(grace.totpSecret, new Date(p.clock.now().getTime() + 30_000));
    second.res = await submit(other, second.page, second.res.text, { code: oneAhead });
    assert.match(second.res.text, /Choose a profile/);
  });
});
