import { randomUUID } from 'node:crypto';
import { type CounterLimit, closedAt } from './attempt-counters.js';
import { batcher } from './batch.js';
import type { Sql } from './sql.js';

/** A client-credentials token to record, for a client as it was authenticated (contract §1). */
export interface NewClientToken {
  clientId: string;
  /** The keyed hash of the secret the client authenticated with: the token is recorded only if it still is. */
  secretHash: string;
  accessTokenHash: string;
  accessExpiresAt: Date;
  /**
   * The attempt counters (the client's secret limits) that must be open for the token to be recorded: the
   * right secret's lock-free check, made by this statement rather than a read before it (issue 14).
   */
  counters?: readonly CounterLimit[];
}

/**
 * The statement of `createClientToken`, for one row or a batch: the rows whose client is as it was and whose
 * counters are all open (a counter row's window live and spent or delayed refuses, as auth/attempt-judge.ts's
 * `blockedAt`; a missing row is open). `$7`… are the counters of every row, each naming its row by number.
 */
const CREATE_CLIENT_TOKENS = `
  with input as (
    select i.* from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])
                      with ordinality as i(id, client_id, secret_hash, token_hash, expires_at, created_at, n)
     where exists (select 1 from clients c
                    where c.client_id = i.client_id and c.secret_hash = i.secret_hash and not c.is_public)
       and not exists (
             select 1 from unnest($7::int[], $8::text[], $9::text[], $10::int[], $11::int[])
                             as l(n, scope, key, max, window_seconds)
               join attempt_counters a on a.scope = l.scope and a.key = l.key
              where l.n = i.n
                and ${closedAt('i.created_at')})),
  g as (
    insert into grants (id, client_id, grant_type, created_at)
    select id, client_id, 'client_credentials', created_at from input returning id)
  insert into access_tokens (token_hash, grant_id, expires_at, created_at)
  select i.token_hash, g.id, i.expires_at, i.created_at from g join input i on i.id = g.id
  returning grant_id`;

type ClientTokenRow = NewClientToken & { id: string; now: Date };

async function createClientTokens(db: Sql, rows: readonly ClientTokenRow[]): Promise<(string | null)[]> {
  const counters = rows.flatMap((r, i) => (r.counters ?? []).map((c) => ({ ...c, n: i + 1 })));
  const { rows: made } = await db.query<{ grant_id: string }>(CREATE_CLIENT_TOKENS, [
    rows.map((r) => r.id),
    rows.map((r) => r.clientId),
    rows.map((r) => r.secretHash),
    rows.map((r) => r.accessTokenHash),
    rows.map((r) => r.accessExpiresAt),
    rows.map((r) => r.now),
    counters.map((c) => c.n),
    counters.map((c) => c.scope),
    counters.map((c) => c.key),
    counters.map((c) => c.max),
    counters.map((c) => c.windowSeconds),
  ]);
  const ids = new Set(made.map((m) => m.grant_id));
  return rows.map((r) => (ids.has(r.id) ? r.id : null));
}

/**
 * `GrantStore.createClientToken` on `db`. On the database, concurrent calls are one group commit (issue 14):
 * one multi-row statement, one commit, each caller answered after it. Inside a transaction, the caller's own.
 */
export function clientTokenWriter(db: Sql): (token: NewClientToken, now: Date) => Promise<string | null> {
  if (db.inTransaction)
    return (token, now) =>
      createClientTokens(db, [{ ...token, id: randomUUID(), now }]).then((ids) => ids[0]!);
  const queue = batcher<ClientTokenRow, string | null>({ flush: (rows) => createClientTokens(db, rows) });
  return (token, now) => queue.run({ ...token, id: randomUUID(), now });
}
