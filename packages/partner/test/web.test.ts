import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { startTestPartner } from '../src/testing/index.js';
import { Browser } from './support/browser.js';
import { FakeWise } from './support/fake-wise.js';

describe('the account page reads Wise through the central token store (contract §10.8)', () => {
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

  test('a linked customer sees the Wise profile', async () => {
    const page = await browser.get('/account');
    assert.match(page.text, /<span class="status ok">Connected<\/span>/);
    assert.match(page.text, /Name at Wise/);
    assert.doesNotMatch(page.text, /Connect your Wise account/);
  });

  test('an expired token is refreshed once on the way', async () => {
    partner.clock.advance(12 * 3600);
    await browser.signIn('cus-amelia'); // the 8-hour session has ended meanwhile
    await browser.get('/account');
    await browser.get('/account');
    assert.equal(wise.calls['refresh'], 1);
  });

  test('when no grant is left the customer is asked to connect again', async () => {
    partner.clock.advance(12 * 3600);
    await browser.signIn('cus-amelia'); // the 8-hour session has ended meanwhile
    wise.refreshFails = true;
    wise.registrationFails = true;
    const page = await browser.get('/account');
    assert.match(page.text, /Connection lost: connect your Wise account again/);
    assert.match(page.text, /Connect your Wise account<\/button>/);
    assert.equal((await partner.partner.stores.links.get('cus-amelia'))!.state, 'relink_required');
  });

  test('Wise being unreachable is said plainly, and the link is kept', async () => {
    wise.client.getProfile = async () => {
      throw new TypeError('fetch failed');
    };
    const page = await browser.get('/account');
    assert.equal(page.status, 200);
    assert.match(page.text, /could not reach Wise just now/);
    assert.equal((await partner.partner.stores.links.get('cus-amelia'))!.state, 'linked');
  });
});
