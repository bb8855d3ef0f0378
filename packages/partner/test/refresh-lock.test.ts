import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from '@account-access/db';
import { createPartner, type Partner } from '../src/context.js';
import { applyPartnerSeed, readPartnerSeed } from '../src/seed.js';
import { key, partnerDatabase, partnerDatabaseUrl, testConfig } from '../src/testing/index.js';
import { CountingTokenServer } from './support/token-server.js';

/**
 * Contract §5: one refresher per user at a time, since a refresh invalidates the access token before it.
 * Two partner instances on one database must make one refresh between them, not one each.
 */
/** The child's TypeScript runs as this test process runs its own (npm test: scripts/ts-loader.mjs). */
const TS_ARGS = process.execArgv.filter((a) => !/^--(test|inspect)/.test(a));
const CUSTOMER = 'cus-amelia';
const onPostgres = Boolean(process.env['DATABASE_URL']);

/** How many sessions wait for an advisory lock in `db`'s database (the second refresher, blocked). */
async function advisoryWaiters(db: Database): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
        and database = (select oid from pg_database where datname = current_database())`,
  );
  return rows[0]?.n ?? 0;
}

/** Polls the database until `condition` holds: the processes under test are not ours to signal us. */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await delay(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('refreshing one customer from two partner instances (contract §5)', () => {
  let server: CountingTokenServer;
  let settings: { vaultKeys: string; platformUrl: string };
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    server = await new CountingTokenServer().start();
    settings = { vaultKeys: `t1:${key()}`, platformUrl: server.url };
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await server.close();
  });

  /** Two databases handles on one database: two pools on PostgreSQL, the one PGlite otherwise. */
  async function sharedDatabase(): Promise<{ first: Database; second: Database; url?: string }> {
    if (onPostgres) {
      const shared = await partnerDatabaseUrl();
      const first = shared.open();
      const second = shared.open();
      cleanups.push(
        shared.drop,
        () => first.close(),
        () => second.close(),
      );
      return { first, second, url: shared.url };
    }
    const db = await partnerDatabase();
    cleanups.push(() => db.close());
    return { first: db, second: db };
  }

  /** Seeds the customers and stores tokens that are inside the refresh-ahead window. */
  async function seeded(db: Database): Promise<Partner> {
    const partner = createPartner(testConfig(settings), db);
    await applyPartnerSeed(partner.stores.customers, await readPartnerSeed());
    await partner.tokens.save(CUSTOMER, {
      accessToken: `at-old-${randomBytes(4).toString('hex')}`,
      refreshToken: 'rt-old',
      tokenType: 'bearer',
      expiresAt: Date.now() + 60_000,
      refreshTokenExpiresAt: undefined,
      scope: 'transfers',
    });
    return partner;
  }

  test('two instances in one process: the second waits for the first and uses its tokens', async () => {
    const { first, second } = await sharedDatabase();
    const one = await seeded(first);
    const two = createPartner(testConfig(settings), second);
    let secondLocking = false;
    const withLock = two.stores.tokens.withLock.bind(two.stores.tokens);
    two.stores.tokens.withLock = (customerId, fn) => {
      secondLocking = true;
      return withLock(customerId, fn);
    };

    const a = one.tokens.getAccessToken(CUSTOMER);
    await server.arrived(1); // the first refresh is at the platform, held there
    const b = two.tokens.getAccessToken(CUSTOMER);
    await until(async () => secondLocking, 'the second instance to ask for the lock');
    if (onPostgres) await until(async () => (await advisoryWaiters(first)) === 1, 'a lock waiter');
    server.held.open();

    assert.deepEqual(await Promise.all([a, b]), ['at-refreshed-1', 'at-refreshed-1']);
    assert.equal(server.refreshes, 1);
    assert.equal((await two.stores.tokens.get(CUSTOMER))?.refreshToken, 'rt-refreshed-1');
  });

  test('dead tokens deleted under the lock stay deleted, and the link moves with them', async () => {
    const { first } = await sharedDatabase();
    const partner = await seeded(first);
    await first.query(`update wise_links set state = 'linked' where customer_id = $1`, [CUSTOMER]);
    // The token manager deletes dead tokens and then throws RelinkRequiredError: the deletion stands.
    const gone = partner.stores.tokens.withLock(CUSTOMER, async (locked) => {
      await locked.delete(CUSTOMER);
      throw new Error('relink required');
    });
    await assert.rejects(gone, /relink required/);
    assert.equal(await partner.stores.tokens.get(CUSTOMER), null);
    assert.equal((await partner.stores.links.get(CUSTOMER))?.state, 'relink_required');
  });

  // Two operating-system processes need a database server; PGlite is one process by design (its data
  // folder is locked), so on PGlite the in-process form above is the whole story.
  if (onPostgres) {
    test('two partner processes on one PostgreSQL database make exactly one refresh call', async () => {
      const { first, url } = await sharedDatabase();
      await seeded(first);
      const children = [child(url!), child(url!)];
      cleanups.push(async () => {
        for (const c of children) c.process.kill();
      });
      await Promise.all(children.map((c) => c.line()));
      for (const c of children) c.process.stdin?.write('go\n');
      await server.arrived(1);
      await until(
        async () => (await advisoryWaiters(first)) === 1,
        'the second process to wait for the lock',
      );
      server.held.open();

      const answers = await Promise.all(children.map(async (c) => JSON.parse(await c.line()).token));
      assert.deepEqual(answers, ['at-refreshed-1', 'at-refreshed-1']);
      assert.equal(server.refreshes, 1);
    });
  }

  function child(url: string): { process: ChildProcess; line(): Promise<string> } {
    const script = fileURLToPath(new URL('./support/refresh-child.ts', import.meta.url));
    const proc = spawn(process.execPath, [...TS_ARGS, script], {
      env: { ...process.env, REFRESH_CHILD: JSON.stringify({ url, settings, customerId: CUSTOMER }) },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: proc.stdout! })[Symbol.asyncIterator]();
    return {
      process: proc,
      async line() {
        const next = await lines.next();
        if (next.done) throw new Error('the partner process ended without answering');
        return next.value;
      },
    };
  }
});
