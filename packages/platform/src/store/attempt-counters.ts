import { batcher } from './batch.js';
import { CREDENTIAL_COLUMNS, type CredentialRow, type Credentials, toCredentials } from './credentials.js';
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
 * auth/attempt-judge.ts decides.
 */
export interface CounterLimit {
  scope: string;
  key: string;
  max: number;
  windowSeconds: number;
}

/**
 * SQL: the counter row `a`, under its limit `l` (`max`, `window_seconds`), refuses at the moment `now` (an SQL
 * expression): its window is live and it is spent or delayed, `blockedAt`'s rule. For the writes that check a
 * right secret's counters themselves (store/client-tokens.ts, store/authorization-codes.ts).
 */
export const closedAt = (now: string) =>
  `a.window_start + l.window_seconds * interval '1 second' > ${now}
   and (a.attempts >= l.max or a.not_before > ${now})`;

export interface CounterState {
  attempts: number;
  windowStart: Date;
  notBefore: Date | null;
}

/** A key with the rule it is counted by (auth/throttle.ts `Limit`). */
export interface RuledKey extends CounterKey {
  max: number;
  windowSeconds: number;
  /** Failures before the progressive delay starts (1 s, then doubling); null for none. */
  delayAfter: number | null;
}

/** What a take did: each key's state in the order given, as written when taken, as found when refused. */
export interface Take {
  taken: boolean;
  states: CounterState[];
}

/**
 * Attempt counters (issue 12), in the database so every instance sees the same numbers. `take` is ONE
 * statement, atomic on its own (issue 14: no BEGIN and COMMIT around it; migration 101's `take_attempt`): it
 * creates or locks the rows of all keys in a fixed order, so two takes never deadlock, and under those locks
 * refuses when any counter is spent or delayed (writing nothing) or counts one attempt in each. A window that
 * ran out starts again at `now`. The numbers are the caller's; the store keeps the rule atomic.
 */
export interface AttemptCounterStore {
  take(keys: readonly RuledKey[], now: Date): Promise<Take>;
  /**
   * `take`, and in the same statement the credentials of the account with that email key, or null (issue 14:
   * a login's take and its account read are one round trip; the account is read whether or not it is taken).
   */
  takeWithCredentials(
    keys: readonly RuledKey[],
    now: Date,
    emailKey: string,
  ): Promise<Take & { credentials: Credentials | null }>;
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

interface TakeRow {
  r_scope: string;
  r_key: string;
  r_attempts: number;
  r_window_start: Date | string;
  r_not_before: Date | string | null;
  r_taken: boolean;
}

const takeCall = 'take_attempt($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7)';

/** One row per distinct key, in a fixed order: the rows are locked in that order (and a row only once). */
const distinctSorted = (keys: readonly RuledKey[]) =>
  [...new Map(keys.map((k) => [`${k.scope}\n${k.key}`, k])).values()].sort((a, b) =>
    a.scope + a.key < b.scope + b.key ? -1 : 1,
  );

function takeParams(keys: readonly RuledKey[], now: Date): unknown[] {
  const d = distinctSorted(keys);
  return [
    d.map((k) => k.scope),
    d.map((k) => k.key),
    d.map((k) => k.subject),
    d.map((k) => k.max),
    d.map((k) => k.windowSeconds),
    d.map((k) => k.delayAfter),
    now,
  ];
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/** The states of `keys` in their order (a key named twice gets its one row's state each time). */
function taken(keys: readonly RuledKey[], rows: readonly TakeRow[]): Take {
  const byKey = new Map(rows.map((r) => [`${r.r_scope}\n${r.r_key}`, r]));
  const states = keys.map((k): CounterState => {
    const r = byKey.get(`${k.scope}\n${k.key}`)!;
    return {
      attempts: r.r_attempts,
      windowStart: toDate(r.r_window_start),
      notBefore: r.r_not_before === null ? null : toDate(r.r_not_before),
    };
  });
  return { taken: rows.length === 0 || rows[0]!.r_taken, states };
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
    async take(keys, now) {
      const { rows } = await sql.query<TakeRow>(`select * from ${takeCall}`, takeParams(keys, now));
      return taken(keys, rows);
    },
    async takeWithCredentials(keys, now, emailKey) {
      const { rows } = await sql.query<TakeRow & { credentials: CredentialRow | null }>(
        `select t.*, (select to_jsonb(u) from (select ${CREDENTIAL_COLUMNS} from users where email_key = $8) u)
                as credentials
           from ${takeCall} t`,
        [...takeParams(keys, now), emailKey],
      );
      const credentials = rows[0]?.credentials;
      return { ...taken(keys, rows), credentials: credentials ? toCredentials(credentials) : null };
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
