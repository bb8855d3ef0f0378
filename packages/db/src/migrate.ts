import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Database, Queryable } from './database.js';

/**
 * Applies the forward-only SQL files of a migrations folder in name order, each in its own transaction with
 * its version recorded in `<table>`. An advisory lock lets several instances start at once against one
 * PostgreSQL server.
 */
function checkTable(table: string): void {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad migrations table name ${table}`);
}

async function versions(folder: URL): Promise<string[]> {
  return (await readdir(folder))
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => f.replace(/\.sql$/, ''));
}

/**
 * The migrations of `folder` not yet applied (issue 15, readiness): all of them when the table does not exist.
 * Throws when the database does not answer.
 */
export async function pendingMigrations(
  db: Queryable,
  folder: URL,
  table = 'schema_migrations',
): Promise<string[]> {
  checkTable(table);
  const exists = await db.query<{ t: string | null }>('select to_regclass($1)::text as t', [table]);
  const all = await versions(folder);
  if (!exists.rows[0]?.t) return all;
  const applied = await db.query<{ version: string }>(`select version from ${table}`);
  const done = new Set(applied.rows.map((r) => r.version));
  return all.filter((v) => !done.has(v));
}

export async function migrate(db: Database, folder: URL, table = 'schema_migrations'): Promise<string[]> {
  checkTable(table);
  const lockKey = createHash('sha256').update(table).digest().readInt32BE(0);
  await db.query(
    `create table if not exists ${table} (version text primary key, applied_at timestamptz not null default now())`,
  );
  const files = (await readdir(folder)).filter((f) => f.endsWith('.sql')).sort();
  const applied: string[] = [];
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    const sql = await readFile(new URL(file, folder), 'utf8');
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [lockKey]);
      const seen = await tx.query(`select 1 from ${table} where version = $1`, [version]);
      if (seen.rows.length > 0) return false;
      await tx.exec(sql);
      await tx.query(`insert into ${table} (version) values ($1)`, [version]);
      return true;
    });
    if (done) applied.push(version);
  }
  return applied;
}
