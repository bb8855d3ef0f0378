import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect, holdsTokens, linkJohn, signInAtBank, wiseCard } from './support/flows.js';
import { startWorld, type World } from './support/world.js';

describe('the callback refuses a state the bank did not issue, or issued and saw used (contract §10.3)', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.close();
  });

  /** Codes the platform issued and that were exchanged: a refused callback must exchange none. */
  const exchangedCodes = async () => {
    const { rows } = await world.platform.db.query<{ n: number }>(
      'select count(*)::int as n from authorization_codes where consumed_at is not null',
    );
    return rows[0]!.n;
  };

  test('a forged state: refused in plain words, nothing exchanged, the customer can start again', async () => {
    const page = await world.page();
    await signInAtBank(world, page, 'John Smith');
    await connect(page);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    const before = await exchangedCodes();
    const forged = new URL('/wise/callback', world.partner.url);
    forged.search = new URLSearchParams({
      code: 'a-code-from-elsewhere',
      state: 'forged-state',
      profileId: '1',
    }).toString();
    const res = await page.goto(forged.href);
    assert.equal(res?.status(), 400);
    await page.getByRole('heading', { name: 'Connection refused' }).waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /We did not start this connection/);
    await world.shot(page, 'state-forged');
    assert.equal(await exchangedCodes(), before);
    assert.equal(await holdsTokens(world, 'cus-john'), false);
    assert.equal((await world.partner.partner.stores.links.get('cus-john'))?.state, 'linking');

    const missing = await page.goto(new URL('/wise/callback?code=abc', world.partner.url).href);
    assert.equal(missing?.status(), 400);
    await page.getByRole('heading', { name: 'Connection refused' }).waitFor();
    await page.context().close();
  });

  test('a replayed callback: the first links, the same URL again is refused and changes nothing', async () => {
    world.advance(60);
    const page = await linkJohn(world, 'state');
    const callback = page.url();
    assert.match(callback, /\/wise\/callback\?/);
    const link = await world.partner.partner.stores.links.get('cus-john');
    assert.equal(link?.state, 'linked');
    const exchanged = await exchangedCodes();

    const res = await page.goto(callback);
    assert.equal(res?.status(), 400);
    await page.getByRole('heading', { name: 'Connection refused' }).waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /already used/);
    await world.shot(page, 'state-replayed');
    assert.equal(await exchangedCodes(), exchanged, 'the code was not sent again');
    const after = await world.partner.partner.stores.links.get('cus-john');
    assert.equal(after?.state, 'linked');
    assert.equal(after?.wiseProfileId, link?.wiseProfileId);
    // Had the code gone to the platform again, it would have revoked the tokens issued from it (contract §4).
    await page.getByRole('link', { name: 'Back to your account' }).click();
    assert.deepEqual(await wiseCard(page), {
      status: 'Connected',
      profileId: String(link?.wiseProfileId),
      name: 'John Smith',
    });
    await page.context().close();
  });
});
