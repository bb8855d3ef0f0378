import type { Queryable } from '@account-access/db';
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

export interface AuthorizationCodeStore {
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
