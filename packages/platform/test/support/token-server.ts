/**
 * A platform in a process of its own, for the crash test (test/token-durability.test.ts): argv[2] is a data
 * folder or a `postgres://` URL. Prints one JSON line with its URL and a registered client once it listens.
 */
import { registerClient } from '../../src/clients/register.js';
import { startPlatform } from '../../src/server.js';
import { testPlatformConfig } from '../../src/testing/platform.js';

const target = process.argv[2]!;
const serverSecret = process.argv[3]!;
const config = testPlatformConfig({
  serverSecret,
  logLevel: 'silent',
  ...(target.startsWith('postgres://') ? { databaseUrl: target } : { dataDir: target }),
});
const running = await startPlatform(config);
const client = await registerClient(running.platform, {
  name: 'Crash Bank',
  redirectUris: ['https://b.example/cb'],
});
process.stdout.write(
  `${JSON.stringify({ url: running.url, clientId: client.clientId, clientSecret: client.clientSecret })}\n`,
);
