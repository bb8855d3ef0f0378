import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  backAtBank,
  connect,
  connectedAtBank,
  holdsTokens,
  linkJohn,
  PEOPLE,
  signInAtBank,
  throughPlatform,
  wiseCard,
} from './support/flows.js';
import { startWorld, type World } from './support/world.js';

/** The platform's access token lifetime (PLATFORM_ACCESS_TOKEN_TTL's default). */
const TWELVE_HOURS = 12 * 3600;

describe('the token store: refresh ahead of expiry, recovery, and linking again (contract §5, §10.8)', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.close();
  });

  /** The platform's grants for a person and this bank, and how many access tokens each has issued. */
  async function grantsOf(email: string) {
    const { rows } = await world.platform.db.query<{ id: string; revoked: boolean; tokens: number }>(
      `select g.id, g.revoked_at is not null as revoked,
              (select count(*)::int from access_tokens t where t.grant_id = g.id) as tokens
         from grants g join users u on u.id = g.user_id
        where u.email = $1 and g.client_id = 'demo-bank' order by g.created_at, g.id`,
      [email],
    );
    return rows;
  }

  async function revokeAll(email: string) {
    for (const grant of await grantsOf(email)) {
      if (!grant.revoked)
        await world.platform.platform.stores.grants.revoke(grant.id, world.platform.clock.now());
    }
  }

  /** The account page of a customer, in a fresh browser signed in at the bank. */
  async function accountOf(name: string): Promise<Page> {
    const page = await world.page();
    await signInAtBank(world, page, name);
    return page;
  }

  test('past expiry, the bank refreshes once, even when two pages ask at the same moment', async () => {
    const page = await accountOf('Amelia Hughes');
    await connect(page);
    await connectedAtBank(page);
    const [grant] = await grantsOf('amelia.hughes@example.com');
    assert.equal(grant?.tokens, 1);

    // Two pages of one bank session, opened while the access token is still fresh (the bank's sessions last
    // 8 hours, the platform's access tokens 12): then time passes beyond the token's expiry.
    world.advance(7 * 3600);
    const [a, b] = [await accountOf('Amelia Hughes'), await world.page()];
    await b.context().addCookies(await a.context().cookies());
    assert.equal((await grantsOf('amelia.hughes@example.com'))[0]?.tokens, 1, 'no refresh yet');
    world.advance(TWELVE_HOURS - 7 * 3600 + 60);
    await Promise.all([a.reload(), b.goto(`${world.partner.url}/account`)]);
    for (const p of [a, b]) assert.equal((await wiseCard(p)).name, 'Amelia Hughes');
    await world.shot(a, 'tokens-1-refreshed');
    const [after] = await grantsOf('amelia.hughes@example.com');
    assert.equal(after?.id, grant?.id, 'the same grant, refreshed');
    assert.equal(after?.tokens, 2, 'exactly one refresh');
    for (const p of [page, a, b]) await p.context().close();
  });

  test('a bank-created customer whose grant the platform revoked: tokens come back from the registration code', async () => {
    await revokeAll('amelia.hughes@example.com');
    const page = await accountOf('Amelia Hughes');
    assert.equal((await wiseCard(page)).status, 'Connected');
    assert.equal((await wiseCard(page)).name, 'Amelia Hughes');
    await world.shot(page, 'tokens-2-recovered');
    const grants = await grantsOf('amelia.hughes@example.com');
    assert.equal(grants.filter((g) => !g.revoked).length, 1, 'a new grant from the registration code');
    assert.equal((await world.partner.partner.stores.links.get('cus-amelia'))?.state, 'linked');
    await page.context().close();
  });

  test('a linked customer whose grant the platform revoked is asked to link again, and can', async () => {
    await (await linkJohn(world, 'tokens')).context().close();
    await revokeAll('john.smith@example.com');

    const page = await accountOf('John Smith');
    assert.equal((await wiseCard(page)).status, 'Connection lost: connect your Wise account again');
    await world.shot(page, 'tokens-3-relink-required');
    assert.equal((await world.partner.partner.stores.links.get('cus-john'))?.state, 'relink_required');
    assert.equal(await holdsTokens(world, 'cus-john'), false);

    world.advance(60);
    await connect(page);
    await throughPlatform(world, page, PEOPLE.john, 'Allow', 'relink');
    await backAtBank(world, page);
    await connectedAtBank(page);
    assert.equal((await wiseCard(page)).status, 'Connected');
    await world.shot(page, 'tokens-4-linked-again');
    assert.equal(await holdsTokens(world, 'cus-john'), true);
    await page.context().close();
  });
});
