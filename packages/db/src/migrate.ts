import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Database, Queryable } from './database.js';

/** The table of applied migrations unless a schema names its own. */
export const MIGRATIONS_TABLE = 'schema_migrations';

function checkTable(table: string): void {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad migrations table name ${table}`);
}

/** The migrations of a folder, by version (the file name without `.sql`), in the order they apply. */
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
  table = MIGRATIONS_TABLE,
): Promise<string[]> {
  checkTable(table);
  const exists = await db.query<{ t: string | null }>('select to_regclass($1)::text as t', [table]);
  const all = await versions(folder);
  if (!exists.rows[0]?.t) return all;
  const applied = await db.query<{ version: string }>(`select version from ${table}`);
  const done = new Set(applied.rows.map((r) => r.version));
  return all.filter((v) => !done.has(v));
}

/**
 * Applies the forward-only SQL files of a migrations folder in name order, each in its own transaction with
 * its version recorded in `<table>`. An advisory lock lets several instances start at once against one
 * PostgreSQL server: each pending version is checked again under it, so a migration another instance applied
 * meanwhile is skipped.
 */
export async function migrate(db: Database, folder: URL, table = MIGRATIONS_TABLE): Promise<string[]> {
  checkTable(table);
  const lockKey = createHash('sha256').update(table).digest().readInt32BE(0);
  // A database already up to date (every start but the first after a change) costs these two reads alone.
  const pending = await pendingMigrations(db, folder, table);
  const applied: string[] = [];
  if (pending.length === 0) return applied;
  await db.query(
    `create table if not exists ${table} (version text primary key, applied_at timestamptz not null default now())`,
  );
  for (const version of pending) {
    const sql = await readFile(new URL(`${version}.sql`, folder), 'utf8');
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

/** What `/ready` answers when the server is ready (issue 15), on both servers. */
export const READY_BODY = Object.freeze({ status: 'UP', checks: { database: 'UP', migrations: 'UP' } });

/**
 * Why a server is not ready (issue 15): its database does not answer, or a migration is not applied yet;
 * null when it is ready. `pending` is the server's own `pendingMigrations` call.
 */
export async function readinessProblem(pending: () => Promise<string[]>): Promise<string | null> {
  let names: string[];
  try {
    names = await pending();
  } catch {
    return 'The database does not answer.';
  }
  return names.length > 0
    ? `${names.length} database migration(s) not applied yet: ${names.join(', ')}.`
    : null;
}
