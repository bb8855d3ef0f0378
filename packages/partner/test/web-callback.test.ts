import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { startTestPartner } from '../src/testing/index.js';
import { Browser } from './support/browser.js';
import { FakeWise } from './support/fake-wise.js';

/**
 * Issue 13 item 2: the redirect callback is idempotent for the browser that finished it. Success answers
 * 303 to a clean URL; the same session bringing back a state it spent (a reload, the flow finished in a
 * second tab) sees the connected account, with nothing exchanged again; a stale or forged state, or one
 * from another browser, is still refused (contract §10.3).
 */
describe('the bank callback after success: reload and second tab', () => {
  let wise: FakeWise;
  let partner: Awaited<ReturnType<typeof startTestPartner>>;
  let browser: Browser;
  beforeEach(async () => {
    wise = new FakeWise();
    wise.existing('john.smith@example.com', '1985-07-14');
    partner = await startTestPartner({ client: wise.client });
    wise.now = () => partner.clock.now().getTime();
    browser = new Browser(partner.url);
    await browser.signIn('cus-john');
  });
  afterEach(() => partner.close());

  /** "Connect your Wise account" in `who`'s session; the authorize URL's parameters. */
  async function start(who = browser): Promise<URLSearchParams> {
    const res = await who.post('/wise/connect', { _csrf: await who.csrf('/account') });
    assert.equal(res.status, 303);
    return new URL(res.headers.get('location')!).searchParams;
  }

  /** The callback URL the platform would redirect to after the person allowed access. */
  function callbackFor(authorize: URLSearchParams): string {
    const { code, profileId } = wise.issueCode('john.smith@example.com', authorize.get('code_challenge')!);
    const query = new URLSearchParams({ code, profileId: String(profileId), state: authorize.get('state')! });
    return `/wise/callback?${query}`;
  }

  test('success answers 303 to the account page without the code, which says so in green', async () => {
    const res = await browser.get(callbackFor(await start()));
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/account?connected=1');
    const account = await browser.get('/account?connected=1');
    assert.match(account.text, /<p class="notice ok" role="status">Your Wise account is connected\.<\/p>/);
    assert.match(account.text, /<span class="status ok">Connected<\/span>/);
  });

  test('a reload of the callback shows the connected account and exchanges nothing again', async () => {
    const callback = callbackFor(await start());
    assert.equal((await browser.get(callback)).status, 303);
    const reload = await browser.get(callback);
    assert.equal(reload.status, 303);
    assert.equal(reload.headers.get('location'), '/account?connected=1');
    assert.equal(wise.calls['exchangeCode'], 1, 'the state is spent once');
    assert.equal((await partner.partner.stores.links.get('cus-john'))?.state, 'linked');
  });

  test('the same flow finished twice (a second tab) lands both tabs on the account', async () => {
    const authorize = await start();
    const first = callbackFor(authorize);
    // The second tab's code comes with the same state: it is recognised, never exchanged.
    const second = callbackFor(authorize);
    assert.equal((await browser.get(first)).status, 303);
    const other = await browser.get(second);
    assert.equal(other.status, 303);
    assert.equal(other.headers.get('location'), '/account?connected=1');
    assert.equal(wise.calls['exchangeCode'], 1);
  });

  test('two flows started in two tabs: the later one finishes on the connected account too', async () => {
    const tabA = await start();
    const tabB = await start();
    assert.equal((await browser.get(callbackFor(tabA))).status, 303);
    const res = await browser.get(callbackFor(tabB));
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/account?connected=1');
    assert.equal(wise.calls['exchangeCode'], 1, 'the connected customer is not linked twice');
  });

  test('the spent state in another browser, a forged state and an expired one are still refused', async () => {
    const callback = callbackFor(await start());
    // A second flow, started before the first finished and left open too long.
    const late = await start();
    await browser.get(callback);
    const thief = new Browser(partner.url);
    await thief.signIn('cus-john');
    const stolen = await thief.get(callback);
    assert.equal(stolen.status, 400);
    assert.match(stolen.text, /already used/);
    const cookieless = await new Browser(partner.url).get(callback);
    assert.equal(cookieless.status, 400);

    const forged = await browser.get(`/wise/callback?code=abc&profileId=1&state=${'x'.repeat(43)}`);
    assert.equal(forged.status, 400);
    assert.match(forged.text, /We did not start this connection/);

    // Refused as expired, even for the customer now connected.
    partner.clock.advance(partner.partner.config.stateTtlSeconds + 1);
    const expired = await browser.get(callbackFor(late));
    assert.equal(expired.status, 400);
    assert.match(expired.text, /took too long and expired/);
    assert.equal(wise.calls['exchangeCode'], 1);
  });

  test('a reload after the customer disconnected is refused, not shown as connected', async () => {
    const callback = callbackFor(await start());
    await browser.get(callback);
    await browser.post('/wise/disconnect', { _csrf: await browser.csrf('/wise/disconnect') });
    const reload = await browser.get(callback);
    assert.equal(reload.status, 400);
    assert.match(reload.text, /already used/);
  });

  test('the connected notice is only shown while it is true', async () => {
    const page = await browser.get('/account?connected=1');
    assert.doesNotMatch(page.text, /Your Wise account is connected/);
  });
});
