import { batcher } from './batch.js';
import type { ClientRecord, RefreshTokenRotation } from './clients.js';
import type { RefreshCandidate, RefreshIssue } from './grant-types.js';
import {
  ClientChanged,
  candidate,
  grantOfToken,
  type LockRow,
  lockForRefresh,
  sameAs,
} from './refresh-lock.js';
import type { Sql } from './sql.js';

/**
 * Issue 14: the refresh grant's common case is an unlocked read and a conditional write (oauth/grants/
 * refresh-token.ts). Outside a transaction, concurrent refreshes share them (store/batch.ts): one statement
 * reads the grants of many presented tokens, one statement writes the refreshes of many grants and commits
 * them together, each caller answered after that commit with its own result. Per grant nothing changes: each
 * row of the write is conditional on its own grant as read, and a row whose grant moved on writes nothing
 * and answers false to its caller alone, who then decides under the grant's lock.
 */

/** `readForRefresh` for many tokens: each row's grant as `grantOfToken` finds it, and its client's registration. */
const READ_FOR_REFRESH = `
  select i.n, g.*, c.client_id is not null as client_found, c.secret_hash, c.is_public,
         c.refresh_token_rotation, c.refresh_token_ttl_seconds
    from unnest($1::text[], $2::text[], $3::timestamptz[]) with ordinality as i(hash, client_id, now, n)
    left join clients c on c.client_id = i.client_id
    left join lateral (${grantOfToken('i.hash', 'i.client_id', 'i.now')} limit 1) g on true`;

type ReadRow = Omit<LockRow, 'client'> & {
  n: string;
  client_found: boolean;
  secret_hash: string | null;
  is_public: boolean;
  refresh_token_rotation: RefreshTokenRotation;
  refresh_token_ttl_seconds: number | null;
};

interface Read {
  hash: string;
  clientId: string;
  now: Date;
}

/**
 * `recordRefresh` for many grants, one row each (the statement's parts as grants.ts describes them): a row
 * with an expected generation is written only if its grant is still live at it with the presented token
 * current and its client registered as the row says. Returns the rows written (`n`, their order in input).
 */
const RECORD_REFRESH = `
  with i as (
    select * from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::timestamptz[], $5::text[], $6::boolean[],
                         $7::integer[], $8::text[], $9::timestamptz[], $10::integer[], $11::text[], $12::boolean[],
                         $13::text[], $14::integer[], $15::text[], $16::boolean[], $17::timestamptz[])
           with ordinality as i(id, now, access_hash, access_expires_at, presented_hash, rotate, generation,
                                refresh_hash, refresh_expires_at, expected, secret_hash, is_public, rotation, ttl,
                                client_id, pinned, read_refresh_expires_at, n)),
  g as (
    update grants set refresh_generation = i.generation, refreshed_at = i.now, refreshed_from_hash = i.presented_hash,
           refresh_token_hash = coalesce(i.refresh_hash, grants.refresh_token_hash),
           refresh_expires_at = i.refresh_expires_at
      from i
     where grants.id = i.id
       and (i.expected is null
            or (grants.refresh_generation = i.expected and grants.refresh_token_hash = i.presented_hash
                and grants.revoked_at is null and grants.client_id = i.client_id
                and (not i.pinned or grants.refresh_expires_at is not distinct from i.read_refresh_expires_at)
                and exists (select 1 from clients c
                             where c.client_id = grants.client_id
                               and c.secret_hash is not distinct from i.secret_hash and c.is_public = i.is_public
                               and c.refresh_token_rotation = i.rotation
                               and c.refresh_token_ttl_seconds is not distinct from i.ttl)))
    returning i.*),
  revoked as (
    update access_tokens t set revoked_at = g.now from g
     where t.grant_id = g.id and t.revoked_at is null returning 1),
  issued as (
    insert into access_tokens (token_hash, grant_id, expires_at, created_at)
    select access_hash, id, access_expires_at, now from g returning 1),
  retired as (
    insert into retired_refresh_tokens (token_hash, grant_id, retired_at)
    select presented_hash, id, now from g where rotate returning 1)
  select n from g`;

