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
}

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
  };
}
