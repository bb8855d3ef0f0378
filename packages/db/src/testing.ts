import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { openPglite, pgliteDatabase } from './pglite.js';
import { postgresDatabase } from './postgres.js';

/**
 * Test databases. Opening PGlite from nothing costs seconds, so a test run builds one migrated template per
 * schema (`buildTemplate`, in a global setup) and every test clones it (`cloneTemplate`, under a second of CPU).
 * Every clone unpacks the template's whole data folder, so the template keeps only what a test database uses:
 * WAL segments of 1 MB instead of 16 (an initdb option), and no template0/template1 (PGlite serves the one
 * `postgres` database; nothing creates databases in it).
 * With DATABASE_URL the template is a PostgreSQL template database and a clone is CREATE DATABASE … TEMPLATE.
 * The templates are named by environment variables `<PREFIX>_TEST_TEMPLATE` / `<PREFIX>_TEST_PG_TEMPLATE`.
 */
export async function buildTemplate(
  prefix: string,
  migrations: URL,
  adminUrl: string | undefined,
  /** The table of applied migrations, as the server's own start names it (the partner has its own). */
  migrationsTable?: string,
): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  const pglite = await PGlite.create({ initDbStartParams: ['--wal-segsize=1'] });
  await migrate(pgliteDatabase(pglite), migrations, migrationsTable);
  await pglite.exec(
    "update pg_database set datistemplate = false where datname in ('template0', 'template1')",
  );
  await pglite.exec('drop database template0');
  await pglite.exec('drop database template1');
  await pglite.exec('checkpoint');
  const dump = await pglite.dumpDataDir('none');
  const file = join(mkdtempSync(join(tmpdir(), `account-access-${prefix.toLowerCase()}-`)), 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  env[`${prefix}_TEST_TEMPLATE`] = file;

  if (adminUrl) {
    // Named per run, so test runs on one server (several checkouts, CI) never drop each other's template;
    // scripts/test.mjs drops it when the run ends.
    const name = `aa_${prefix.toLowerCase()}_template_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const db = postgresDatabase(withDatabase(adminUrl, name), 1);
    await migrate(db, migrations, migrationsTable);
    await db.close();
    env[`${prefix}_TEST_PG_TEMPLATE`] = name;
  }
  return env;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function cloneTemplate(prefix: string): Promise<Database> {
  const pgTemplate = process.env[`${prefix}_TEST_PG_TEMPLATE`];
  const adminUrl = process.env['DATABASE_URL'];
  if (pgTemplate && adminUrl) {
    const name = `aa_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${pgTemplate}`);
    } finally {
      await admin.end();
    }
    const db = postgresDatabase(withDatabase(adminUrl, name), 20);
    return {
      ...db,
      async close() {
        await db.close();
        const dropper = new pg.Client({ connectionString: adminUrl });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`).finally(() => dropper.end());
      },
    };
  }
  const dump = process.env[`${prefix}_TEST_TEMPLATE`];
  if (!dump) throw new Error('Run tests with `npm test`: its global setup builds the template database.');
  return pgliteDatabase(await openPglite(null, new Blob([await readFile(dump)])));
}

/**
 * The test's database behind a switch: `cutOff` points every statement at a closed database of the same
 * backend (a closed PGlite instance, or an ended PostgreSQL pool), `restore` back at the live one.
 */
export async function switchableDatabase(live: Database) {
  const closed =
    live.dialect === 'postgres'
      ? postgresDatabase(process.env['DATABASE_URL'] ?? '', 1)
      : pgliteDatabase(await openTemplateOrEmpty());
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

/** Any PGlite instance that opens quickly (to be closed): a clone of a template when the run has one. */
async function openTemplateOrEmpty() {
  const dump = Object.entries(process.env).find(([key]) => key.endsWith('_TEST_TEMPLATE'))?.[1];
  return dump ? openPglite(null, new Blob([await readFile(dump)])) : openPglite(null);
}