/** What a conditional write expects of its grant (`GrantStore.recordRefresh`). */
export interface Expected {
  generation: number;
  client: ClientRecord;
  /** The grant as read: its refresh expiry is expected too, and once written, this instance remembers it. */
  read?: RefreshCandidate;
}

interface Write {
  grantId: string;
  issue: RefreshIssue;
  now: Date;
  expected?: Expected | undefined;
}

/**
 * Issue 14: the grants this instance last refreshed, as its own write left them, by client and current
 * refresh token: the next refresh of one starts from this instead of a read, and its conditional write
 * confirms it (the grant still at that generation, token, expiry and client, unrevoked; a grant moved on by
 * any instance, revoked or changed writes nothing, is forgotten here, and is decided under its lock). A hint,
 * never an answer: nothing is decided from it that the write does not check.
 */
class Recent {
  private readonly grants = new Map<string, RefreshCandidate>();
  private static readonly LIMIT = 10_000;

  get(hash: string, clientId: string, now: Date): RefreshCandidate | null {
    const key = `${clientId}\0${hash}`;
    const hit = this.grants.get(key);
    if (hit === undefined) return null;
    // Expired since: the read decides (it refuses it), as for any grant not remembered.
    if (hit.refreshExpiresAt !== null && hit.refreshExpiresAt.getTime() <= now.getTime()) {
      this.grants.delete(key);
      return null;
    }
    return hit;
  }

  /** After `write` applied: the grant as it now is. */
  written({ issue, now, expected }: Write): void {
    const read = expected?.read;
    if (read === undefined || expected === undefined) return;
    const clientId = expected.client.clientId;
    this.grants.delete(`${clientId}\0${issue.presentedHash}`);
    const refreshTokenHash = issue.rotateTo?.refreshTokenHash ?? issue.presentedHash;
    if (this.grants.size >= Recent.LIMIT) this.grants.delete(this.grants.keys().next().value!);
    this.grants.set(`${clientId}\0${refreshTokenHash}`, {
      ...read,
      refreshTokenHash,
      retiredAt: null,
      refreshExpiresAt: issue.refreshExpiresAt,
      generation: issue.generation,
      refreshedAt: now,
      refreshedFromHash: issue.presentedHash,
    });
  }

  /** After `write` wrote nothing: whatever this instance remembered of its grant is stale. */
  refused({ issue, expected }: Write): void {
    if (expected !== undefined) this.grants.delete(`${expected.client.clientId}\0${issue.presentedHash}`);
  }
}

async function readMany(db: Sql, reads: readonly Read[]): Promise<ReadRow[]> {
  const { rows } = await db.query<ReadRow>(READ_FOR_REFRESH, [
    reads.map((r) => r.hash),
    reads.map((r) => r.clientId),
    reads.map((r) => r.now),
  ]);
  const byN = new Map(rows.map((r) => [Number(r.n), r]));
  return reads.map((_, i) => byN.get(i + 1)!);
}

/** Writes `writes` in one statement: which of them were written, in order. */
async function writeMany(db: Sql, writes: readonly Write[]): Promise<boolean[]> {
  const { rows } = await db.query<{ n: string }>(RECORD_REFRESH, [
    writes.map((w) => w.grantId),
    writes.map((w) => w.now),
    writes.map((w) => w.issue.accessTokenHash),
    writes.map((w) => w.issue.accessExpiresAt),
    writes.map((w) => w.issue.presentedHash),
    writes.map((w) => w.issue.rotateTo !== null),
    writes.map((w) => w.issue.generation),
    writes.map((w) => w.issue.rotateTo?.refreshTokenHash ?? null),
    writes.map((w) => w.issue.refreshExpiresAt),
    writes.map((w) => w.expected?.generation ?? null),
    writes.map((w) => w.expected?.client.secretHash ?? null),
    writes.map((w) => w.expected?.client.isPublic ?? null),
    writes.map((w) => w.expected?.client.rotate ?? null),
    writes.map((w) => w.expected?.client.refreshTokenTtlSeconds ?? null),
    writes.map((w) => w.expected?.client.clientId ?? null),
    writes.map((w) => w.expected?.read !== undefined),
    writes.map((w) => w.expected?.read?.refreshExpiresAt ?? null),
  ]);
  const written = new Set(rows.map((r) => Number(r.n)));
  return writes.map((_, i) => written.has(i + 1));
}

