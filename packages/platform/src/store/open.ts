import { type Database, openDatabase } from '@account-access/db';
import type { PlatformConfig } from '../config/config.js';

/** The platform's migrations: forward-only SQL files, applied in name order at start. */
export const PLATFORM_MIGRATIONS = new URL('../../migrations/', import.meta.url);

export function openPlatformDatabase(config: Pick<PlatformConfig, 'database'>): Promise<Database> {
  return openDatabase({ ...config.database, migrations: PLATFORM_MIGRATIONS });
}
