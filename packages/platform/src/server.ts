import type { Database } from '@account-access/db';
import { type BoundServer, bindServer, localUrl, serveMetrics } from '@account-access/kit';
import type { FastifyInstance } from 'fastify';
import { createApp } from './app.js';
import { boundTo, type PlatformConfig } from './config/config.js';
import { createPlatform, type Platform } from './context.js';
import { smtpTransport } from './mail/transport.js';
import { createMailWorker, type MailWorker } from './mail/worker.js';
import type { SeedFile } from './seed.js';
import { openPlatformDatabase } from './store/open.js';
import type { PurgeCounts } from './store/retention.js';
import { createWebhookWorker, type WebhookWorker } from './webhooks/worker.js';

export interface RunningPlatform {
  platform: Platform;
  app: FastifyInstance;
  /** The base URL it listens on (the port is the real one when 0 was asked for). */
  url: string;
  /** Issue 15: the base URL of the metrics listener when PLATFORM_METRICS is `port`, else null. */
  metricsUrl: string | null;
  /** The mail worker when SMTP_URL is set (its timer runs when mailPollSeconds > 0), else null. */
  mail: MailWorker | null;
  /** The webhook worker (its timer runs when webhookPollSeconds > 0; tests call its deliverDue). */
  webhooks: WebhookWorker;
  close(): Promise<void>;
}

/** Delivers what is due every `seconds`, one round at a time; returns the function that stops it. */
function poll(
  worker: { deliverDue(): Promise<unknown> },
  seconds: number,
  log: { error(d: object, m: string): void },
  what: string,
) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await worker.deliverDue();
    } catch (error) {
      log.error({ err: error }, `${what} delivery round failed`);
    }
    if (!stopped) timer = setTimeout(tick, seconds * 1000);
  };
  timer = setTimeout(tick, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Deletes what the platform no longer needs, as of its clock (store/retention.ts says what and why). */
export async function purgeExpired(platform: Platform): Promise<PurgeCounts> {
  // As of the shared sandbox clock (issue 11), which another instance may have moved.
  await platform.clock.refresh();
  return platform.stores.retention.purgeExpired(platform.now());
}

/** Deletes expired rows every hour (store/retention.ts); the timer never keeps the process alive. */
function purgeHourly(platform: Platform, log: { error(d: object, m: string): void }) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await purgeExpired(platform);
    } catch (error) {
      log.error({ err: error }, 'purging expired rows failed');
    } finally {
      running = false;
    }
  }, 3600 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Opens the database, listens, then builds the app on the listening server: the one place the platform
 * listens. The port is bound before the platform is made so that, with port 0 and no configured issuer,
 * the issuer (`iss`, email links) names the port the system chose (config.ts `boundTo`).
 */
export async function startPlatform(
  configured: PlatformConfig,
  options: {
    db?: Database;
    now?: () => Date;
    /** The seed applied before start (the CLI applies it): what `POST /_sandbox/reset` goes back to. */
    seed?: SeedFile | null;
    /** Where the log lines go instead of stdout (tests read them). */
    logStream?: { write(line: string): void };
  } = {},
): Promise<RunningPlatform> {
  const db = options.db ?? (await openPlatformDatabase(configured));
  let bound: BoundServer | undefined;
  let metricsServer: BoundServer | undefined;
  let app: FastifyInstance | undefined;
  let platform: Platform;
  try {
    bound = await bindServer(configured.port, configured.host);
    platform = createPlatform(boundTo(configured, bound.port), db, options.now);
    app = createApp(platform, {
      serverFactory: bound.serverFactory,
      seed: options.seed ?? null,
      ...(options.logStream ? { logStream: options.logStream } : {}),
    });
    await app.ready();
    // Issue 15: `port` serves /metrics alone on a listener of its own, never on the public port.
    if (platform.config.metrics === 'port')
      metricsServer = await serveMetrics(platform.metrics.service, configured.metricsPort, configured.host);
    bound.serve();
  } catch (error) {
    await app?.close();
    await bound?.close();
    await metricsServer?.close();
    if (!options.db) await db.close();
    throw error;
  }
  const { config } = platform;
  const [running, listening, metricsListening] = [app, bound, metricsServer];
  const mail = config.smtpUrl
    ? createMailWorker(platform, { transport: smtpTransport(config.smtpUrl), log: app.log })
    : null;
  const stopPolling =
    mail && config.mailPollSeconds > 0 ? poll(mail, config.mailPollSeconds, app.log, 'mail') : null;
  // Issue 10: webhooks go out from their own queue, beside the mail (webhooks/worker.ts).
  const webhooks = createWebhookWorker(platform, { log: app.log });
  const stopWebhooks =
    config.webhookPollSeconds > 0 ? poll(webhooks, config.webhookPollSeconds, app.log, 'webhook') : null;
  const stopPurging = purgeHourly(platform, app.log);
  if (!mail) app.log.info('SMTP_URL is not set: mail is kept in the outbox, not sent');
  return {
    platform,
    app,
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${listening.port}`,
    metricsUrl: metricsListening ? localUrl(config.host, metricsListening.port) : null,
    mail,
    webhooks,
    async close() {
      stopPolling?.();
      stopWebhooks?.();
      await webhooks.close();
      stopPurging();
      await mail?.close();
      await running.close();
      // Fastify closes only a server it listened on itself (serverFactory): this one is closed here.
      await listening.close();
      await metricsListening?.close();
      if (!options.db) await db.close();
    },
  };
}
