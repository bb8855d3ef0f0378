import type { Platform } from '../context.js';
import type { LeasedMail } from '../store/mail-outbox.js';
import { type MailTransport, smtpSecrets } from './transport.js';

/** How the worker reports; pino's `(object, message)` shape, so the platform's logger fits. */
export interface MailLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface DeliveryReport {
  delivered: number;
  retried: number;
  failed: number;
}

export interface MailWorker {
  /**
   * Delivers every mail that is due now (by `platform.now`), then resolves. The server calls it on a timer;
   * tests call it directly and move a fake clock between calls. Calls on one worker never overlap.
   */
  deliverDue(): Promise<DeliveryReport>;
  /** Waits for a running delivery, then closes the transport. */
  close(): Promise<void>;
}

export interface MailWorkerOptions {
  transport: MailTransport;
  log?: MailLog;
  batchSize?: number;
  /** How long a leased row is held before another worker may try it: longer than any SMTP attempt. */
  leaseSeconds?: number;
}

const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 3600;
const MAX_BATCHES_PER_CALL = 100;

/** Capped exponential backoff: 30 s after the first failed attempt, doubling, at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1));
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  message?: string;
}

/**
 * A 5xx reply to the envelope or the message is the receiving server saying "never": no retry. Everything
 * else (connection refused, timeouts, 4xx, a failed login) may pass, so the mail stays queued: nothing is lost
 * while SMTP is down or misconfigured.
 */
function isPermanent(error: SmtpError): boolean {
  return (
    (error.code === 'EENVELOPE' || error.code === 'EMESSAGE') &&
    typeof error.responseCode === 'number' &&
    error.responseCode >= 500
  );
}

/** One line about a failure, with every credential of the SMTP URL blanked out. */
export function describeError(error: unknown, secrets: readonly string[]): string {
  const e = (error ?? {}) as SmtpError;
  const label = [e.code, e.responseCode].filter((x) => x !== undefined && x !== '').join(' ');
  let text = `${label ? `${label}: ` : ''}${String(e.message ?? error).split('\n')[0]}`;
  for (const secret of secrets) if (secret) text = text.split(secret).join('***');
  return text.slice(0, 500);
}

export function createMailWorker(platform: Platform, options: MailWorkerOptions): MailWorker {
  const outbox = platform.stores.mailOutbox;
  const { transport, log } = options;
  const batchSize = options.batchSize ?? 10;
  const leaseSeconds = options.leaseSeconds ?? 300;
  const secrets = smtpSecrets(platform.config.smtpUrl);
  let running: Promise<DeliveryReport> | null = null;

  async function attempt(mail: LeasedMail, report: DeliveryReport): Promise<void> {
    try {
      await transport.sendMail({
        from: platform.config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        date: mail.createdAt,
        // RFC 3834: no out-of-office replies to a machine.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      const reason = describeError(error, secrets);
      if (isPermanent(error as SmtpError)) {
        await outbox.failed(mail, platform.now(), reason);
        report.failed++;
        platform.metrics.mailDeliveryAttempts.inc({ outcome: 'failed' });
        log?.warn({ mailId: mail.id, attempts: mail.attempts, error: reason }, 'mail refused; not retrying');
      } else {
        const next = new Date(platform.now().getTime() + retryDelaySeconds(mail.attempts) * 1000);
        await outbox.retry(mail, next, reason);
        platform.metrics.mailDeliveryAttempts.inc({ outcome: 'retry' });
        report.retried++;
        log?.warn(
          { mailId: mail.id, attempts: mail.attempts, nextAttemptAt: next.toISOString(), error: reason },
          'mail delivery failed; will retry',
        );
      }
      return;
    }
    // The sandbox shows delivered mail (GET /_sandbox/outbox); elsewhere its links are forgotten once sent.
    await outbox.delivered(mail, platform.now(), { forgetBodies: !platform.config.sandbox });
    report.delivered++;
    platform.metrics.mailDeliveryAttempts.inc({ outcome: 'delivered' });
    log?.info({ mailId: mail.id, template: mail.template }, 'mail delivered');
  }

  async function run(): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, retried: 0, failed: 0 };
    // The sandbox clock may have moved on another instance (issue 11): retries fall due by the shared time.
    await platform.clock.refresh();
    for (let batch = 0; batch < MAX_BATCHES_PER_CALL; batch++) {
      const leased = await outbox.lease(platform.now(), leaseSeconds, batchSize);
      for (const mail of leased) await attempt(mail, report);
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
      transport.close();
    },
  };
}
