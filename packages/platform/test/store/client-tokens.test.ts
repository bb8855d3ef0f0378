import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Database } from '@account-access/db';
import type { NewClientToken } from '../../src/store/grants.js';
import { sqlStores } from '../../src/store/stores.js';
import { at, BACKEND, client, inParallel, storeFixture, t0 } from './support.js';

const f = storeFixture();

/** The same database, counting the statements that write client-credentials tokens. */
function counting(db: Database) {
  const seen = { inserts: 0 };
  const counted: Database = {
    ...db,
    query: (sql, params) => {
      if (sql.includes('insert into access_tokens')) seen.inserts++;
      return db.query(sql, params);
    },
  };
  return { seen, stores: sqlStores(counted) };
}

describe(`GrantStore.createClientToken: group commit (${BACKEND})`, () => {
  before(async () => {
    await f.stores.clients.save(client('cc-bank'));
    await f.stores.clients.save(client('cc-public', { secretHash: null, isPublic: true, rotate: 'always' }));
  });
  const token = (n: string, over: Partial<NewClientToken> = {}): NewClientToken => ({
    clientId: 'cc-bank',
    secretHash: 'hash-of-cc-bank',
    accessTokenHash: `cc-access-${n}`,
    accessExpiresAt: at(3600),
    ...over,
  });

  test('40 parallel calls: fewer statements than calls, and every token answered is in the database', async () => {
    const { seen, stores } = counting(f.db);
    const ids = await inParallel(40, (i) => stores.grants.createClientToken(token(`p${i}`), t0));
    assert.equal(new Set(ids).size, 40);
    assert.ok(seen.inserts < 40, `${seen.inserts} statements for 40 tokens`);
    for (const [i, id] of ids.entries()) {
      // Read through other stores of the database: committed, not just this process's view.
      const found = await f.stores.grants.findAccessToken(`cc-access-p${i}`, t0);
      assert.deepEqual(found, {
        grantId: id,
        clientId: 'cc-bank',
        userId: null,
        grantType: 'client_credentials',
        profileIds: [],
        expiresAt: at(3600),
      });
    }
  });

  test('a client whose secret changed, a public one or an unknown one gets no token; the rest of the batch does', async () => {
    const ids = await Promise.all([
      f.stores.grants.createClientToken(token('old', { secretHash: 'an old hash' }), t0),
      f.stores.grants.createClientToken(token('pub', { clientId: 'cc-public', secretHash: 'x' }), t0),
      f.stores.grants.createClientToken(token('gone', { clientId: 'cc-nobody' }), t0),
      f.stores.grants.createClientToken(token('good'), t0),
    ]);
    assert.deepEqual(ids.slice(0, 3), [null, null, null]);
    assert.equal(typeof ids[3], 'string');
    for (const n of ['old', 'pub', 'gone'])
      assert.equal(await f.stores.grants.findAccessToken(`cc-access-${n}`, t0), null);
    assert.notEqual(await f.stores.grants.findAccessToken('cc-access-good', t0), null);
  });

  test('issue 14: a token whose counters are closed (spent, or delayed, in a live window) is not recorded', async () => {
    const key = (k: string) => ({ scope: 'client-secret', key: `cc-${k}`, subject: null });
    // Counters brought to each state by real takes (max 5 in 900 s; `delayAfter` 1: a delay from the first).
    const takes = async (k: string, n: number, when: Date, delayAfter: number | null = null) => {
      for (let i = 0; i < n; i++)
        await f.stores.attemptCounters.take([{ ...key(k), max: 5, windowSeconds: 900, delayAfter }], when);
    };
    await takes('spent', 5, t0);
    await takes('delayed', 1, t0, 1); // delayed until t0 + 1 s
    await takes('over', 5, at(-3600)); // spent, in a window that ended before t0
    await takes('below', 1, at(-10), 1); // under the limit, its delay passed at t0 - 9 s
    const open = (k: string) => ({ ...key(k), max: 5, windowSeconds: 900 });
    const ids = await Promise.all([
      f.stores.grants.createClientToken(token('k-spent', { counters: [open('below'), open('spent')] }), t0),
      f.stores.grants.createClientToken(token('k-delayed', { counters: [open('delayed')] }), t0),
      // A window that has ended, a count under the limit, a delay passed, no row at all: open.
      f.stores.grants.createClientToken(
        token('k-open', { counters: [open('over'), open('below'), open('missing')] }),
        t0,
      ),
      f.stores.grants.createClientToken(token('k-none'), t0),
    ]);
    assert.deepEqual(ids.slice(0, 2), [null, null]);
    assert.equal(typeof ids[2], 'string');
    assert.equal(typeof ids[3], 'string');
    for (const n of ['k-spent', 'k-delayed'])
      assert.equal(await f.stores.grants.findAccessToken(`cc-access-${n}`, t0), null);
    assert.notEqual(await f.stores.grants.findAccessToken('cc-access-k-open', t0), null);
  });

  test('a failing batch fails each of its callers, and writes none of its rows', async () => {
    const { seen, stores } = counting(f.db);
    // One row repeats a token hash already stored: the statement, and so its whole batch, fails.
    await f.stores.grants.createClientToken(token('dup'), t0);
    const before = seen.inserts;
    const results = await Promise.allSettled([
      stores.grants.createClientToken(token('dup'), t0),
      stores.grants.createClientToken(token('b1'), t0),
      stores.grants.createClientToken(token('b2'), t0),
    ]);
    assert.equal(seen.inserts - before, 1, 'one statement for the three');
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.equal((r.reason as { code?: string }).code, '23505');
    }
    for (const n of ['b1', 'b2'])
      assert.equal(await f.stores.grants.findAccessToken(`cc-access-${n}`, t0), null);
  });

  test('inside a transaction it writes on that transaction, committed or rolled back with it', async () => {
    await assert.rejects(
      f.stores.transaction(async (s) => {
        assert.equal(typeof (await s.grants.createClientToken(token('tx-rolled'), t0)), 'string');
        throw new Error('undo');
      }),
      /undo/,
    );
    assert.equal(await f.stores.grants.findAccessToken('cc-access-tx-rolled', t0), null);
    await f.stores.transaction((s) => s.grants.createClientToken(token('tx-kept'), t0));
    assert.notEqual(await f.stores.grants.findAccessToken('cc-access-tx-kept', t0), null);
  });
});
