import { type Database, openDatabase, pendingMigrations, type Queryable } from '@account-access/db';
import type { PartnerConfig } from '../config/config.js';

/** The partner's migrations: forward-only SQL files, applied in name order at start. */
export const PARTNER_MIGRATIONS = new URL('../../migrations/', import.meta.url);

/** Its own table of applied migrations, so the partner may share a PostgreSQL database with the platform. */
export const PARTNER_MIGRATIONS_TABLE = 'partner_schema_migrations';

/** The partner's migrations not applied yet (issue 15, `/ready`); throws when the database does not answer. */
export function pendingPartnerMigrations(db: Queryable): Promise<string[]> {
  return pendingMigrations(db, PARTNER_MIGRATIONS, PARTNER_MIGRATIONS_TABLE);
}

export function openPartnerDatabase(config: Pick<PartnerConfig, 'database'>): Promise<Database> {
  return openDatabase({
    ...config.database,
    migrations: PARTNER_MIGRATIONS,
    migrationsTable: PARTNER_MIGRATIONS_TABLE,
  });
}
