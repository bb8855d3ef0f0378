import type { Queryable } from '@account-access/db';

/**
 * What the sandbox control plane (`/_sandbox/`, src/sandbox/) changes behind the flows' backs, so partners can
 * test their recovery paths. Never used outside sandbox mode.
 */
export interface SandboxStore {
  /** Marks the account of `emailKey` reclaimed (contract §7), keeping an earlier date; null when no such user. */
  reclaimUser(emailKey: string, now: Date): Promise<{ email: string; reclaimedAt: Date } | null>;
  /** Revokes one live access token; false when there is no such live token. */
  revokeAccessToken(tokenHash: string, now: Date): Promise<boolean>;
  /** Makes a live access token expire now, as after 12 hours; false when there is no such live token. */
  expireAccessToken(tokenHash: string, now: Date): Promise<boolean>;
  /** The live grant a refresh token belongs to (the caller revokes it through `GrantStore`), else null. */
  findGrantByRefreshToken(tokenHash: string): Promise<string | null>;
  /** A grant by its id (as the listings show it), live or not; null when there is none. */
  findGrant(grantId: string): Promise<{ id: string; revokedAt: Date | null } | null>;
  /**
   * Makes every live access token of a live grant expire now, and with `refreshToo` its refresh token as
   * well; the number of access tokens expired, or null when the grant is unknown or revoked.
   */
  expireGrant(grantId: string, refreshToo: boolean, now: Date): Promise<number | null>;
}

/** A grant id is a UUID; anything else names no grant (and must not reach a uuid cast). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function sqlSandboxStore(db: Queryable): SandboxStore {
  return {
    async reclaimUser(emailKey, now) {
      const { rows } = await db.query<{ email: string; reclaimed_at: Date }>(
        `update users set reclaimed_at = coalesce(reclaimed_at, $2) where email_key = $1
         returning email, reclaimed_at`,
        [emailKey, now],
      );
      const row = rows[0];
      return row ? { email: row.email, reclaimedAt: row.reclaimed_at } : null;
    },
    async revokeAccessToken(tokenHash, now) {
      const { rowCount } = await db.query(
        'update access_tokens set revoked_at = $2 where token_hash = $1 and revoked_at is null',
        [tokenHash, now],
      );
      return rowCount === 1;
    },
    async expireAccessToken(tokenHash, now) {
      const { rowCount } = await db.query(
        `update access_tokens set expires_at = $2
          where token_hash = $1 and revoked_at is null and expires_at > $2`,
        [tokenHash, now],
      );
      return rowCount === 1;
    },
    async findGrantByRefreshToken(tokenHash) {
      const { rows } = await db.query<{ id: string }>(
        'select id from grants where refresh_token_hash = $1 and revoked_at is null',
        [tokenHash],
      );
      return rows[0]?.id ?? null;
    },
    async findGrant(grantId) {
      if (!UUID.test(grantId)) return null;
      const { rows } = await db.query<{ id: string; revoked_at: Date | null }>(
        'select id::text as id, revoked_at from grants where id = $1',
        [grantId],
      );
      const row = rows[0];
      return row ? { id: row.id, revokedAt: row.revoked_at } : null;
    },
    async expireGrant(grantId, refreshToo, now) {
      if (!UUID.test(grantId)) return null;
      // One statement: the grant's row is updated (and so locked) only when live, and its tokens with it.
      const { rows } = await db.query<{ n: number | null }>(
        `with g as (
           update grants set refresh_expires_at = case when $3 and refresh_token_hash is not null
                    then least(coalesce(refresh_expires_at, $2), $2) else refresh_expires_at end
            where id = $1 and revoked_at is null returning id),
         t as (
           update access_tokens set expires_at = $2
            where grant_id in (select id from g) and revoked_at is null and expires_at > $2 returning 1)
         select (select count(*)::int from t) as n where exists (select 1 from g)`,
        [grantId, now, refreshToo],
      );
      return rows[0]?.n ?? null;
    },
  };
}
