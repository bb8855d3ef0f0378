import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ClientChanged, type NewGrant, type RefreshIssue } from '../../src/store/grants.js';
import { at, BACKEND, client, storeFixture, t0 } from './support.js';

const f = storeFixture();

/**
 * Issue 14: outside a transaction, the refresh grant's unlocked reads and conditional writes made in the same
 * turn of the event loop share one statement (store/refresh-batch.ts). Each caller still gets its own answer.
 */
describe(`GrantStore refresh batches (${BACKEND})`, () => {
  before(async () => {
    await f.stores.clients.save(client('bbank'));
    await f.stores.clients.save(client('bother'));
  });
  const grant = async (n: string, clientId = 'bbank'): Promise<string> => {
    const user = await f.newUser(clientId);
    const g: NewGrant = {
      clientId,
      userId: user.id,
      grantType: 'registration_code',
      profileIds: [],
      accessTokenHash: `b-access-${n}`,
      accessExpiresAt: at(3600),
      refreshTokenHash: `b-refresh-${n}`,
      refreshExpiresAt: at(7200),
    };
    return f.stores.grants.create(g, t0);
  };
  const issue = (n: string, generation: number, presented: string): RefreshIssue => ({
    presentedHash: presented,
    generation,
    accessTokenHash: `b-access-${n}`,
    accessExpiresAt: at(5000),
    refreshExpiresAt: at(7200),
    rotateTo: null,
  });
  const live = async (n: string) => (await f.stores.grants.findAccessToken(`b-access-${n}`, at(1))) !== null;

  test('parallel reads each find their own grant; only the one whose client changed is refused', async () => {
    const [a, b] = [await grant('r1'), await grant('r2')];
    const other = await grant('r3', 'bother');
    const results = await Promise.allSettled([
      f.stores.grants.readForRefresh('b-refresh-r1', 'bbank', at(1), client('bbank')),
      f.stores.grants.readForRefresh('b-refresh-r2', 'bbank', at(1), client('bbank')),
      f.stores.grants.readForRefresh(
        'b-refresh-r3',
        'bother',
        at(1),
        client('bother', { secretHash: 'changed' }),
      ),
      f.stores.grants.readForRefresh('b-refresh-r3', 'bbank', at(1), client('bbank')),
      f.stores.grants.readForRefresh('unknown', 'bbank', at(1)),
    ]);
    const value = (i: number) => (results[i]!.status === 'fulfilled' ? results[i]!.value : 'rejected');
    assert.equal((value(0) as { grantId: string }).grantId, a);
    assert.equal((value(1) as { grantId: string }).grantId, b);
    assert.equal(results[2]!.status, 'rejected');
    assert.ok((results[2] as PromiseRejectedResult).reason instanceof ClientChanged);
    // Another client's token, and an unknown one: no grant.
    assert.equal(value(3), null);
    assert.equal(value(4), null);
    assert.notEqual(other, a);
  });

  test('parallel writes of different grants: only the one that moved on meanwhile writes nothing', async () => {
    const ids = [await grant('w1'), await grant('w2'), await grant('w3')];
    // w2's grant moves on (a refresh elsewhere) after it was read at generation 0.
    assert.equal(
      await f.stores.grants.recordRefresh(ids[1]!, issue('w2-elsewhere', 1, 'b-refresh-w2'), at(1), {
        generation: 0,
        client: client('bbank'),
      }),
      true,
    );
    const written = await Promise.all(
      ids.map((id, i) =>
        f.stores.grants.recordRefresh(id, issue(`w${i + 1}-next`, 1, `b-refresh-w${i + 1}`), at(1), {
          generation: 0,
          client: client('bbank'),
        }),
      ),
    );
    assert.deepEqual(written, [true, false, true]);
    assert.deepEqual(
      await Promise.all(['w1-next', 'w2-next', 'w3-next', 'w2-elsewhere', 'w1', 'w3'].map(live)),
      [true, false, true, true, false, false],
    );
  });

  test('the same grant twice in parallel: one write, the other finds it moved on', async () => {
    const id = await grant('d1');
    const written = await Promise.all(
      ['d1-a', 'd1-b'].map((n) =>
        f.stores.grants.recordRefresh(id, issue(n, 1, 'b-refresh-d1'), at(1), {
          generation: 0,
          client: client('bbank'),
        }),
      ),
    );
    assert.deepEqual(written, [true, false]);
    assert.deepEqual(await Promise.all(['d1', 'd1-a', 'd1-b'].map(live)), [false, true, false]);
    const read = await f.stores.grants.readForRefresh('b-refresh-d1', 'bbank', at(2), client('bbank'));
    assert.equal(read?.generation, 1);
  });

  test('a grant this instance refreshed last is read as its write left it, and only a write confirms that', async () => {
    const id = await grant('h1');
    const bank = client('bbank');
    const refreshOf = async (n: string) => {
      const read = await f.stores.grants.readForRefresh('b-refresh-h1', 'bbank', at(1), bank);
      assert.ok(read);
      const issued = issue(n, read.generation + 1, 'b-refresh-h1');
      const written = await f.stores.grants.recordRefresh(id, issued, at(1), {
        generation: read.generation,
        client: bank,
        read,
      });
      return { read, written };
    };
    assert.deepEqual((await refreshOf('h1-a')).written, true);
    const known = await f.stores.grants.readForRefresh('b-refresh-h1', 'bbank', at(1), bank);
    assert.equal(known?.generation, 1);
    assert.equal(known?.refreshedFromHash, 'b-refresh-h1');
    // Another client presenting the token is never answered from it.
    assert.equal(
      await f.stores.grants.readForRefresh('b-refresh-h1', 'bother', at(1), client('bother')),
      null,
    );
    // The grant moves on elsewhere (a refresh under its lock, as another instance makes it).
    await f.stores.transaction(async (s) => {
      const locked = await s.grants.lockForRefresh('b-refresh-h1', 'bbank', at(1));
      assert.equal(locked?.generation, 1);
      await s.grants.recordRefresh(id, issue('h1-elsewhere', 2, 'b-refresh-h1'), at(1));
    });
    // What this instance remembers is stale: its write writes nothing, and the next read is the database's.
    const stale = await refreshOf('h1-b');
    assert.deepEqual([stale.read.generation, stale.written], [1, false]);
    assert.equal(await live('h1-b'), false);
    assert.equal(await live('h1-elsewhere'), true);
    const fresh = await refreshOf('h1-c');
    assert.deepEqual([fresh.read.generation, fresh.written], [2, true]);
    // Revoked: remembered, but never written again.
    await f.stores.grants.revoke(id, at(1));
    assert.deepEqual((await refreshOf('h1-d')).written, false);
    assert.equal(await f.stores.grants.readForRefresh('b-refresh-h1', 'bbank', at(1), bank), null);
  });
});
