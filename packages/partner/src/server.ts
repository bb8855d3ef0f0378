import type { Database } from '@account-access/db';
import { type BoundServer, bindServer } from '@account-access/kit';
import type { FastifyInstance } from 'fastify';
import { boundTo, type PartnerConfig } from './config/config.js';
import { createPartner, type Partner, type PartnerOptions } from './context.js';
import { applyPartnerSeed, readPartnerSeed } from './seed.js';
import { openPartnerDatabase } from './store/open.js';
import { createPartnerApp } from './web/app.js';

export interface RunningPartner {
  partner: Partner;
  app: FastifyInstance;
  /** The base URL it listens on (the real port when 0 was asked for). */
  url: string;
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
  }, 3600 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Opens the database (migrating it), listens, applies the seed file when one is configured and builds the
 * app on the listening server: the one place the partner listens. The port is bound first so that, with
 * port 0, the public URL and the redirect URI derived from it name the port the system chose.
 */
export async function startPartner(
  configured: PartnerConfig,
  options: PartnerOptions & { db?: Database } = {},
): Promise<RunningPartner> {
  const db = options.db ?? (await openPartnerDatabase(configured));
  let bound: BoundServer | undefined;
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
    bound.serve();
    const stopPurging = purgeSessionsHourly(partner, app.log);
    const [running, listening] = [app, bound];
    return {
      partner,
      app: running,
      url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${listening.port}`,
      async close() {
        stopPurging();
        await running.close();
        // Fastify closes only a server it listened on itself (serverFactory): this one is closed here.
        await listening.close();
        if (!options.db) await db.close();
      },
    };
  } catch (error) {
    await app?.close();
    await bound?.close();
    if (!options.db) await db.close();
    throw error;
  }
}
