import { type Database, openDatabase } from '@account-access/db';
import type { PartnerConfig } from '../config/config.js';

/** The partner's migrations: forward-only SQL files, applied in name order at start. */
export const PARTNER_MIGRATIONS = new URL('../../migrations/', import.meta.url);

/** Its own table of applied migrations, so the partner may share a PostgreSQL database with the platform. */
export const PARTNER_MIGRATIONS_TABLE = 'partner_schema_migrations';

export function openPartnerDatabase(config: Pick<PartnerConfig, 'database'>): Promise<Database> {
  return openDatabase({
    ...config.database,
    migrations: PARTNER_MIGRATIONS,
    migrationsTable: PARTNER_MIGRATIONS_TABLE,
  });
}
