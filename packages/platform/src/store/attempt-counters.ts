import { batcher } from './batch.js';
import type { Sql } from './sql.js';

/** One limited thing: its scope (`login-pair`, `client-secret`, …) and its keyed hash. */
export interface CounterKey {
  scope: string;
  key: string;
  /** Keyed hash of the account the counter belongs to, when it is account-keyed (`clearSubject`). */
  subject: string | null;
}

/**
 * A counter that a write must find open (issue 14: the client-credentials token's insert checks the client's
 * secret counters in its own statement instead of a peek before it): refused while its window is live and it
 * is spent (`attempts >= max`) or delayed (`not_before` after the write's moment), as `blockedAt` in
 * auth/throttle.ts decides.
 */
export interface CounterLimit {
  scope: string;
  key: string;
  max: number;
  windowSeconds: number;
}

export interface CounterState {
  attempts: number;
  windowStart: Date;
  notBefore: Date | null;
}

/**
 * Attempt counters (issue 12), in the database so every instance sees the same numbers. `take` locks the
 * rows of all keys (creating missing ones) in one transaction, in a fixed order so two takes never deadlock
 * (issue 14: one statement locks them all and one writes them all),
 * hands their states to `decide`, and writes what it returns; a take that `decide` refuses writes nothing. The
 * policy (limits, windows, delays) is the caller's: the store only makes the read-decide-write atomic.
 */
export interface AttemptCounterStore {
  take<T>(
    keys: readonly CounterKey[],
    now: Date,
    decide: (states: CounterState[]) => { write: CounterState[] | null; result: T },
  ): Promise<T>;
  /**
   * The current state of each key (null where no row exists), read without a lock: what a right secret
   * consults, since a success writes nothing and so need not wait behind the failures being counted.
   */
  peek(keys: readonly CounterKey[]): Promise<(CounterState | null)[]>;
  /** Gives one attempt back in each key (a success need not count), never below zero, and lifts any delay. */
  refund(keys: readonly Pick<CounterKey, 'scope' | 'key'>[]): Promise<void>;
  /** Every counter of one account (`subject`), with its scope. */
  listSubject(subject: string): Promise<(CounterState & { scope: string })[]>;
  /** Forgets every counter of one account (`subject`). */
  clearSubject(subject: string): Promise<void>;
}

interface Row {
  attempts: number;
  window_start: Date;
  not_before: Date | null;
}

/** The states of many keys in one statement (null where no row exists), in the order of `keys`. */
async function readStates(sql: Sql, keys: readonly CounterKey[]): Promise<(CounterState | null)[]> {
  const { rows } = await sql.query<Row & { scope: string; key: string }>(
    `select scope, key, attempts, window_start, not_before from attempt_counters
      where (scope, key) in (select * from unnest($1::text[], $2::text[]))`,
    [keys.map((k) => k.scope), keys.map((k) => k.key)],
  );
  const byKey = new Map(rows.map((r) => [`${r.scope}\n${r.key}`, r]));
  return keys.map((k) => {
    const r = byKey.get(`${k.scope}\n${k.key}`);
    return r ? { attempts: r.attempts, windowStart: r.window_start, notBefore: r.not_before } : null;
  });
}

export function sqlAttemptCounterStore(sql: Sql): AttemptCounterStore {
  // Issue 14: concurrent peeks (every right client secret) are one statement, as group commit does for writes.
  const peeks = sql.inTransaction
    ? null
    : batcher<readonly CounterKey[], (CounterState | null)[]>({
        maxInFlight: 1,
        flush: async (batch) => {
          const states = await readStates(sql, batch.flat());
          let at = 0;
          return batch.map((keys) => {
            const mine = states.slice(at, at + keys.length);
            at += keys.length;
            return mine;
          });
        },
      });
  return {
    take(keys, now, decide) {
      // One row per distinct key, in a fixed order: the rows are locked in that order, so two takes never
      // deadlock (and one statement may not lock the same row twice).
      const distinct = [...new Map(keys.map((k) => [`${k.scope}\n${k.key}`, k])).values()].sort((a, b) =>
        a.scope + a.key < b.scope + b.key ? -1 : 1,
      );
      return sql.transaction(async (tx) => {
        // Issue 14: every key in one statement. A missing row is created; an existing one is locked by the
        // conflict's no-op update, which returns its latest committed state (what `select … for update` saw).
        const { rows } = await tx.query<Row & { scope: string; key: string }>(
          `insert into attempt_counters (scope, key, subject, window_start)
             select scope, key, subject, $4::timestamptz
               from unnest($1::text[], $2::text[], $3::text[]) with ordinality as k(scope, key, subject, n)
              order by n
           on conflict (scope, key) do update set subject = attempt_counters.subject
           returning scope, key, attempts, window_start, not_before`,
          [distinct.map((k) => k.scope), distinct.map((k) => k.key), distinct.map((k) => k.subject), now],
        );
        const byKey = new Map(rows.map((r) => [`${r.scope}\n${r.key}`, r]));
        const states = keys.map((k): CounterState => {
          const row = byKey.get(`${k.scope}\n${k.key}`)!;
          return { attempts: row.attempts, windowStart: row.window_start, notBefore: row.not_before };
        });
        const { write, result } = decide(states);
        if (write) {
          // The rows are this transaction's already: one statement writes them all (the last state given for
          // a key that appears twice).
          const written = new Map(keys.map((k, i) => [`${k.scope}\n${k.key}`, { ...k, ...write[i]! }]));
          const w = [...written.values()];
          await tx.query(
            `update attempt_counters c
                set attempts = w.attempts, window_start = w.window_start, not_before = w.not_before
               from unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::timestamptz[])
                 as w(scope, key, attempts, window_start, not_before)
              where c.scope = w.scope and c.key = w.key`,
            [
              w.map((k) => k.scope),
              w.map((k) => k.key),
              w.map((k) => k.attempts),
              w.map((k) => k.windowStart),
              w.map((k) => k.notBefore),
            ],
          );
        }
        return result;
      });
    },
    peek: (keys) => (peeks ? peeks.run(keys) : readStates(sql, keys)),
    async refund(keys) {
      if (keys.length === 0) return;
      // One statement for all of them (issue 14); a key named twice gives back one attempt.
      await sql.query(
        `update attempt_counters set attempts = greatest(attempts - 1, 0), not_before = null
          where (scope, key) in (select * from unnest($1::text[], $2::text[]))`,
        [keys.map((k) => k.scope), keys.map((k) => k.key)],
      );
    },
    async listSubject(subject) {
      const { rows } = await sql.query<Row & { scope: string }>(
        'select scope, attempts, window_start, not_before from attempt_counters where subject = $1',
        [subject],
      );
      return rows.map((r) => ({
        scope: r.scope,
        attempts: r.attempts,
        windowStart: r.window_start,
        notBefore: r.not_before,
      }));
    },
    async clearSubject(subject) {
      await sql.query('delete from attempt_counters where subject = $1', [subject]);
    },
  };
}
