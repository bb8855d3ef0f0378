import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { startTestPartner } from '../src/testing/index.js';
import { Browser } from './support/browser.js';
import { FakeWise } from './support/fake-wise.js';

/** The bank's Disconnect (issue 12; issue 13 item 7): a confirmation page, then POST + CSRF, then the account. */
describe('the account page: Disconnect your Wise account', () => {
  let wise: FakeWise;
  let partner: Awaited<ReturnType<typeof startTestPartner>>;
  let browser: Browser;
  beforeEach(async () => {
    wise = new FakeWise();
    partner = await startTestPartner({ client: wise.client });
    wise.now = () => partner.clock.now().getTime();
    browser = new Browser(partner.url);
    await browser.signIn('cus-amelia');
    await browser.post('/wise/connect', { _csrf: await browser.csrf('/account') });
  });
  afterEach(() => partner.close());

  test('linked: the account page offers Disconnect, which asks first', async () => {
    const page = await browser.get('/account');
    assert.match(
      page.text,
      /<a class="button secondary" href="\/wise\/disconnect">Disconnect your Wise account<\/a>/,
    );
    const confirm = await browser.get('/wise/disconnect');
    assert.equal(confirm.status, 200);
    assert.match(confirm.text, /Disconnect your Wise account\?/);
    assert.match(confirm.text, /<form method="post" action="\/wise\/disconnect"/);
    assert.equal(wise.calls['revoke'], undefined, 'asking changes nothing');
  });

  test('POST revokes, then 303 to the account page, which says so in green; a reload repeats nothing', async () => {
    const csrf = await browser.csrf('/wise/disconnect');
    const res = await browser.post('/wise/disconnect', { _csrf: csrf });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/account?disconnected=1');
    const page = await browser.get('/account?disconnected=1');
    assert.match(page.text, /<p class="notice ok" role="status">You disconnected your Wise account/);
    assert.match(page.text, /<span class="status off">Disconnected: we no longer have access/);
    assert.match(page.text, /Connect your Wise account<\/button>/);
    assert.doesNotMatch(page.text, /href="\/wise\/disconnect"/);
    assert.equal(wise.calls['revoke'], 1);
    assert.equal(await partner.partner.stores.tokens.get('cus-amelia'), null);
    await browser.get('/account?disconnected=1');
    assert.equal(wise.calls['revoke'], 1);
    // The confirmation page of a link that is gone sends the customer back to the account.
    const again = await browser.get('/wise/disconnect');
    assert.equal(again.status, 303);
  });

  test('without the CSRF token nothing is revoked', async () => {
    const res = await browser.post('/wise/disconnect', {});
    assert.equal(res.status, 403);
    assert.equal(wise.calls['revoke'], undefined);
    assert.equal((await partner.partner.stores.links.get('cus-amelia'))?.state, 'linked');
  });

  test('the notice is only shown while it is true', async () => {
    const page = await browser.get('/account?disconnected=1');
    assert.doesNotMatch(page.text, /You disconnected/);
  });

  test('signed out, Disconnect is refused', async () => {
    const stranger = new Browser(partner.url);
    assert.equal((await stranger.get('/wise/disconnect')).status, 401);
  });
});
