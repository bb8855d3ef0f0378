// One partner process of the cross-process refresh test (refresh-lock.test.ts): opens its own pool on the
// shared PostgreSQL database, says "ready", waits for "go" on stdin, asks for an access token and prints it.
import { createInterface } from 'node:readline';
import { postgresDatabase } from '@account-access/db';
import { createPartner } from '../../src/context.js';
import { testConfig } from '../../src/testing/index.js';

const { url, settings, customerId } = JSON.parse(process.env['REFRESH_CHILD'] ?? '{}');
const db = postgresDatabase(url, 2);
const partner = createPartner(testConfig(settings), db);
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) if (line === 'go') break;
try {
  const token = await partner.tokens.getAccessToken(customerId);
  process.stdout.write(`${JSON.stringify({ token })}\n`);
} finally {
  lines.close();
  await db.close();
}
