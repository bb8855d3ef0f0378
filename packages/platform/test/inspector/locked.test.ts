import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csrfOf, get, PageClient, postJson, startTestPlatform, type TestPlatform } from '../support/index.js';

// Issue 11 "Locked": outside development on loopback the inspector needs the sandbox key, and so does every
// button on it (each makes a control-plane call with the browser's login).
const KEY = 'inspector-key-for-tests-0123456789';

describe('the inspector behind the sandbox key (production mode, sandbox allowed explicitly)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({
      settings: { mode: 'production', logLevel: 'silent', sandboxKey: KEY, sandboxInProduction: true },
    });
  });
  after(() => p.close());

  test('without the key: sent to the login form; the actions answer nothing and change nothing', async () => {
    const browser = new PageClient(p.url);
    const page = await browser.get('/_sandbox');
    assert.equal(page.status, 303);
    assert.equal(page.location, '/_sandbox/login');
    const press = await browser.post('/_sandbox/inspector/clock', { csrf: 'x', advanceSeconds: '60' });
    assert.ok([303, 401].includes(press.status), String(press.status));
    assert.equal(
      (await get(`${p.url}/_sandbox/clock`, { authorization: `Bearer ${KEY}` })).body.offsetSeconds,
      0,
    );
  });

  test('logged in: the page, and its buttons make the call with the login', async () => {
    const browser = new PageClient(p.url);
    const login = await browser.get('/_sandbox/login');
    assert.equal((await browser.post('/_sandbox/login', { key: KEY, csrf: csrfOf(login.text) })).status, 303);
    const page = await browser.get('/_sandbox');
    assert.equal(page.status, 200);
    assert.match(page.text, /Sandbox inspector/);
    assert.ok(!page.text.includes(KEY), 'the key is never on the page');
    const csrf = /action="\/_sandbox\/inspector\/clock"[\s\S]*?name="csrf" value="([^"]+)"/.exec(
      page.text,
    )![1]!;
    const moved = await browser.post('/_sandbox/inspector/clock', { csrf, advanceSeconds: '60' });
    assert.equal(moved.status, 303);
    const clock = await get(`${p.url}/_sandbox/clock`, { authorization: `Bearer ${KEY}` });
    assert.equal(clock.body.offsetSeconds, 60);
    await postJson(`${p.url}/_sandbox/clock`, { reset: true }, { authorization: `Bearer ${KEY}` });

    // The page's Log out button ends the login: the inspector sends the browser back to the login form.
    const logout =
      /<form method="post" action="\/_sandbox\/logout"[^>]*>[\s\S]*?name="csrf" value="([^"]+)"/.exec(
        page.text,
      );
    assert.ok(logout, 'a logged-in inspector has a Log out button');
    assert.match(page.text, /aria-label="Log out of the inspector">Log out</);
    const out = await browser.post('/_sandbox/logout', { csrf: logout[1]! });
    assert.equal(out.status, 303);
    assert.equal(out.location, '/_sandbox/login');
    assert.equal((await browser.get('/_sandbox')).location, '/_sandbox/login');
    // A script with the bearer key has no login to end: no button.
    const keyed = await get(`${p.url}/_sandbox`, { authorization: `Bearer ${KEY}` });
    assert.equal(keyed.status, 200);
    assert.doesNotMatch(keyed.text, /<form method="post" action="\/_sandbox\/logout"/);
  });

  test('the landing page in production mode with the sandbox on links the inspector', async () => {
    const home = await new PageClient(p.url).get('/');
    assert.equal(home.status, 200);
    assert.match(home.text, /href="\/_sandbox"/);
    assert.match(home.text, /sandbox, in production mode/);
    assert.match(home.text, /need the sandbox key/);
  });
});
