import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Database, openDatabase } from '../src/index.js';
import { PGLITE_MEMORY_SETTINGS, pgliteStartParams } from '../src/pglite.js';
import { preparePgliteCluster } from '../src/pglite-template.js';

let dir: string;
let migrations: URL;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'account-access-pglite-'));
  mkdirSync(join(dir, 'migrations'));
  migrations = pathToFileURL(join(dir, 'migrations/'));
  writeFileSync(join(dir, 'migrations', '001_things.sql'), 'create table things (id int primary key);');
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function one<R>(db: Database, sql: string): Promise<R> {
  return (await db.query<R>(sql)).rows[0]!;
}

const systemId = async (db: Database) =>
  (await one<{ id: string }>(db, 'select system_identifier::text as id from pg_control_system()')).id;

describe('PGlite data folders (issue 14)', () => {
  test('new folders are copies of one initialized cluster, each migrated and its own', async () => {
    const cluster = await preparePgliteCluster(pgliteStartParams());
    assert.ok(cluster && existsSync(join(cluster, 'PG_VERSION')), 'the cluster is kept in the cache');
    const a = await openDatabase({ url: null, dataDir: join(dir, 'a'), migrations });
    const b = await openDatabase({ url: null, dataDir: join(dir, 'b'), migrations });
    try {
      // Separate initdb runs would give each cluster its own identifier: a copy keeps the template's.
      assert.equal(await systemId(a), await systemId(b));
      await a.query('insert into things values (1)');
      assert.deepEqual((await b.query('select * from things')).rows, [], 'the copies share nothing');
    } finally {
      await a.close();
      await b.close();
    }
    // Nothing is left beside the folders: each copy was renamed into place whole.
    assert.deepEqual(readdirSync(join(dir, 'a')).sort(), ['pgdata']);
    const again = await openDatabase({ url: null, dataDir: join(dir, 'a'), migrations });
    try {
      assert.deepEqual((await again.query('select id from things')).rows, [{ id: 1 }]);
    } finally {
      await again.close();
    }
  });

  test('an empty pgdata folder is filled; PostgreSQL runs with the memory settings, durability as it was', async () => {
    mkdirSync(join(dir, 'empty', 'pgdata'), { recursive: true });
    const db = await openDatabase({ url: null, dataDir: join(dir, 'empty'), migrations });
    try {
      for (const [name, value] of Object.entries(PGLITE_MEMORY_SETTINGS)) {
        const shown = await one<Record<string, string>>(db, `show ${name}`);
        assert.equal(shown[name], value, name);
      }
      assert.equal(
        (await one<{ synchronous_commit: string }>(db, 'show synchronous_commit')).synchronous_commit,
        'on',
      );
    } finally {
      await db.close();
    }
  });

  test("a new folder comes migrated from its schema's cached cluster, another for other migrations", async () => {
    // A table of its own, so that the clusters this test makes are this test's alone.
    const schema = { migrations, migrationsTable: 'pglite_test_migrations' };
    const cluster = await preparePgliteCluster(pgliteStartParams(), schema);
    assert.ok(cluster && existsSync(join(cluster, 'PG_VERSION')));
    const cache = dirname(cluster);
    const appliedAt = async (name: string) => {
      const db = await openDatabase({ url: null, dataDir: join(dir, name), ...schema });
      try {
        return (await db.query<{ version: string; applied_at: Date }>('select * from pglite_test_migrations'))
          .rows;
      } finally {
        await db.close();
      }
    };
    try {
      // Migrated apart, the two folders would each record their own time: copies of one cluster share it.
      const [c, d] = [await appliedAt('c'), await appliedAt('d')];
      assert.deepEqual(
        c.map((r) => r.version),
        ['001_things'],
      );
      assert.deepEqual(c, d);

      writeFileSync(join(dir, 'migrations', '002_more.sql'), 'create table more (id int primary key);');
      const e = await appliedAt('e');
      assert.deepEqual(
        e.map((r) => r.version),
        ['001_things', '002_more'],
      );
      const made = readdirSync(cache).filter((f) => f.includes('-pglite_test_migrations-'));
      assert.equal(made.length, 2, 'one cached cluster per set of migrations');
      assert.deepEqual(await appliedAt('f'), e, 'the second set is copied too');
    } finally {
      rmSync(join(dir, 'migrations', '002_more.sql'), { force: true });
      for (const f of readdirSync(cache).filter((f) => f.includes('-pglite_test_migrations-'))) {
        rmSync(join(cache, f), { recursive: true, force: true });
      }
    }
  });
});
