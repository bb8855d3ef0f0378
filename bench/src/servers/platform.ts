import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Database } from '@account-access/db';
import {
  applySeed,
  loadPlatformConfig,
  openPlatformDatabase,
  registerClient,
  seedCredentials,
  seedProfiles,
  startPlatform,
} from '@account-access/platform';
import { countingDatabase } from '../statements.js';
import { serveChild } from './protocol.js';

/**
 * Our platform as it runs in production: compiled JavaScript, `startPlatform`, a fresh database (embedded
 * PGlite in the given data folder, or the given PostgreSQL database), one registered partner client.
 * Logging is at `warn` so every server of the comparison writes nothing per request.
 *
 * Options some benchmarks add: `--users N` seeds people `bench-<i>@bench.example` with the password
 * `--password` and one personal profile (argon2id at production cost, as any person); `--count-statements`
 * opens the database itself and counts the statements sent to it (statements.ts), reported with the usage;
 * `--refresh-grace 0` turns off the refresh duplicates window so every refresh is a new write.
 */
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    users: { type: 'string' },
    password: { type: 'string' },
    'count-statements': { type: 'boolean' },
    'refresh-grace': { type: 'string' },
  },
});
const dataDir = values['data-dir'];
if (!dataDir) throw new Error('--data-dir is required');
const users = Number(values.users ?? 0);

/** One personal profile per person, as the demo seed's (packages/platform/seed/demo.json). */
const PROFILE = {
  type: 'PERSONAL',
  firstName: 'Ada',
  lastName: 'Bench',
  dateOfBirth: '1990-12-10',
  phoneNumber: '+447700900123',
  nationality: 'GBR',
  address: { addressFirstLine: '1 Bench Street', city: 'London', countryIso3Code: 'gbr', postCode: 'N1 1AA' },
};

const BENCH_REDIRECT_URI = 'https://bank.example/callback';

await serveChild(async () => {
  const config = loadPlatformConfig({
    env: {},
    overrides: {
      mode: 'production',
      host: '127.0.0.1',
      port: 0,
      dataDir,
      databaseUrl: values['database-url'] ?? null,
      serverSecret: randomBytes(32).toString('hex'),
      logLevel: 'warn',
      // Counting statements per flow: no webhook worker polling the database meanwhile.
      ...(values['count-statements'] ? { webhookPollSeconds: 0 } : {}),
      ...(values['refresh-grace'] !== undefined
        ? { refreshGraceSeconds: Number(values['refresh-grace']) }
        : {}),
    },
  });
  let counted: (Database & { statements(): number }) | undefined;
  if (values['count-statements']) counted = countingDatabase(await openPlatformDatabase(config));
  const running = await startPlatform(config, counted ? { db: counted } : {});
  try {
    const client = await registerClient(running.platform, {
      name: 'Bench Bank',
      redirectUris: [BENCH_REDIRECT_URI],
    });
    if (users > 0) {
      const password = values.password;
      if (!password) throw new Error('--users needs --password');
      const people = Array.from({ length: users }, (_, i) => ({
        email: `bench-${i}@bench.example`,
        password,
        profiles: [PROFILE],
      }));
      await applySeed(running.platform, { users: people }, [seedCredentials, seedProfiles]);
    }
    return {
      ready: {
        url: running.url,
        tokenPath: '/oauth/token',
        clientId: client.clientId,
        clientSecret: client.clientSecret ?? '',
        redirectUri: BENCH_REDIRECT_URI,
      },
      statements: counted ? () => counted.statements() : undefined,
      async close() {
        await running.close();
        await counted?.close();
      },
    };
  } catch (error) {
    await running.close();
    await counted?.close();
    throw error;
  }
});
