import type { ServerProcess } from './child.js';
import { type Load, type LoadSettings, type Measurement, measure } from './load.js';
import { type PgbenchResult, pgbenchSimpleUpdate } from './pgbench.js';
import { signupAndToken } from './signup-bench.js';
import { platformPostgres } from './targets.js';
import { basic, clientToken } from './token-bench.js';

export interface RefreshResult {
  platform: Measurement;
  pgbench: PgbenchResult;
}

/**
 * `grant_type=refresh_token` with one grant per connection (contract §5): each refresh is a committed write
 * that issues a new access token and retires the grant's previous one. The duplicates window is off
 * (`--refresh-grace 0`), so no refresh is answered from an earlier one's tokens: every one is a new write.
 */
function refreshRequests(server: ServerProcess, refreshTokens: string[]): Load {
  const { tokenPath, clientId, clientSecret } = server.ready;
  return (connection) => [
    {
      method: 'POST',
      path: tokenPath,
      headers: {
        authorization: basic(clientId, clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshTokens[connection % refreshTokens.length]!,
      }).toString(),
    },
  ];
}

/** The refresh grant on the PostgreSQL of DATABASE_URL, then pgbench -N there with the same clients and time. */
export async function refreshBenchmark(adminUrl: string, settings: LoadSettings): Promise<RefreshResult> {
  process.stderr.write('refresh grant: platform (PostgreSQL)…\n');
  const server = await platformPostgres(adminUrl, { refreshGrace: 0 }).start();
  let platform: Measurement;
  try {
    const bearer = await clientToken(server);
    const grants: string[] = [];
    for (let i = 0; i < settings.connections; i++)
      grants.push((await signupAndToken(server, bearer)).refresh_token);
    platform = await measure('platform (PostgreSQL)', server, refreshRequests(server, grants), settings);
  } finally {
    await server.stop();
  }
  process.stderr.write('pgbench -N (simple-update)…\n');
  const pgbench = await pgbenchSimpleUpdate(adminUrl, settings.connections, settings.duration, 2);
  return { platform, pgbench };
}
