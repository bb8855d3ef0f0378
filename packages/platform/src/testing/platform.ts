import { randomBytes } from 'node:crypto';
import type { Database } from '@account-access/db';
import { seedCredentials } from '../auth/seed-step.js';
import { type ClientRegistration, registerClient } from '../clients/register.js';
import { loadPlatformConfig, type PlatformSettings } from '../config/config.js';
import { createPlatform } from '../context.js';
import { seedProfiles } from '../profiles/seed.js';
import { applySeed, type SeedFile } from '../seed.js';
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
 * The config of a test platform: test mode, sandbox on, the run's server secret, no webhook timer, cheap password
 * hashes, port 0 on 127.0.0.1 (the server binds a free port itself, and its issuer names that port: server.ts); `settings` win.
 */
export function testPlatformConfig(settings: PlatformSettings = {}) {
  return loadPlatformConfig({
    env: {},
    overrides: {
      mode: 'test',
      port: 0,
      host: '127.0.0.1',
      serverSecret: TEST_SERVER_SECRET,
      sandbox: true,
      // Tests deliver webhooks themselves (`webhooks.deliverDue()`), with the fake clock.
      webhookPollSeconds: 0,
      // argon2id at its lowest cost in test mode: a test's logins in microseconds (auth-primitives.test.ts
      // keeps OWASP's); a test platform in another mode hashes as that mode must.
      passwordHashCost: (settings.mode ?? 'test') === 'test' ? 'test' : 'owasp',
      ...settings,
    },
  });
}

/**
 * The real platform on an ephemeral port over a fresh cloned database, with a fake clock; its issuer is
 * `http://127.0.0.1:<that port>` unless `settings.issuer` says otherwise.
 * Pass `db` to start a second instance on the same database.
 */
export async function startTestPlatform(
  options: {
    settings?: PlatformSettings;
    db?: Database;
    clock?: FakeClock;
    seed?: SeedFile;
    logStream?: { write(line: string): void };
  } = {},
): Promise<TestPlatform> {
  const db = options.db ?? (await testDatabase());
  const clock = options.clock ?? new FakeClock();
  const config = testPlatformConfig(options.settings);
  const seed = options.seed ?? null;
  const start = async () => {
    // As the CLI does: the seed is applied before start, and the platform keeps it for its reset.
    if (seed) await applySeed(createPlatform(config, db, clock.now), seed, [seedCredentials, seedProfiles]);
    return startPlatform(config, {
      db,
      now: clock.now,
      seed,
      ...(options.logStream ? { logStream: options.logStream } : {}),
    });
  };
  const running = await start().catch(async (error: unknown) => {
    if (!options.db) await db.close();
    throw error;
  });
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
