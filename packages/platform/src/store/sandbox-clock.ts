import type { Queryable } from '@account-access/db';

/**
 * The sandbox clock's offset (issue 11, migration 091): seconds the platform's time runs ahead of real time,
 * kept in one row so every instance on the database sees the same time. Each change is one statement, so
 * concurrent advances add up instead of overwriting each other.
 */
export interface SandboxClockStore {
  /** The current offset in seconds (0 when never moved or reset). */
  offsetSeconds(): Promise<number>;
  /** Adds `seconds` (> 0) unless the offset would pass `maxOffsetSeconds`; the new offset, or null then. */
  advance(seconds: number, maxOffsetSeconds: number): Promise<number | null>;
  /** Back to real time: the offset becomes 0. */
  reset(): Promise<number>;
}

export function sqlSandboxClockStore(db: Queryable): SandboxClockStore {
  return {
    async offsetSeconds() {
      const { rows } = await db.query<{ offset_seconds: number }>('select offset_seconds from sandbox_clock');
      return Number(rows[0]?.offset_seconds ?? 0);
    },
    async advance(seconds, maxOffsetSeconds) {
      const { rows } = await db.query<{ offset_seconds: number }>(
        `update sandbox_clock set offset_seconds = offset_seconds + $1::bigint
          where offset_seconds + $1::bigint <= $2::bigint
          returning offset_seconds`,
        [seconds, maxOffsetSeconds],
      );
      const row = rows[0];
      return row ? Number(row.offset_seconds) : null;
    },
    async reset() {
      await db.query('update sandbox_clock set offset_seconds = 0');
      return 0;
    },
  };
}
