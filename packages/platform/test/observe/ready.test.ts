import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Database, openPglite, pgliteDatabase, postgresDatabase } from '@account-access/db';
import { get, startTestPlatform, type TestPlatform, testDatabase } from '../support/index.js';

/**
 * The test's database behind a switch: `cutOff` points every statement at a closed database of the same
 * backend (a closed PGlite instance, or an ended PostgreSQL pool), `restore` back at the live one.
 */
async function switchable(live: Database) {
  const closed =
    live.dialect === 'postgres'
      ? postgresDatabase(process.env['DATABASE_URL'] ?? '', 1)
      : pgliteDatabase(await openPglite(null));
  await closed.close();
  let target = live;
  const db: Database = {
    dialect: live.dialect,
    query: (sql, params) => target.query(sql, params),
    transaction: (fn) => target.transaction(fn),
    poolStats: () => target.poolStats(),
    close: () => live.close(),
  };
  return {
    db,
    cutOff: () => {
      target = closed;
    },
    restore: () => {
      target = live;
    },
  };
}

describe('GET /ready (issue 15): the database answers and no migration is pending', () => {
  let p: TestPlatform;
  let sw: Awaited<ReturnType<typeof switchable>>;
  before(async () => {
    sw = await switchable(await testDatabase());
    p = await startTestPlatform({ db: sw.db });
  });
  after(async () => {
    await p.close();
    await sw.db.close();
  });

  test('200 UP while the database answers', async () => {
    const res = await get(`${p.url}/ready`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'UP', checks: { database: 'UP', migrations: 'UP' } });
  });

  test('503 in the validation family while the database is unreachable, 200 after it comes back', async () => {
    sw.cutOff();
    const down = await get(`${p.url}/ready`);
    assert.equal(down.status, 503);
    assert.equal(down.headers.get('retry-after'), '5');
    assert.deepEqual(down.body, {
      errors: [{ code: 'SERVICE_UNAVAILABLE', message: 'The database does not answer.' }],
    });
    sw.restore();
    assert.equal((await get(`${p.url}/ready`)).status, 200);
  });

  test('503 naming the migration while one is pending', async () => {
    const { rows } = await sw.db.query<{ version: string }>(
      'delete from schema_migrations where version = (select max(version) from schema_migrations) returning version',
    );
    const version = rows[0]!.version;
    try {
      const res = await get(`${p.url}/ready`);
      assert.equal(res.status, 503);
      assert.equal(res.body.errors[0].code, 'SERVICE_UNAVAILABLE');
      assert.ok(res.body.errors[0].message.includes(version), res.text);
    } finally {
      await sw.db.query('insert into schema_migrations (version) values ($1)', [version]);
    }
    assert.equal((await get(`${p.url}/ready`)).status, 200);
  });
});
