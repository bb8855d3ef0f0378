import { type ClientRecord, type ClientRow, clientRecord } from './clients.js';
import type { RefreshCandidate } from './grant-types.js';
import type { Sql } from './sql.js';

/**
 * Not an answer: the client as the caller read it (a recent read, `ClientStore.findRecent`) is no longer the
 * registered one, or is gone. The token endpoint authenticates again from the database (issue 14).
 */
export class ClientChanged extends Error {}

/**
 * The live grant of a client that a refresh token (current, the last refresh's, or retired by a rotation)
 * belongs to, as one `select` over the SQL expressions given for the token's hash, the client and now: the
 * one rule of the locked read below and of the batched unlocked one (store/refresh-batch.ts).
 */
export const grantOfToken = (hash: string, clientId: string, now: string) => `
    select g.id, g.user_id, g.refresh_token_hash, r.retired_at, g.refresh_expires_at,
           g.refresh_absolute_expires_at, g.refresh_generation, g.refreshed_at, g.refreshed_from_hash
      from grants g left join retired_refresh_tokens r on r.grant_id = g.id and r.token_hash = ${hash}
     where g.client_id = ${clientId}
       and g.id in (select id from grants where refresh_token_hash = ${hash}
                    union all select grant_id from retired_refresh_tokens where token_hash = ${hash})
       and g.revoked_at is null and g.refresh_token_hash is not null
       and (g.refresh_expires_at is null or g.refresh_expires_at > ${now})
       and (g.refresh_token_hash = ${hash} or g.refreshed_from_hash = ${hash} or r.token_hash is not null)`;

/**
 * The grant of a refresh token (current or retired), locked, read and its client confirmed in one statement
 * (issue 14: one round trip instead of three).
 *
 * Under READ COMMITTED a statement that waited for the lock rechecks the locked `grants` row in its latest
 * version, but the joined retired token comes from the statement's snapshot, taken before the wait. What a
 * concurrent refresh of the same grant wrote is on the grants row itself: it records the token it was given
 * (`refreshed_from_hash`, always the grant's current token then) and, when it rotated, replaced
 * `refresh_token_hash`, retiring the given one at `refreshed_at`. So a presented token that is the last
 * refresh's and no longer current is retired then, whatever the snapshot saw (`retiredAt` below); any other
 * retired token was retired by a refresh committed before this statement began, which the snapshot sees.
 */
const LOCK_FOR_REFRESH = `
  with g as (${grantOfToken('$1', '$2', '$3')} %LOCK%)
  select g.*, case when $4::boolean then (select to_jsonb(c) from clients c where c.client_id = $2) end as client
    from (values (1)) as one left join g on true`;
const LOCKED = LOCK_FOR_REFRESH.replace('%LOCK%', 'for update of g');
const UNLOCKED = LOCK_FOR_REFRESH.replace('%LOCK%', '');

export interface LockRow {
  id: string | null;
  user_id: number | null;
  refresh_token_hash: string;
  retired_at: Date | null;
  refresh_expires_at: Date | null;
  refresh_absolute_expires_at: Date | null;
  refresh_generation: number;
  refreshed_at: Date | null;
  refreshed_from_hash: string | null;
  client: ClientRow | null;
}

/** What a refresh relies on of its client (oauth/grants/refresh-token.ts): the same as registered now. */
export function sameClient(read: ClientRecord, row: ClientRow | null): boolean {
  if (row === null) return false;
  return sameAs(read, clientRecord(row));
}

type Relied = Pick<ClientRecord, 'secretHash' | 'isPublic' | 'rotate' | 'refreshTokenTtlSeconds'>;

/** `sameClient` on the fields a refresh relies on, however they were read. */
export function sameAs(read: Relied, now: Relied): boolean {
  return (
    now.secretHash === read.secretHash &&
    now.isPublic === read.isPublic &&
    now.rotate === read.rotate &&
    now.refreshTokenTtlSeconds === read.refreshTokenTtlSeconds
  );
}

/**
 * `GrantStore.lockForRefresh` (and, with `lock` false, `GrantStore.readForRefresh`, the same read without the
 * lock): when `asRead` is given, throws `ClientChanged` unless the client is still
 * registered as that record says (secret, public or not, rotation, refresh lifetime), checked before anything
 * of the grant is decided.
 */
export async function lockForRefresh(
  db: Sql,
  refreshTokenHash: string,
  clientId: string,
  now: Date,
  asRead?: ClientRecord,
  lock = true,
): Promise<RefreshCandidate | null> {
  const { rows } = await db.query<LockRow>(lock ? LOCKED : UNLOCKED, [
    refreshTokenHash,
    clientId,
    now,
    asRead !== undefined,
  ]);
  const r = rows[0]!;
  if (asRead !== undefined && !sameClient(asRead, r.client)) throw new ClientChanged();
  return candidate(r, refreshTokenHash);
}

/** The grant a read found for `refreshTokenHash` (null when none), with when that token was retired. */
export function candidate(r: Omit<LockRow, 'client'>, refreshTokenHash: string): RefreshCandidate | null {
  if (r.id === null) return null;
  const lastRefreshRetired =
    r.refreshed_from_hash === refreshTokenHash && r.refresh_token_hash !== refreshTokenHash;
  const retiredAt = r.retired_at ?? (lastRefreshRetired ? r.refreshed_at : null);
  return {
    grantId: r.id,
    userId: r.user_id,
    refreshTokenHash: r.refresh_token_hash,
    retiredAt,
    refreshExpiresAt: r.refresh_expires_at,
    refreshAbsoluteExpiresAt: r.refresh_absolute_expires_at,
    generation: r.refresh_generation,
    refreshedAt: r.refreshed_at,
    refreshedFromHash: r.refreshed_from_hash,
  };
}
