import type { Queryable } from '@account-access/db';
import { type CounterLimit, closedAt } from './attempt-counters.js';
import type { ClientRecord } from './clients.js';
import type { Delivery } from './interactions.js';

/** An authorization code (contract §4, §6), by the keyed hash of the code. */
export interface AuthorizationCodeRecord {
  codeHash: string;
  clientId: string;
  delivery: Delivery;
  /** null for an emailed link's code, exchanged without a redirect_uri (contract §6); set for showCode (§4). */
  redirectUri: string | null;
  userId: number;
  profileId: number;
  codeChallenge: string | null;
  expiresAt: Date;
  consumedAt: Date | null;
  grantId: string | null;
  /**
   * Whether the code's account is active (contract "Verification": a deactivated one gets no tokens), read
   * with the code (issue 14: the exchange needs no read of its own).
   */
  userActive: boolean;
}

export type NewAuthorizationCode = Omit<AuthorizationCodeRecord, 'consumedAt' | 'grantId' | 'userActive'>;

/** What a code exchange presents and the grant it would write (`AuthorizationCodeStore.exchange`). */
export interface CodeExchange {
  codeHash: string;
  /** The client as authenticated (perhaps this instance's recent read): confirmed by the statement. */
  client: ClientRecord;
  /** The presented redirect_uri, or null. */
  redirectUri: string | null;
  /** For a code bound to no redirect_uri: whether the presented one (or none) is acceptable. */
  unboundRedirectOk: boolean;
  /** S256 of the presented code_verifier, or null when none was sent (an invalid one: a value never stored). */
  challenge: string | null;
  grantId: string;
  accessTokenHash: string;
  accessExpiresAt: Date;
  refreshTokenHash: string;
  refreshExpiresAt: Date;
  refreshAbsoluteExpiresAt: Date | null;
  /**
   * The client's secret counters that must be open (a right secret's lock-free check, made by this statement
   * rather than a read before it, issue 14): one closed, and the client counts as not as read.
   */
  counters: readonly CounterLimit[];
}

export interface AuthorizationCodeStore {
  /**
   * The common exchange in ONE statement (issue 14): consumes the code when it is live, unused, this client's,
   * its account active and the request matches its binding, and only if the client is still registered as
   * `client` says (secret, public or not, refresh lifetime, redirect URIs), and writes the grant and its
   * access token from it. As one statement commits the consume and the grant together, a replay that loses
   * the race finds the grant to revoke. `issued` names the code's user and profile; `clientOk` false when the
   * client has changed or one of its `counters` is closed (by `blockedAt`'s rule, auth/attempt-judge.ts). Nothing issued otherwise: the caller then judges the code as `find` shows it.
   */
  exchange(
    e: CodeExchange,
    now: Date,
  ): Promise<{ clientOk: boolean; issued: { userId: number; profileId: number } | null }>;
  create(code: NewAuthorizationCode, now: Date): Promise<void>;
  /**
   * Completes the interaction `interactionUid` and creates the code it ends with, in ONE statement (issue 14):
   * false when the interaction was complete already (a second tab, a reload), and then no code exists; when
   * the statement fails, neither happened.
   */
  createCompleting(interactionUid: string, code: NewAuthorizationCode, now: Date): Promise<boolean>;
  find(codeHash: string): Promise<AuthorizationCodeRecord | null>;
  /**
   * Consumes a live, unused code in ONE statement and names the grant that will be issued from it. Null when
   * another request consumed it first or it expired meanwhile: then it is a replay.
   */
  consume(codeHash: string, grantId: string, now: Date): Promise<AuthorizationCodeRecord | null>;
  /** Marks a replay; returns the grant issued from the code, if any, so the caller revokes it. */
  markReplayed(codeHash: string, now: Date): Promise<string | null>;
  /** True when the code was replayed (checked by the winner once its grant exists, to close the race). */
  wasReplayed(codeHash: string): Promise<boolean>;
  /**
   * Counts a failed exchange of a live code; at `maxAttempts` the code dies (it expires now). One statement.
   * Contract §6 (ours): a short displayed code cannot be tried many times.
   */
  recordFailure(codeHash: string, maxAttempts: number, now: Date): Promise<void>;
}

interface Row {
  code_hash: string;
  client_id: string;
  delivery: Delivery;
  redirect_uri: string | null;
  user_id: number;
  profile_id: number;
  code_challenge: string | null;
  expires_at: Date;
  consumed_at: Date | null;
  grant_id: string | null;
  user_active: boolean;
}

const toRecord = (r: Row): AuthorizationCodeRecord => ({
  codeHash: r.code_hash,
  clientId: r.client_id,
  delivery: r.delivery,
  redirectUri: r.redirect_uri,
  userId: r.user_id,
  profileId: r.profile_id,
  codeChallenge: r.code_challenge,
  expiresAt: r.expires_at,
  consumedAt: r.consumed_at,
  grantId: r.grant_id,
  userActive: r.user_active,
});

const COLUMNS = `code_hash, client_id, delivery, redirect_uri, user_id, profile_id, code_challenge, expires_at,
  consumed_at, grant_id,
  coalesce((select u.active from users u where u.id = authorization_codes.user_id), false) as user_active`;

