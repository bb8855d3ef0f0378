import type { Database } from '@account-access/db';
import type { PlatformConfig } from './config/config.js';
import { createPlatformMetrics, type PlatformMetrics } from './metrics.js';
import { type Stores, sqlStores } from './store/stores.js';

/**
 * The sandbox clock's offset as this instance holds it (issue 11 "virtual time"). `now()` stays synchronous,
 * so the offset is kept in memory and refreshed from the database (store/sandbox-clock.ts) where time matters:
 * at every request in sandbox mode (app.ts), before every worker round and purge, and after a change here.
 */
export interface PlatformClock {
  /** Seconds the platform's time runs ahead of real time; always 0 outside sandbox mode. */
  readonly offsetSeconds: number;
  /** Reads the shared offset from the database; outside sandbox mode it stays 0 and nothing is read. */
  refresh(): Promise<void>;
  /** Holds an offset this instance has just written (the sandbox clock route), without reading it back. */
  hold(offsetSeconds: number): void;
}

/**
 * What every route, step and grant is given: the frozen config, the stores and the clock. No database handle:
 * every statement goes through a store (src/store/), so nothing above it can reach SQL.
 */
export interface Platform {
  readonly config: PlatformConfig;
  readonly stores: Stores;
  /** The one source of time, so tests can move it instead of sleeping; in sandbox mode it includes the offset. */
  readonly now: () => Date;
  readonly clock: PlatformClock;
  /** Issue 15: this platform's Prometheus metrics (a registry of its own). */
  readonly metrics: PlatformMetrics;
}

export function createPlatform(
  config: PlatformConfig,
  db: Database,
  realNow: () => Date = () => new Date(),
): Platform {
  const stores = sqlStores(db);
  let offsetSeconds = 0;
  const clock: PlatformClock = Object.freeze({
    get offsetSeconds() {
      return offsetSeconds;
    },
    async refresh() {
      if (config.sandbox) offsetSeconds = await stores.sandboxClock.offsetSeconds();
    },
    hold(seconds: number) {
      if (config.sandbox) offsetSeconds = seconds;
    },
  });
  const now = () => new Date(realNow().getTime() + offsetSeconds * 1000);
  const metrics = createPlatformMetrics(stores, () => db.poolStats(), {
    processMetrics: config.metrics !== 'off',
  });
  return Object.freeze({ config, stores, now, clock, metrics });
}
