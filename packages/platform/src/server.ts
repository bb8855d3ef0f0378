import type { Database } from '@account-access/db';
import type { FastifyInstance } from 'fastify';
import { createApp } from './app.js';
import type { PlatformConfig } from './config/config.js';
import { createPlatform, type Platform } from './context.js';
import { openPlatformDatabase } from './store/open.js';

export interface RunningPlatform {
  platform: Platform;
  app: FastifyInstance;
  /** The base URL it listens on (the port is the real one when 0 was asked for). */
  url: string;
  close(): Promise<void>;
}

/** Opens the database, builds the app and listens: the one place the platform listens. */
export async function startPlatform(
  config: PlatformConfig,
  options: { db?: Database; now?: () => Date } = {},
): Promise<RunningPlatform> {
  const db = options.db ?? (await openPlatformDatabase(config));
  const platform = createPlatform(config, db, options.now);
  const app = createApp(platform);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    if (!options.db) await db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    platform,
    app,
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    async close() {
      await app.close();
      if (!options.db) await db.close();
    },
  };
}