/** A new code's values, $1 to $9 of the INSERTs below. */
const codeValues = (c: NewAuthorizationCode, now: Date) => [
  c.codeHash,
  c.clientId,
  c.delivery,
  c.redirectUri,
  c.userId,
  c.profileId,
  c.codeChallenge,
  now,
  c.expiresAt,
];

export function sqlAuthorizationCodeStore(db: Queryable): AuthorizationCodeStore {
  return {
    async create(c, now) {
      await db.query(
        `insert into authorization_codes (code_hash, client_id, delivery, redirect_uri, user_id, profile_id,
           code_challenge, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        codeValues(c, now),
      );
    },
    async createCompleting(interactionUid, c, now) {
      const { rows } = await db.query(
        `with done as (
           update interactions set completed_at = $8 where uid = $10 and completed_at is null returning uid)
         insert into authorization_codes (code_hash, client_id, delivery, redirect_uri, user_id, profile_id,
           code_challenge, created_at, expires_at)
         select $1, $2, $3, $4, $5, $6, $7, $8, $9 from done
         returning code_hash`,
        [...codeValues(c, now), interactionUid],
      );
      return rows.length === 1;
    },
    async exchange(e, now) {
      const { rows } = await db.query<{
        client_ok: boolean;
        user_id: number | null;
        profile_ids: number[] | null;
      }>(
        `with c as (
           select 1 from clients
            where client_id = $1 and secret_hash is not distinct from $2 and is_public = $3
              and refresh_token_ttl_seconds is not distinct from $4::integer and redirect_uris = $5::text[]
              and not exists (
                    select 1 from unnest($17::text[], $18::text[], $19::int[], $20::int[])
                                    as l(scope, key, max, window_seconds)
                      join attempt_counters a on a.scope = l.scope and a.key = l.key
                     where ${closedAt('$6')})),
         consumed as (
           update authorization_codes a set consumed_at = $6, grant_id = $7
            where a.code_hash = $8 and a.client_id = $1 and a.consumed_at is null and a.expires_at > $6
              and exists (select 1 from c)
              and exists (select 1 from users u where u.id = a.user_id and u.active)
              and case when a.redirect_uri is not null then a.redirect_uri = $9 else $10::boolean end
              and case when a.code_challenge is null then $11::text is null else a.code_challenge = $11 end
            returning a.user_id, a.profile_id),
         g as (
           insert into grants (id, client_id, user_id, grant_type, profile_ids, refresh_token_hash,
                               refresh_expires_at, refresh_absolute_expires_at, created_at)
           select $7::uuid, $1, user_id, 'authorization_code', array[profile_id], $12, $13, $14, $6
             from consumed
           returning id, user_id, profile_ids),
         t as (
           insert into access_tokens (token_hash, grant_id, expires_at, created_at)
           select $15, id, $16, $6 from g)
         select exists (select 1 from c) as client_ok, g.user_id, g.profile_ids
           from (values (1)) as one left join g on true`,
        [
          e.client.clientId,
          e.client.secretHash,
          e.client.isPublic,
          e.client.refreshTokenTtlSeconds,
          e.client.redirectUris,
          now,
          e.grantId,
          e.codeHash,
          e.redirectUri,
          e.unboundRedirectOk,
          e.challenge,
          e.refreshTokenHash,
          e.refreshExpiresAt,
          e.refreshAbsoluteExpiresAt,
          e.accessTokenHash,
          e.accessExpiresAt,
          e.counters.map((c) => c.scope),
          e.counters.map((c) => c.key),
          e.counters.map((c) => c.max),
          e.counters.map((c) => c.windowSeconds),
        ],
      );
      const r = rows[0]!;
      return {
        clientOk: r.client_ok,
        issued: r.user_id === null ? null : { userId: r.user_id, profileId: r.profile_ids![0]! },
      };
    },
    async find(codeHash) {
      const { rows } = await db.query<Row>(
        `select ${COLUMNS} from authorization_codes where code_hash = $1`,
        [codeHash],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async consume(codeHash, grantId, now) {
      const { rows } = await db.query<Row>(
        `update authorization_codes set consumed_at = $2, grant_id = $3
          where code_hash = $1 and consumed_at is null and expires_at > $2
          returning ${COLUMNS}`,
        [codeHash, now, grantId],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async markReplayed(codeHash, now) {
      const { rows } = await db.query<{ grant_id: string | null }>(
        `update authorization_codes set replayed_at = coalesce(replayed_at, $2)
          where code_hash = $1 returning grant_id`,
        [codeHash, now],
      );
      return rows[0]?.grant_id ?? null;
    },
    async recordFailure(codeHash, maxAttempts, now) {
      await db.query(
        `update authorization_codes
            set failed_attempts = failed_attempts + 1,
                expires_at = case when failed_attempts + 1 >= $2 then least(expires_at, $3) else expires_at end
          where code_hash = $1`,
        [codeHash, maxAttempts, now],
      );
    },
    async wasReplayed(codeHash) {
      const { rows } = await db.query<{ replayed: boolean }>(
        'select replayed_at is not null as replayed from authorization_codes where code_hash = $1',
        [codeHash],
      );
      return rows[0]?.replayed === true;
    },
  };
}
