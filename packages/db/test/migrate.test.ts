import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { type Database, DataFolderInUse, migrate, openDatabase, postgresDatabase } from '../src/index.js';

let dir: string;
let migrations: URL;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'account-access-migrate-'));
  mkdirSync(join(dir, 'migrations'));
  migrations = pathToFileURL(join(dir, 'migrations/'));
  writeFileSync(
    join(dir, 'migrations', '001_things.sql'),
    'create table things (id int primary key, name text);',
  );
  writeFileSync(join(dir, 'migrations', '002_seed.sql'), "insert into things values (1, 'one');");
  writeFileSync(join(dir, 'migrations', 'README.md'), 'not a migration');
});
after(() => rmSync(dir, { recursive: true, force: true }));

const count = async (db: Database) =>
  (await db.query<{ n: number }>('select count(*)::int as n from things')).rows[0]!.n;

/** The same behaviour on every backend. */
async function migrationContract(db: Database): Promise<void> {
  // openDatabase already applied 001 and 002.
  assert.deepEqual(await migrate(db, migrations), [], 'a second run applies nothing');
  assert.equal(await count(db), 1, 'and runs no migration twice');
  const { rows } = await db.query<{ version: string }>(
    'select version from schema_migrations order by version',
  );
  assert.deepEqual(
    rows.map((r) => r.version),
    ['001_things', '002_seed'],
  );

  writeFileSync(join(dir, 'migrations', '003_more.sql'), "insert into things values (3, 'three');");
  assert.deepEqual(await migrate(db, migrations), ['003_more']);
  assert.deepEqual(await migrate(db, migrations), []);
  assert.equal(await count(db), 2);

  // A failing migration is rolled back whole and not recorded; the next run tries it again.
  writeFileSync(
    join(dir, 'migrations', '004_broken.sql'),
    "create table half (id int); insert into things values (1, 'duplicate key');",
  );
  await assert.rejects(migrate(db, migrations));
  const half = await db.query(`select 1 from information_schema.tables where table_name = 'half'`);
  assert.equal(half.rows.length, 0);
  await assert.rejects(migrate(db, migrations));
  rmSync(join(dir, 'migrations', '004_broken.sql'));
  rmSync(join(dir, 'migrations', '003_more.sql'));

  // Concurrent runs (several instances starting at once) apply each migration once.
  writeFileSync(join(dir, 'migrations', '005_once.sql'), "insert into things values (5, 'five');");
  const runs = await Promise.all([migrate(db, migrations), migrate(db, migrations), migrate(db, migrations)]);
  assert.deepEqual(runs.flat(), ['005_once']);
  assert.equal(await count(db), 3);
  rmSync(join(dir, 'migrations', '005_once.sql'));

  // An up-to-date database (every start after the first): two reads, no transaction, no lock taken.
  const seen = { queries: 0, transactions: 0 };
  const counted: Database = {
    dialect: db.dialect,
    query: (sql, params) => {
      seen.queries++;
      return db.query(sql, params);
    },
    transaction: (fn) => {
      seen.transactions++;
      return db.transaction(fn);
    },
    close: () => db.close(),
    poolStats: () => db.poolStats(),
  };
  assert.deepEqual(await migrate(counted, migrations), []);
  assert.deepEqual(seen, { queries: 2, transactions: 0 });

  await assert.rejects(migrate(db, migrations, 'bad-name; drop table x'), /bad migrations table name/);
}

describe('migrations on a PGlite data folder', () => {
  test('applied at open, idempotent, forward only; the folder is locked while open', async () => {
    const dataDir = join(dir, 'data');
    const db = await openDatabase({ url: null, dataDir, migrations });
    try {
      await assert.rejects(openDatabase({ url: null, dataDir, migrations }), DataFolderInUse);
      await migrationContract(db);
    } finally {
      await db.close();
    }
    // Reopening the folder finds the recorded versions and re-runs nothing.
    const again = await openDatabase({ url: null, dataDir, migrations });
    try {
      assert.equal(await count(again), 3);
      assert.deepEqual(await migrate(again, migrations), []);
    } finally {
      await again.close();
    }
  });
});

const adminUrl = process.env['DATABASE_URL'];
// Only where the run has a PostgreSQL server (`DATABASE_URL=… npm test`); the PGlite suite above always runs.
if (adminUrl)
  describe('migrations on a PostgreSQL server', () => {
    test('applied at open, idempotent, forward only', async () => {
      const name = `aa_migrate_${process.pid}_${Date.now()}`;
      const url = new URL(adminUrl!);
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      url.pathname = `/${name}`;
      try {
        writeFileSync(
          join(dir, 'migrations', '001_things.sql'),
          'create table things (id int primary key, name text);',
        );
        const db = await openDatabase({ url: url.toString(), dataDir: join(dir, 'unused'), migrations });
        try {
          await migrationContract(db);
        } finally {
          await db.close();
        }
        const again = postgresDatabase(url.toString(), 1);
        assert.deepEqual(await migrate(again, migrations), []);
        await again.close();
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    });
  });
