import type { NewClientToken } from './client-tokens.js';
import { clientTokenWriter } from './client-tokens.js';
import type { ClientRecord } from './clients.js';
import type {
  LiveUserGrant,
  NewGrant,
  RefreshCandidate,
  RefreshIssue,
  TokenDetails,
  TokenGrant,
  TokenKind,
} from './grant-types.js';
import { type Expected, recentRefreshes, refreshReader, refreshWriter } from './refresh-batch.js';
import { lockForRefresh } from './refresh-lock.js';
import type { Sql } from './sql.js';

export type { NewClientToken } from './client-tokens.js';
export type {
  LiveUserGrant,
  NewGrant,
  RefreshCandidate,
  RefreshIssue,
  TokenDetails,
  TokenGrant,
  TokenKind,
  UserGrant,
} from './grant-types.js';
export { ClientChanged } from './refresh-lock.js';

export interface GrantStore {
  /** Records a grant with its first access token (and refresh token, for user grants). */
  create(grant: NewGrant, now: Date): Promise<string>;
  /**
   * Records a client-credentials grant and its token, only if the client still exists, is confidential and
   * has that secret (a record read from a cache is confirmed here, in the write) and its `counters` are open
   * (the right secret's attempt-limit check, issue 14): the grant id, or null.
   * On the database, concurrent calls share one multi-row statement and one commit (store/batch.ts); each
   * resolves only after that commit.
   */
  createClientToken(token: NewClientToken, now: Date): Promise<string | null>;
  /** The live grant behind an access token hash, or null when unknown, expired or revoked. */
  findAccessToken(tokenHash: string, now: Date): Promise<TokenGrant | null>;
  /**
   * The live grant of `clientId` that a refresh token (current or retired by a rotation) belongs to, with a
   * row lock (`for update`) held until the caller's transaction ends: run it in `stores.transaction`, so
   * concurrent refreshes of one grant, on any instance, decide one after the other. Null when the token is
   * unknown, another client's, or its grant is revoked or expired. With `asRead` (a recent read of the client,
   * issue 14), the same statement confirms the client is still registered so, else throws `ClientChanged`.
   */
  lockForRefresh(
    refreshTokenHash: string,
    clientId: string,
    now: Date,
    asRead?: ClientRecord,
  ): Promise<RefreshCandidate | null>;
  /**
   * `lockForRefresh` without the lock, outside a transaction (issue 14): what the refresh expects to find
   * when it writes with `recordRefresh(…, expected)`. On the database, concurrent calls share one statement;
   * with `asRead`, a grant whose last refresh was this instance's `recordRefresh(…, { read })` is answered as
   * that write left it, without a statement (the write with `expected` confirms it, issue 14).
   */
  readForRefresh(
    refreshTokenHash: string,
    clientId: string,
    now: Date,
    asRead?: ClientRecord,
  ): Promise<RefreshCandidate | null>;
  /**
   * Writes one refresh of a locked grant: every earlier access token of the grant is revoked and the new
   * one recorded (contract §5); when rotating, the presented refresh token is retired and replaced. With
   * `expected` (a grant read without its lock), only if the grant is still live at that generation with the
   * presented token current, and its client still registered as `expected.client` says (secret, public or
   * not, rotation, refresh lifetime: what the refresh relied on), and with `expected.read` its refresh expiry
   * as read; true when written, false when nothing was (the caller then takes the lock).
   * On the database, concurrent calls share one multi-row statement and one commit (store/refresh-batch.ts);
   * each resolves only after that commit, with its own grant's result.
   */
  recordRefresh(grantId: string, issue: RefreshIssue, now: Date, expected?: Expected): Promise<boolean>;
  /** Revokes a grant and every token of it. */
  revoke(grantId: string, now: Date): Promise<void>;
  /** The live token of that kind behind a hash (not expired, not revoked, nor its grant), else null. */
  findToken(kind: TokenKind, tokenHash: string, now: Date): Promise<TokenDetails | null>;
  /** Revokes one access token, leaving its grant and refresh token alive (RFC 7009 §2.1). */
  revokeAccessToken(tokenHash: string, now: Date): Promise<void>;
  /**
   * The person's live grants (not revoked; a refresh token or an access token still valid at `now`), oldest
   * first, with the partner's name: the connected partners of the account pages (issue 12 "Disconnect").
   */
  listLiveForUser(userId: number, now: Date): Promise<LiveUserGrant[]>;
}

interface TokenRow {
  grant_id: string;
  client_id: string;
  user_id: number | null;
  grant_type: string;
  issued_at: Date;
  expires_at: Date | null;
}

