import type { Platform } from '../context.js';
import type { LeasedDelivery } from '../store/webhook-deliveries.js';
import { envelopeBytes } from './envelope.js';
import { postWebhook, type SendResult } from './send.js';
import { signingKey } from './signing.js';

/** How the worker reports; pino's `(object, message)` shape, so the platform's logger fits. */
export interface WebhookLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface WebhookReport {
  delivered: number;
  retried: number;
  failed: number;
}

export interface WebhookWorker {
  /**
   * Sends every delivery that is due now (by `platform.now`), then resolves. The server calls it on a timer;
   * tests call it directly and move a fake clock between calls. Calls on one worker never overlap; workers
   * on other instances (or a second worker here) lease disjoint rows.
   */
  deliverDue(): Promise<WebhookReport>;
  /** Waits for a running round. */
  close(): Promise<void>;
}

export interface WebhookWorkerOptions {
  log?: WebhookLog;
  batchSize?: number;
  /** How long a leased row is held before another worker may try it: longer than any attempt. */
  leaseSeconds?: number;
  /** https://docs.wise.com/guides/developer/webhooks/event-handling: a 2xx within 5 seconds. */
  timeoutMs?: number;
}

const MINUTE = 60;
const DAY = 24 * 3600;
/**
 * https://docs.wise.com/guides/developer/webhooks "Webhook Delivery": the first retry after 1 minute, then
 * 2, 4, … (doubling) for eleven retries, then 14 more once a day: 25 retries ("We will try at most 25
 * times", event-handling), about two weeks in all. So a delivery gets 26 attempts, then is marked failed.
 */
export const MAX_ATTEMPTS = 26;

/** The wait after failed attempt `attempts` (1-based). */
export function retryDelaySeconds(attempts: number): number {
  return attempts <= 11 ? MINUTE * 2 ** (attempts - 1) : DAY;
}

const MAX_BATCHES_PER_CALL = 100;
const succeeded = (r: SendResult) => r.status !== null && r.status >= 200 && r.status < 300;

export function createWebhookWorker(platform: Platform, options: WebhookWorkerOptions = {}): WebhookWorker {
  const deliveries = platform.stores.webhookDeliveries;
  const { log } = options;
  const batchSize = options.batchSize ?? 10;
  const timeoutMs = options.timeoutMs ?? 5000;
  const leaseSeconds = options.leaseSeconds ?? Math.max(60, Math.ceil((timeoutMs * 3) / 1000));
  const publicOnly = platform.config.mode === 'production';
  let running: Promise<WebhookReport> | null = null;

  async function attempt(delivery: LeasedDelivery, report: WebhookReport): Promise<void> {
    const key = await signingKey(platform);
    const body = envelopeBytes(delivery, platform.now());
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-signature-sha256': key.sign(body),
      'x-delivery-id': delivery.deliveryId,
      'user-agent': 'account-access-webhooks',
    };
    if (delivery.test) headers['x-test-notification'] = 'true';
    const result = await postWebhook(delivery.url, body, headers, { timeoutMs, publicOnly });
    const now = platform.now();
    const outcome = {
      status: result.status,
      error: succeeded(result) ? null : (result.error ?? `answered ${result.status}`),
    };
    const about = {
      deliveryId: delivery.deliveryId,
      subscriptionId: delivery.subscriptionId,
      attempts: delivery.attempts,
    };
    if (succeeded(result)) {
      await deliveries.delivered(delivery, now, outcome);
      report.delivered++;
      platform.metrics.webhookDeliveryAttempts.inc({ outcome: 'delivered' });
      log?.info({ ...about, status: result.status }, 'webhook delivered');
    } else if (delivery.attempts >= MAX_ATTEMPTS) {
      await deliveries.failed(delivery, now, outcome);
      report.failed++;
      platform.metrics.webhookDeliveryAttempts.inc({ outcome: 'failed' });
      log?.warn({ ...about, error: outcome.error }, 'webhook delivery failed; no more attempts');
    } else {
      const next = new Date(now.getTime() + retryDelaySeconds(delivery.attempts) * 1000);
      await deliveries.retry(delivery, now, next, outcome);
      report.retried++;
      platform.metrics.webhookDeliveryAttempts.inc({ outcome: 'retry' });
      log?.warn(
        { ...about, error: outcome.error, nextAttemptAt: next.toISOString() },
        'webhook delivery failed; will retry',
      );
    }
  }

  async function run(): Promise<WebhookReport> {
    const report: WebhookReport = { delivered: 0, retried: 0, failed: 0 };
    // The key first: if it cannot be loaded, no row is leased (and no attempt spent) for nothing.
    await signingKey(platform);
    // The sandbox clock may have moved on another instance (issue 11): retries fall due by the shared time.
    await platform.clock.refresh();
    for (let batch = 0; batch < MAX_BATCHES_PER_CALL; batch++) {
      const leased = await deliveries.lease(platform.now(), leaseSeconds, batchSize);
      await Promise.all(leased.map((d) => attempt(d, report)));
      if (leased.length < batchSize) break;
    }
    return report;
  }

  return {
    deliverDue() {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
    async close() {
      await running?.catch(() => {});
    },
  };
}
