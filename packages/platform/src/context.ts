import type { Database } from '@account-access/db';
import type { PlatformConfig } from './config/config.js';
import { type Stores, sqlStores } from './store/stores.js';

/**
 * What every route, step and grant is given: the frozen config, the stores and the clock. No database handle:
 * every statement goes through a store (src/store/), so nothing above it can reach SQL.
 */
export interface Platform {
  readonly config: PlatformConfig;
  readonly stores: Stores;
  /** The one source of time, so tests can move it instead of sleeping. */
  readonly now: () => Date;
}

export function createPlatform(
  config: PlatformConfig,
  db: Database,
  now: () => Date = () => new Date(),
): Platform {
  return Object.freeze({ config, stores: sqlStores(db), now });
}
