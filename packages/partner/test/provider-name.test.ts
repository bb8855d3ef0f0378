import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { loadPartnerConfig } from '../src/config/config.js';
import { key, startTestPartner } from '../src/testing/index.js';
import { Browser } from './support/browser.js';
import { FakeWise } from './support/fake-wise.js';

/** "Wise" alone, not as the start of the configured name: what no page may say once another name is set. */
const BARE_WISE = /\bWise\b(?! Sandbox)/;

describe('the provider by its configured name (issue 13: PARTNER_PROVIDER_NAME, the platform’s PLATFORM_NAME)', () => {
  let wise: FakeWise;
  let partner: Awaited<ReturnType<typeof startTestPartner>>;
  let browser: Browser;
  beforeEach(async () => {
    wise = new FakeWise();
    partner = await startTestPartner({ client: wise.client, settings: { providerName: 'Wise Sandbox' } });
    wise.now = () => partner.clock.now().getTime();
    browser = new Browser(partner.url);
    await browser.signIn('cus-amelia');
  });
  afterEach(() => partner.close());

  test('the account page, before and after connecting, and the Disconnect page name it', async () => {
    const before = await browser.get('/account');
    assert.match(before.text, /<h2 id="wise-h">Your Wise Sandbox account<\/h2>/);
    assert.match(before.text, /Connect your Wise Sandbox account<\/button>/);
    assert.match(before.text, /Wise Sandbox terms and conditions/);
    assert.doesNotMatch(before.text, BARE_WISE);

    await browser.post('/wise/connect', { _csrf: await browser.csrf('/account') });
    const linked = await browser.get('/account?connected=1');
    assert.match(linked.text, /Your Wise Sandbox account is connected\./);
    assert.match(linked.text, /Name at Wise Sandbox/);
    assert.match(linked.text, /Disconnect your Wise Sandbox account/);
    assert.doesNotMatch(linked.text, BARE_WISE);

    const confirm = await browser.get('/wise/disconnect');
    assert.match(confirm.text, /<h1>Disconnect your Wise Sandbox account\?<\/h1>/);
    assert.doesNotMatch(confirm.text, BARE_WISE);
  });

  test('what the onboarding tells the customer, and keeps, names it too', async () => {
    await browser.post('/wise/connect', { _csrf: await browser.csrf('/account') });
    // A grant the platform no longer honours: the message stored on the link (contract §10.8).
    partner.clock.advance(12 * 3600);
    await browser.signIn('cus-amelia');
    wise.refreshFails = true;
    wise.registrationFails = true;
    const lost = await browser.get('/account');
    assert.match(lost.text, /Connection lost: connect your Wise Sandbox account again/);
    assert.match(lost.text, /Wise Sandbox no longer accepts our access to your account/);
    assert.doesNotMatch(lost.text, BARE_WISE);

    // A callback without its state (contract §10.3).
    const refused = await browser.get('/wise/callback?code=abc');
    assert.equal(refused.status, 400);
    assert.match(refused.text, /the security code we sent to Wise Sandbox/);
  });

  test('unset, the name is "Wise"; blank is "Wise" too, and spaces are one', () => {
    const named = (env: NodeJS.ProcessEnv) =>
      loadPartnerConfig({
        env,
        overrides: {
          mode: 'test',
          vaultKeys: `t1:${key()}`,
          sessionSecret: randomBytes(32).toString('base64url'),
        },
      }).wise.name;
    assert.equal(named({}), 'Wise');
    assert.equal(named({ PARTNER_PROVIDER_NAME: '  ' }), 'Wise');
    assert.equal(named({ PARTNER_PROVIDER_NAME: ' Wise\n Sandbox ' }), 'Wise Sandbox');
  });
});