/** One statement per kind; both read the grant's own revocation too, so a revoked grant has no live token. */
const FIND_TOKEN: Record<TokenKind, string> = {
  access: `select t.grant_id, g.client_id, g.user_id, g.grant_type, t.created_at as issued_at, t.expires_at
             from access_tokens t join grants g on g.id = t.grant_id
            where t.token_hash = $1 and t.revoked_at is null and g.revoked_at is null and t.expires_at > $2`,
  refresh: `select id as grant_id, client_id, user_id, grant_type, created_at as issued_at,
                   refresh_expires_at as expires_at
              from grants
             where refresh_token_hash = $1 and revoked_at is null
               and (refresh_expires_at is null or refresh_expires_at > $2)`,
};

export function sqlGrantStore(db: Sql): GrantStore {
  const recent = recentRefreshes();
  return {
    createClientToken: clientTokenWriter(db),

    // One statement, so one round trip and an implicit transaction: the hot path of every token request.
    async create(g, now) {
      const { rows } = await db.query<{ grant_id: string }>(
        `with g as (
           insert into grants (id, client_id, user_id, grant_type, profile_ids, refresh_token_hash, refresh_expires_at,
                               refresh_absolute_expires_at, created_at)
           values (coalesce($10::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, $11, $7) returning id)
         insert into access_tokens (token_hash, grant_id, expires_at, created_at)
         select $8, id, $9, $7 from g returning grant_id`,
        [
          g.clientId,
          g.userId,
          g.grantType,
          g.profileIds,
          g.refreshTokenHash,
          g.refreshExpiresAt,
          now,
          g.accessTokenHash,
          g.accessExpiresAt,
          g.id ?? null,
          g.refreshAbsoluteExpiresAt ?? null,
        ],
      );
      return rows[0]!.grant_id;
    },

    async findAccessToken(tokenHash, now) {
      const { rows } = await db.query<{
        grant_id: string;
        client_id: string;
        user_id: number | null;
        grant_type: string;
        profile_ids: number[];
        expires_at: Date;
      }>(
        `select t.grant_id, g.client_id, g.user_id, g.grant_type, g.profile_ids, t.expires_at
           from access_tokens t join grants g on g.id = t.grant_id
          where t.token_hash = $1 and t.revoked_at is null and g.revoked_at is null and t.expires_at > $2`,
        [tokenHash, now],
      );
      const r = rows[0];
      return r
        ? {
            grantId: r.grant_id,
            clientId: r.client_id,
            userId: r.user_id,
            grantType: r.grant_type,
            profileIds: r.profile_ids,
            expiresAt: r.expires_at,
          }
        : null;
    },

    lockForRefresh: (refreshTokenHash, clientId, now, asRead) =>
      lockForRefresh(db, refreshTokenHash, clientId, now, asRead),
    readForRefresh: refreshReader(db, recent),

    // One statement (issue 14: the refresh grant's cost), so an implicit transaction when not in one; outside
    // one, concurrent refreshes share it (store/refresh-batch.ts). Each part sees the table as it was before
    // it, so the revoking update never touches the token inserted beside it. The grants update comes first
    // and the others only write for the rows it updated: with `expected`, none when the grant moved on since
    // it was read, or its client changed (its update waits for a concurrent refresh's lock, then rechecks the
    // row in its latest version, READ COMMITTED).
    recordRefresh: refreshWriter(db, recent),

    async revoke(grantId, now) {
      await db.transaction(async (tx) => {
        await tx.query('update grants set revoked_at = coalesce(revoked_at, $2) where id = $1', [
          grantId,
          now,
        ]);
        await tx.query(
          'update access_tokens set revoked_at = $2 where grant_id = $1 and revoked_at is null',
          [grantId, now],
        );
      });
    },

    async findToken(kind, tokenHash, now) {
      const { rows } = await db.query<TokenRow>(FIND_TOKEN[kind], [tokenHash, now]);
      const r = rows[0];
      return r
        ? {
            grantId: r.grant_id,
            clientId: r.client_id,
            userId: r.user_id,
            grantType: r.grant_type,
            issuedAt: r.issued_at,
            expiresAt: r.expires_at,
          }
        : null;
    },

    async revokeAccessToken(tokenHash, now) {
      await db.query(
        'update access_tokens set revoked_at = $2 where token_hash = $1 and revoked_at is null',
        [tokenHash, now],
      );
    },

    async listLiveForUser(userId, now) {
      const { rows } = await db.query<{
        id: string;
        client_id: string;
        name: string;
        grant_type: string;
        profile_ids: number[];
        created_at: Date;
      }>(
        `select g.id, g.client_id, c.name, g.grant_type, g.profile_ids, g.created_at
           from grants g join clients c on c.client_id = g.client_id
          where g.user_id = $1 and g.revoked_at is null
            and (g.refresh_expires_at > $2
                 or exists (select 1 from access_tokens t
                             where t.grant_id = g.id and t.revoked_at is null and t.expires_at > $2))
          order by g.created_at, g.id`,
        [userId, now],
      );
      return rows.map((r) => ({
        grantId: r.id,
        clientId: r.client_id,
        clientName: r.name,
        userId,
        grantType: r.grant_type,
        profileIds: r.profile_ids,
        createdAt: r.created_at,
      }));
    },
  };
}
