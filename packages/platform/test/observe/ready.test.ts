import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { switchableDatabase } from '@account-access/db/testing';
import { get, startTestPlatform, type TestPlatform, testDatabase } from '../support/index.js';

describe('GET /ready (issue 15): the database answers and no migration is pending', () => {
  let p: TestPlatform;
  let sw: Awaited<ReturnType<typeof switchableDatabase>>;
  before(async () => {
    sw = await switchableDatabase(await testDatabase());
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
