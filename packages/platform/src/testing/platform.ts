import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { Database } from '@account-access/db';
import { type ClientRegistration, registerClient } from '../clients/register.js';
import { loadPlatformConfig, type PlatformSettings } from '../config/config.js';
import { type RunningPlatform, startPlatform } from '../server.js';
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
 * A port the system just handed out, so the platform's issuer (in `iss`, email links, pages) is its real
 * address rather than `http://localhost:0`.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The real platform on an ephemeral port over a fresh cloned database, with a fake clock.
 * Pass `db` to start a second instance on the same database.
 */
export async function startTestPlatform(
  options: { settings?: PlatformSettings; db?: Database; clock?: FakeClock } = {},
): Promise<TestPlatform> {
  const db = options.db ?? (await testDatabase());
  const clock = options.clock ?? new FakeClock();
  const port = options.settings?.port ?? (await freePort());
  const config = loadPlatformConfig({
    env: {},
    overrides: {
      mode: 'test',
      port,
      host: '127.0.0.1',
      issuer: `http://127.0.0.1:${port}`,
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
