import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, get, postForm } from '@account-access/platform/testing';
import {
  backAtBank,
  connect,
  holdsTokens,
  linkJohn,
  PEOPLE,
  signInAtBank,
  throughPlatform,
  wiseCard,
} from './support/flows.js';
import { startWorld, type World } from './support/world.js';

/**
 * Disconnect (issue 12): the person disconnects the bank on the platform's account pages, and the bank
 * shows the link as broken on its next use; the bank's own Disconnect revokes at the platform (RFC 7009);
 * a refused date of birth leaves no live grant behind (contract §10.6).
 */
describe('disconnecting a linked account, from either side', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.close();
  });

  const liveGrants = async (email: string) => {
    const user = await world.platform.platform.stores.users.findByEmailKey(email);
    return world.platform.platform.stores.grants.listLiveForUser(user!.id, world.platform.clock.now());
  };

  test('John disconnects Demo Bank on the platform; the bank finds the link broken on next use', async () => {
    const page = await linkJohn(world, 'pdisc');
    // The same browser went through the platform's pages, so it is signed in there already.
    await page.goto(`${world.platform.url}/account`);
    await page.getByRole('heading', { name: 'Connected apps' }).waitFor();
    await world.shot(page, 'pdisc-5-platform-connected-apps');
    await page.getByRole('link', { name: 'Disconnect Demo Bank' }).click();
    await page.getByRole('heading', { name: 'Disconnect Demo Bank?' }).waitFor();
    await world.shot(page, 'pdisc-6-platform-confirm');
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('status').filter({ hasText: 'Demo Bank is disconnected' }).waitFor();
    assert.match((await page.locator('main').textContent()) ?? '', /No app is connected to your account/);
    await world.shot(page, 'pdisc-7-platform-disconnected');
    assert.deepEqual(await liveGrants(PEOPLE.john.email), []);
    assert.equal(await holdsTokens(world, 'cus-john'), true, 'the bank does not know yet');

    await page.goto(`${world.partner.url}/account`);
    await page.getByRole('heading', { name: 'Hello, John' }).waitFor();
    assert.equal((await wiseCard(page)).status, 'Connection lost: connect your Wise account again');
    await page.getByRole('button', { name: 'Connect your Wise account' }).waitFor();
    await world.shot(page, 'pdisc-8-bank-link-broken');
    assert.equal((await world.partner.partner.stores.links.get('cus-john'))?.state, 'relink_required');
    assert.equal(await holdsTokens(world, 'cus-john'), false);
    await page.context().close();
  });

  test("the bank's Disconnect revokes at the platform: its tokens then answer 401 and invalid_grant", async () => {
    world.advance(60); // a fresh TOTP step: the platform refuses a code used already (RFC 6238 §5.2)
    const page = await linkJohn(world, 'bdisc');
    const tokens = await world.partner.partner.stores.tokens.get('cus-john');
    assert.ok(tokens);
    assert.equal((await get(`${world.platform.url}/v2/profiles`, bearer(tokens.accessToken))).status, 200);
    await page.getByRole('link', { name: 'Disconnect your Wise account' }).click();
    await page.getByRole('heading', { name: 'Disconnect your Wise account?' }).waitFor();
    await world.shot(page, 'bdisc-5-bank-confirm');
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('status').filter({ hasText: 'You disconnected your Wise account' }).waitFor();
    assert.equal(
      (await wiseCard(page)).status,
      'Disconnected: we no longer have access to your Wise account',
    );
    await world.shot(page, 'bdisc-6-bank-disconnected');
    assert.equal(await holdsTokens(world, 'cus-john'), false);

    const api = await get(`${world.platform.url}/v2/profiles`, bearer(tokens.accessToken));
    assert.equal(api.status, 401);
    const { clientId, clientSecret } = world.partner.partner.config.wise;
    const refresh = await postForm(
      `${world.platform.url}/oauth/token`,
      { grant_type: 'refresh_token', refresh_token: tokens.refreshToken },
      { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    );
    assert.equal(refresh.body.error, 'invalid_grant');
    // And the platform's own account page agrees: nothing is connected.
    await page.goto(`${world.platform.url}/account`);
    assert.match((await page.locator('main').textContent()) ?? '', /No app is connected to your account/);
    await page.context().close();
  });

  test('Ana is refused on her date of birth: the bank revokes what it obtained, no grant stays live', async () => {
    const page = await world.page();
    await signInAtBank(world, page, 'Ana Silva');
    await connect(page);
    await throughPlatform(world, page, PEOPLE.ana, 'Allow', 'dobrevoke');
    await backAtBank(world, page);
    await page.getByRole('heading', { name: 'Wise account not connected' }).waitFor();
    assert.deepEqual(await liveGrants(PEOPLE.ana.email), []);
    await page.goto(`${world.platform.url}/account`);
    assert.match((await page.locator('main').textContent()) ?? '', /No app is connected to your account/);
    await world.shot(page, 'dobrevoke-6-platform-nothing-connected');
    await page.context().close();
  });
});
