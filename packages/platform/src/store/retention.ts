import type { Queryable } from '@account-access/db';

/**
 * Deletes what the platform no longer needs: rows past their expiry (or used) plus a grace period, so a
 * request racing the purge still finds its row and operators can look at yesterday's failures.
 *
 * Authorization codes are different: a consumed code must stay while it can still be replayed to revoke the
 * grant it issued (contract §4, RFC 6749 §4.1.2). A code goes one day after expiry when it was never used or
 * its grant is gone, revoked or past its refresh expiry; a code whose grant still lives is kept 30 days after
 * expiry, so a leaked code replayed within that month still revokes the tokens it issued.
 */
export const RETENTION = {
  graceSeconds: 24 * 3600,
  /** Authorization codes whose grant still lives; delivered or refused mail and webhooks. */
  longSeconds: 30 * 24 * 3600,
} as const;

interface Cutoffs {
  grace: Date;
  long: Date;
  now: Date;
}

/** One statement per table: [name, SQL, its parameters] (a statement is sent only the parameters it uses). */
const PURGES: readonly (readonly [string, string, (c: Cutoffs) => Date[]])[] = [
  ['platformSessions', 'delete from platform_sessions where expires_at < $1', (c) => [c.grace]],
  [
    'interactions',
    'delete from interactions where expires_at < $1 or (completed_at is not null and completed_at < $1)',
    (c) => [c.grace],
  ],
  // Attempt counters (auth/throttle.ts): the longest window is a day, so a counter whose window began before
  // the grace cutoff counts for nothing.
  ['attemptCounters', 'delete from attempt_counters where window_start < $1', (c) => [c.grace]],
  [
    'authorizationCodes',
    `delete from authorization_codes c
      where c.expires_at < $2
         or (c.expires_at < $1
             and (c.grant_id is null
                  or not exists (select 1 from grants g
                                  where g.id = c.grant_id and g.revoked_at is null
                                    and (g.refresh_expires_at is null or g.refresh_expires_at > $3))))`,
    (c) => [c.grace, c.long, c.now],
  ],
  [
    'emailAuthorizations',
    'delete from email_authorizations where expires_at < $1 or consumed_at < $1',
    (c) => [c.grace],
  ],
  [
    'claimAccountCodes',
    'delete from claim_account_codes where expires_at < $1 or consumed_at < $1',
    (c) => [c.grace],
  ],
  [
    'federatedLogins',
    'delete from federated_logins where expires_at < $1 or consumed_at < $1',
    (c) => [c.grace],
  ],
  [
    'passwordResetLinks',
    'delete from password_reset_links where expires_at < $1 or consumed_at < $1',
    (c) => [c.grace],
  ],
  ['mailOutbox', 'delete from mail_outbox where delivered_at < $1 or failed_at < $1', (c) => [c.long]],
  // Sent or given-up webhooks (their attempts go with them); pending ones stay, however old.
  [
    'webhookDeliveries',
    'delete from webhook_deliveries where delivered_at < $1 or failed_at < $1',
    (c) => [c.long],
  ],
];

export type PurgeCounts = Record<string, number>;

export interface RetentionStore {
  /** Runs every purge once and returns how many rows each table lost. Safe to run on several instances. */
  purgeExpired(now: Date): Promise<PurgeCounts>;
}

export function sqlRetentionStore(db: Queryable): RetentionStore {
  return {
    async purgeExpired(now) {
      const cutoffs: Cutoffs = {
        now,
        grace: new Date(now.getTime() - RETENTION.graceSeconds * 1000),
        long: new Date(now.getTime() - RETENTION.longSeconds * 1000),
      };
      const counts: PurgeCounts = {};
      for (const [name, sql, params] of PURGES) {
        const { rows } = await db.query<{ n: number }>(
          `with gone as (${sql} returning 1) select count(*)::int as n from gone`,
          params(cutoffs),
        );
        counts[name] = rows[0]?.n ?? 0;
      }
      return counts;
    },
  };
}
