import { randomBytes } from 'node:crypto';
import type { Database } from '@account-access/db';
import { type ClientRegistration, registerClient } from '../../src/clients.js';
import { loadPlatformConfig, type PlatformSettings } from '../../src/config/config.js';
import { type RunningPlatform, startPlatform } from '../../src/server.js';
import { FakeClock } from './clock.js';
import { testDatabase } from './database.js';

export interface TestPlatform extends RunningPlatform {
  db: Database;
  clock: FakeClock;
  /** Registers a partner client and returns its credentials. */
  addClient(registration?: Partial<ClientRegistration>): Promise<{ clientId: string; clientSecret: string }>;
}

export const TEST_SERVER_SECRET = randomBytes(32).toString('hex');

/**
 * The real platform on an ephemeral port over a fresh cloned database, with a fake clock.
 * Pass `db` to start a second instance on the same database.
 */
export async function startTestPlatform(
  options: { settings?: PlatformSettings; db?: Database; clock?: FakeClock } = {},
): Promise<TestPlatform> {
  const db = options.db ?? (await testDatabase());
  const clock = options.clock ?? new FakeClock();
  const config = loadPlatformConfig({
    env: {},
    overrides: {
      mode: 'test',
      port: 0,
      host: '127.0.0.1',
      serverSecret: TEST_SERVER_SECRET,
      sandbox: true,
      ...options.settings,
    },
  });
  const running = await startPlatform(config, { db, now: clock.now });
  return {
    ...running,
    db,
    clock,
    async addClient(registration = {}) {
      const { clientId, clientSecret } = await registerClient(running.platform, {
        name: 'Test Bank',
        redirectUris: ['https://bank.example/callback'],
        ...registration,
      });
      return { clientId, clientSecret: clientSecret ?? '' };
    },
    async close() {
      await running.close();
      if (!options.db) await db.close();
    },
  };
}
