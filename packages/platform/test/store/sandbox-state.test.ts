import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KEPT_TABLES } from '../../src/store/sandbox-state.js';
import { BACKEND, client, inParallel, personalProfile, storeFixture, t0 } from './support.js';

const f = storeFixture();

describe(`SandboxStateStore (${BACKEND})`, () => {
  test('tables: from the catalog, parents before children, kept tables left out', async () => {
    const names = (await f.stores.sandboxState.tables()).map((t) => t.name);
    const pairs: [string, string][] = [
      ['clients', 'grants'],
      ['users', 'profiles'],
      ['grants', 'access_tokens'],
      ['webhook_deliveries', 'webhook_delivery_attempts'],
    ];
    for (const [parent, child] of pairs)
      assert.ok(names.indexOf(parent) < names.indexOf(child), `${parent} before ${child}`);
    for (const kept of KEPT_TABLES) assert.equal(names.includes(kept), false, kept);
    assert.equal(
      await f.stores.sandboxState.migrationLevel(),
      (await f.db.query<{ v: string }>('select max(version) as v from schema_migrations')).rows[0]!.v,
    );
  });

  test('read → replace → read is the identity, triggers and deferred keys included', async () => {
    await f.stores.clients.save(client('sbank'));
    const user = await f.newUser('sbank');
    await f.stores.profiles.create(personalProfile(user.id, 'sbank'), t0);
    const before = await f.stores.sandboxState.read();
    assert.equal(before.tables['addresses']!.length, 1, 'the trigger made the address row');
    await f.stores.transaction(async (s) => {
      await s.sandboxState.lock();
      await s.sandboxState.replace(before);
    });
    assert.deepEqual(await f.stores.sandboxState.read(), before);
  });

  test('a row that does not fit throws, and the transaction leaves everything as it was', async () => {
    const before = await f.stores.sandboxState.read();
    const bad = structuredClone(before);
    bad.tables['profiles']![0]!['user_id'] = 999;
    await assert.rejects(
      f.stores.transaction(async (s) => {
        await s.sandboxState.lock();
        await s.sandboxState.replace(bad);
      }),
      (e: { code?: string }) => e.code === '23503',
    );
    assert.deepEqual(await f.stores.sandboxState.read(), before);
  });

  test('replace(null) empties every state table and restarts its sequences; parallel ones do not collide', async () => {
    await inParallel(5, () =>
      f.stores.transaction(async (s) => {
        await s.sandboxState.lock();
        await s.sandboxState.replace(null);
      }),
    );
    const empty = await f.stores.sandboxState.read();
    for (const [table, rows] of Object.entries(empty.tables)) assert.deepEqual(rows, [], table);
    assert.equal(empty.sequences['users_id_seq'], null);
    assert.equal((await f.newUser()).id, 1000001);
  });
});
