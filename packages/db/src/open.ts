import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.js';
import { lockDataFolder } from './lock.js';
import { MIGRATIONS_TABLE, migrate } from './migrate.js';
import { openPglite, pgliteDatabase } from './pglite.js';
import { postgresDatabase } from './postgres.js';

export interface DatabaseOptions {
  /** A PostgreSQL server (`postgres://…`); when null, embedded PGlite in `dataDir`. */
  url: string | null;
  dataDir: string;
  migrations: URL;
  migrationsTable?: string;
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let db: Database;
  if (options.url) {
    db = postgresDatabase(options.url);
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    const release = lockDataFolder(options.dataDir);
    try {
      // A new folder comes migrated from the cache (pglite-template.ts); `migrate` below then finds it so.
      const schema = {
        migrations: options.migrations,
        migrationsTable: options.migrationsTable ?? MIGRATIONS_TABLE,
      };
      db = pgliteDatabase(await openPglite(join(options.dataDir, 'pgdata'), undefined, schema), release);
    } catch (error) {
      release();
      throw error;
    }
  }
  try {
    await migrate(db, options.migrations, options.migrationsTable);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
