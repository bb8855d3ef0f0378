// A new Brazilian customer onboards at the bank, the platform's sandbox verifies the profile by
// simulation, the signed profiles#verification-state-change reaches the bank's receiver, and the bank's
// page shows the customer verified (contract §11).
// https://docs.wise.com/api-reference/simulation (POST /v1/simulation/profiles/{profileId}/verifications)
// https://docs.wise.com/guides/developer/webhooks/event-types
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { connect, connectedAtBank, signInAtBank } from './support/flows.js';
import { startWorld, type World } from './support/world.js';

/**
 * The demo seed's new Brazilian customer. Wise's sandbox accepts a CPF only for "Test User" born 2000-01-01
 * with a CPF starting 6-9, and the seed's customer is that person: read from the bank's records, not assumed.
 */
const CUSTOMER = 'cus-joao';

const verificationShown = async (page: Page) =>
  ((await page.locator('#verification').textContent()) ?? '').trim();

describe('verification by simulation reaches the bank as a signed webhook (contract §11)', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.close();
  });

  test('the bank subscribes at start, then shows the simulated verification on the account page', async () => {
    // The partner started before the demo client was registered on the platform: its first try failed (or
    // is failing), its next one subscribes.
    await world.partner.subscriber?.first;
    const subscribed = await world.partner.subscriber?.runNow();
    assert.equal(subscribed?.kind, 'done', JSON.stringify(subscribed));

    const customer = await world.partner.partner.stores.customers.get(CUSTOMER);
    assert.equal(customer?.address.countryIso3, 'BRA');
    const page = await world.page();
    await signInAtBank(world, page, `${customer.firstName} ${customer.lastName}`);
    await connect(page);
    await connectedAtBank(page);
    const link = await world.partner.partner.stores.links.get(CUSTOMER);
    assert.equal(link?.state, 'linked');
    const profileId = link!.wiseProfileId!;
    assert.notEqual(await verificationShown(page), 'Verified by Wise');
    await world.shot(page, 'verification-1-account-linked');

    // Wise: "Accepts both user and application API tokens"; the bank's client token here.
    const { accessToken } = await world.partner.partner.client.clientCredentialsToken();
    const simulated = await fetch(`${world.platform.url}/v1/simulation/profiles/${profileId}/verifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    assert.equal(simulated.status, 200);

    // Test platforms have no webhook timer: the test delivers what is due itself.
    const report = await world.platform.webhooks.deliverDue();
    assert.equal(
      (await world.partner.partner.stores.webhooks.verification(profileId))?.state,
      'verified',
      `the bank has the verification (${JSON.stringify(report)})`,
    );
    await page.reload();
    assert.equal(await verificationShown(page), 'Verified by Wise');
    await world.shot(page, 'verification-2-account-verified');
    await page.context().close();
  });
});
