import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadPlatformConfig, registerClient, startPlatform } from '@account-access/platform';
import { serveChild } from './protocol.js';

/**
 * Our platform as it runs in production: compiled JavaScript, `startPlatform`, a fresh database (embedded
 * PGlite in the given data folder, or the given PostgreSQL database), one registered partner client.
 * Logging is at `warn` so every server of the comparison writes nothing per request.
 */
const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } },
});
const dataDir = values['data-dir'];
if (!dataDir) throw new Error('--data-dir is required');

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
    },
  });
  const running = await startPlatform(config);
  try {
    const client = await registerClient(running.platform, {
      name: 'Bench Bank',
      redirectUris: ['https://bank.example/callback'],
    });
    return {
      ready: {
        url: running.url,
        tokenPath: '/oauth/token',
        clientId: client.clientId,
        clientSecret: client.clientSecret ?? '',
      },
      close: () => running.close(),
    };
  } catch (error) {
    await running.close();
    throw error;
  }
});