/** PostgreSQL's deadlock_detected: the statement was rolled back, so nothing of it was written. */
const DEADLOCK = '40P01';

/**
 * One batch of conditional writes. A grant appears once per statement (an `update … from` applies one row
 * per target row): a later row of the same grant is answered false unwritten, as it would be after the first
 * commits. Rows go in grant order, so two batches lock their common grants in the same order; should
 * PostgreSQL still find a deadlock, nothing was written and every caller decides under the lock instead.
 */
async function flushWrites(db: Sql, writes: readonly Write[]): Promise<boolean[]> {
  const seen = new Set<string>();
  const first = writes
    .map((w, at) => ({ w, at }))
    .filter(({ w }) => !seen.has(w.grantId) && seen.add(w.grantId))
    .sort((a, b) => (a.w.grantId < b.w.grantId ? -1 : a.w.grantId > b.w.grantId ? 1 : 0));
  let written: boolean[];
  try {
    written = await writeMany(
      db,
      first.map(({ w }) => w),
    );
  } catch (error) {
    if ((error as { code?: string }).code === DEADLOCK) return writes.map(() => false);
    throw error;
  }
  const answers = writes.map(() => false);
  for (const [i, { at }] of first.entries()) answers[at] = written[i]!;
  return answers;
}

/** What a database's grant store remembers of its own refreshes (`Recent`). */
export const recentRefreshes = () => new Recent();

/**
 * `GrantStore.readForRefresh` on `db`: batched outside a transaction, the caller's own statement inside;
 * outside one, a grant this instance refreshed last is answered as its write left it (`Recent`).
 */
export function refreshReader(
  db: Sql,
  recent: Recent,
): (hash: string, clientId: string, now: Date, asRead?: ClientRecord) => Promise<RefreshCandidate | null> {
  if (db.inTransaction)
    return (hash, clientId, now, asRead) => lockForRefresh(db, hash, clientId, now, asRead, false);
  const reads = batcher<Read, ReadRow>({ flush: (batch) => readMany(db, batch) });
  return async (hash, clientId, now, asRead) => {
    // Only for a caller that will confirm it: a write with `expected.client` (the refresh grant).
    const known = asRead !== undefined ? recent.get(hash, clientId, now) : null;
    if (known !== null) return known;
    const r = await reads.run({ hash, clientId, now });
    if (
      asRead !== undefined &&
      !(
        r.client_found &&
        sameAs(asRead, {
          secretHash: r.secret_hash,
          isPublic: r.is_public,
          rotate: r.refresh_token_rotation,
          refreshTokenTtlSeconds: r.refresh_token_ttl_seconds,
        })
      )
    )
      throw new ClientChanged();
    return candidate(r, hash);
  };
}

/** `GrantStore.recordRefresh` on `db`: a group commit outside a transaction, the caller's own write inside. */
export function refreshWriter(
  db: Sql,
  recent: Recent,
): (grantId: string, issue: RefreshIssue, now: Date, expected?: Expected) => Promise<boolean> {
  if (db.inTransaction)
    return (grantId, issue, now, expected) =>
      writeMany(db, [{ grantId, issue, now, expected }]).then((w) => w[0]!);
  const writes = batcher<Write, boolean>({ flush: (batch) => flushWrites(db, batch) });
  return async (grantId, issue, now, expected) => {
    const write = { grantId, issue, now, expected };
    const written = await writes.run(write);
    if (written) recent.written(write);
    else recent.refused(write);
    return written;
  };
}
