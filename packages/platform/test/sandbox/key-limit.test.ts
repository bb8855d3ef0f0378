import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csrfOf, get, PageClient, startTestPlatform, type TestPlatform } from '../support/index.js';

// Issue 11 "Locked" and issue 12 "no limit can be passed in parallel": wrong sandbox keys are counted per
// address (PLATFORM_LIMIT_SANDBOX_KEY), as a Bearer token and at the inspector's login alike.
const KEY = 'sandbox-key-for-tests-0123456789';
const LIMIT = 5;

describe('wrong sandbox keys are limited per address, under parallel guesses', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({
      settings: {
        mode: 'production',
        logLevel: 'silent',
        sandboxKey: KEY,
        sandboxInProduction: true,
        limitSandboxKey: LIMIT,
        trustProxy: true,
      },
    });
  });
  after(() => p.close());

  const from = (ip: string, key: string) =>
    get(`${p.url}/_sandbox/outbox`, { authorization: `Bearer ${key}`, 'x-forwarded-for': ip });

  test('40 parallel wrong keys: the limit is checked, the rest and then the right key are 429', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => from('203.0.113.7', `guess-${i}-xxxxxxxxxxxx`)),
    );
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 401).length, LIMIT);
    assert.equal(statuses.filter((s) => s === 429).length, 40 - LIMIT);

    const right = await from('203.0.113.7', KEY);
    assert.equal(right.status, 429, 'past the limit the right key is refused too');
    assert.equal(right.body.errors[0].code, 'TOO_MANY_REQUESTS');
    assert.ok(Number(right.headers.get('retry-after')) > 0);

    // The login form of that address says so, with when; another address is not blocked.
    const browser = new PageClient(p.url);
    browser.headers['x-forwarded-for'] = '203.0.113.7';
    const form = await browser.get('/_sandbox/login');
    const locked = await browser.post('/_sandbox/login', { key: KEY, csrf: csrfOf(form.text) });
    assert.equal(locked.status, 429);
    assert.match(locked.text, /Too many wrong keys from here\. You can try again at <time datetime="/);
    assert.equal(browser.cookies.has('aa_sandbox'), false);
    assert.equal((await from('198.51.100.9', KEY)).status, 200);

    // Once the window has passed, the right key works again from the first address.
    p.clock.advance(15 * 60 + 1);
    assert.equal((await from('203.0.113.7', KEY)).status, 200);
  });
});
