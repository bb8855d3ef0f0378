import type { PoolStats } from '@account-access/db';
import { type Counter, createServiceMetrics, type ServiceMetrics } from '@account-access/kit';
import { passwordHashSlots } from './crypto/hash-slots.js';
import type { Stores } from './store/stores.js';

/** Which attempt limit an attempt counted against (auth/throttle.ts), as a metric label. */
export type AttemptKind =
  | 'login'
  | '2fa'
  | 'emailed_code'
  | 'registration_code'
  | 'client_secret'
  | 'sandbox_key';

/**
 * The platform's Prometheus metrics (issue 15), on a registry of this platform's own: the shared HTTP and
 * process metrics (the kit's), and what an operator watches here: tokens issued by grant, attempt failures,
 * lockouts and refusals by kind, the mail and webhook queues and their delivery attempts, the password hashes
 * running and waiting, the database pool.
 */
export interface PlatformMetrics {
  readonly service: ServiceMetrics;
  readonly tokensIssued: Counter<'grant_type'>;
  readonly attemptFailures: Counter<'kind'>;
  /** A failure that spent the last try of a limit: the next attempt is refused or delayed. */
  readonly attemptLockouts: Counter<'kind'>;
  /** An attempt refused before anything was verified, a limit being spent. */
  readonly attemptsRefused: Counter<'kind'>;
  readonly mailDeliveryAttempts: Counter<'outcome'>;
  readonly webhookDeliveryAttempts: Counter<'outcome'>;
}

export function createPlatformMetrics(
  stores: Stores,
  pool: () => PoolStats,
  options: { processMetrics: boolean },
): PlatformMetrics {
  const service = createServiceMetrics({ ...options, pool });
  // Both queues' depths come from one query at scrape time; a database that does not answer leaves them out.
  service.gauge(
    'platform_queue_depth',
    'mail and webhook deliveries waiting, by queue',
    ['queue'],
    async (set) => {
      const depths = await stores.readiness.queueDepths().catch(() => null);
      if (!depths) return;
      set({ queue: 'mail' }, depths.mail);
      set({ queue: 'webhook' }, depths.webhooks);
    },
  );
  // A login storm shows here first: hashes waiting for a slot (crypto/hash-slots.ts), process-wide.
  service.gauge(
    'platform_password_hashes',
    'password hashes (argon2id) running and waiting for a slot, by state',
    ['state'],
    (set) => {
      set({ state: 'running' }, passwordHashSlots.busy);
      set({ state: 'waiting' }, passwordHashSlots.waiting);
    },
  );
  return {
    service,
    tokensIssued: service.counter('platform_tokens_issued_total', 'tokens issued, by grant type', [
      'grant_type',
    ]),
    attemptFailures: service.counter(
      'platform_attempt_failures_total',
      'failed logins, 2FA codes, emailed codes, registration codes and client secrets, by kind',
      ['kind'],
    ),
    attemptLockouts: service.counter(
      'platform_attempt_lockouts_total',
      'failures that spent the last try of an attempt limit, by kind',
      ['kind'],
    ),
    attemptsRefused: service.counter(
      'platform_attempts_refused_total',
      'attempts refused by a spent attempt limit, by kind',
      ['kind'],
    ),
    mailDeliveryAttempts: service.counter(
      'platform_mail_delivery_attempts_total',
      'mail delivery attempts, by outcome (delivered, retry, failed)',
      ['outcome'],
    ),
    webhookDeliveryAttempts: service.counter(
      'platform_webhook_delivery_attempts_total',
      'webhook delivery attempts, by outcome (delivered, retry, failed)',
      ['outcome'],
    ),
  };
}
