import type { Database } from '@account-access/db';
import { type BoundServer, bindServer, localUrl, serveMetrics } from '@account-access/kit';
import type { FastifyInstance } from 'fastify';
import { boundTo, type PartnerConfig } from './config/config.js';
import { createPartner, type Partner, type PartnerOptions } from './context.js';
import { applyPartnerSeed, readPartnerSeed } from './seed.js';
import { openPartnerDatabase } from './store/open.js';
import { createPartnerApp } from './web/app.js';
import { type Subscriber, type SubscriberDeps, startSubscriber } from './webhooks/subscribe.js';

export interface RunningPartner {
  partner: Partner;
  app: FastifyInstance;
  /** The base URL it listens on (the real port when 0 was asked for). */
  url: string;
  /** Issue 15: the base URL of the metrics listener when PARTNER_METRICS is `port`, else null. */
  metricsUrl: string | null;
  /** The application's webhook subscriptions, made at start and retried until made (null when off). */
  subscriber: Subscriber | null;
  close(): Promise<void>;
}

/**
 * Deletes expired browser sessions every hour (rows are also purged at sign-in, when rows are made, and
 * never per request); the timer never keeps the process alive.
 */
function purgeSessionsHourly(partner: Partner, log: { error(d: object, m: string): void }): () => void {
  const timer = setInterval(() => {
    partner.stores.sessions.purge(partner.now()).catch((error: unknown) => {
      log.error({ err: error }, 'purging expired sessions failed');
    });
    // Delivery ids older than the accepted window: a delivery that old is refused without them.
    const before = new Date(partner.now().getTime() - partner.config.webhooks.maxAgeSeconds * 1000);
    partner.stores.webhooks.purgeDeliveries(before).catch((error: unknown) => {
      log.error({ err: error }, 'purging old webhook deliveries failed');
    });
  }, 3600 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Subscribes the application to the webhooks (contract §11) once listening; failures are logged, retried. */
function subscribe(
  partner: Partner,
  log: { info(d: object, m: string): void; warn(d: object, m: string): void },
  retryDelaysMs: SubscriberDeps['retryDelaysMs'],
): Subscriber | null {
  const { webhooks } = partner.config;
  if (!webhooks.enabled) return null;
  return startSubscriber({
    client: partner.client,
    webhooks: partner.stores.webhooks,
    clientKey: webhooks.clientKey,
    url: webhooks.url,
    now: partner.now,
    ...(retryDelaysMs ? { retryDelaysMs } : {}),
    log: (outcome) =>
      outcome.kind === 'failed'
        ? log.warn({ subscriptions: outcome }, 'webhook subscriptions not made yet; trying again later')
        : log.info({ subscriptions: outcome }, 'webhook subscriptions'),
  });
}

/**
 * Opens the database (migrating it), listens, applies the seed file when one is configured and builds the
 * app on the listening server: the one place the partner listens. The port is bound first so that, with
 * port 0, the public URL and the redirect URI derived from it name the port the system chose.
 */
export async function startPartner(
  configured: PartnerConfig,
  options: PartnerOptions & {
    db?: Database;
    /** Waits between subscription tries (tests). */
    subscribeRetryDelaysMs?: readonly number[];
  } = {},
): Promise<RunningPartner> {
  const db = options.db ?? (await openPartnerDatabase(configured));
  let bound: BoundServer | undefined;
  let metricsServer: BoundServer | undefined;
  let app: FastifyInstance | undefined;
  try {
    bound = await bindServer(configured.port, configured.host);
    const config = boundTo(configured, bound.port);
    // Onboarding events go to the app's log once it exists (events never carry a secret).
    const partner = createPartner(config, db, {
      ...options,
      log: options.log ?? ((event) => app?.log.info({ onboarding: event }, event.event)),
    });
    if (config.seedFile)
      await applyPartnerSeed(partner.stores.customers, await readPartnerSeed(config.seedFile));
    app = createPartnerApp(partner, bound.serverFactory);
    await app.ready();
    // Issue 15: `port` serves /metrics alone on a listener of its own, never on the public port.
    if (config.metrics === 'port')
      metricsServer = await serveMetrics(partner.metrics, config.metricsPort, config.host);
    bound.serve();
    const stopPurging = purgeSessionsHourly(partner, app.log);
    const subscriber = subscribe(partner, app.log, options.subscribeRetryDelaysMs);
    const [running, listening, metricsListening] = [app, bound, metricsServer];
    return {
      partner,
      app: running,
      url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${listening.port}`,
      metricsUrl: metricsListening ? localUrl(config.host, metricsListening.port) : null,
      subscriber,
      async close() {
        stopPurging();
        await subscriber?.stop();
        await running.close();
        // Fastify closes only a server it listened on itself (serverFactory): this one is closed here.
        await listening.close();
        await metricsListening?.close();
        if (!options.db) await db.close();
      },
    };
  } catch (error) {
    await app?.close();
    await bound?.close();
    await metricsServer?.close();
    if (!options.db) await db.close();
    throw error;
  }
}
