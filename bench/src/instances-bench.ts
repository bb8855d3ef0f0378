import type { ServerProcess } from './child.js';
import { failures, type LoadSettings, load } from './load.js';
import { platformOn, scratchDatabase } from './targets.js';
import { clientToken, tokenRequest } from './token-bench.js';

export interface InstancesResult {
  connections: number;
  duration: number;
  /** client_credentials tokens/s of one instance with all the connections. */
  one: number;
  /** Of two instances on the same database, the connections split between them: each, and their sum. */
  each: number[];
  combined: number;
  failures: number;
  failureDetail: string;
}

async function rate(server: ServerProcess, connections: number, duration: number) {
  const result = await load(server.ready.url, [tokenRequest(server)], connections, duration);
  const f = failures(result);
  return { rate: f.answered / result.duration, failures: f.count, detail: f.detail };
}

/**
 * Two platform instances on one PostgreSQL database (how the platform scales: stateless instances on one
 * database): one instance alone with all the connections, then both at once with half each.
 */
export async function instancesBenchmark(adminUrl: string, settings: LoadSettings): Promise<InstancesResult> {
  process.stderr.write('two platform instances on one PostgreSQL…\n');
  const database = await scratchDatabase(adminUrl);
  const started: ServerProcess[] = [];
  try {
    // One after the other: the second finds the schema migrated.
    for (const name of ['instance 1', 'instance 2'])
      started.push(await platformOn(database.url, { name }).start());
    const [a, b] = started as [ServerProcess, ServerProcess];
    for (const server of started) await clientToken(server);
    const half = Math.max(1, Math.floor(settings.connections / 2));
    const warm = await Promise.all([rate(a, half, settings.warmup), rate(b, half, settings.warmup)]);
    const one = await rate(a, settings.connections, settings.duration);
    const both = await Promise.all([
      rate(a, half, settings.duration),
      rate(b, settings.connections - half, settings.duration),
    ]);
    const all = [...warm, one, ...both];
    return {
      connections: settings.connections,
      duration: settings.duration,
      one: one.rate,
      each: both.map((r) => r.rate),
      combined: both.reduce((n, r) => n + r.rate, 0),
      failures: all.reduce((n, r) => n + r.failures, 0),
      failureDetail: all
        .map((r) => r.detail)
        .filter(Boolean)
        .join('; '),
    };
  } finally {
    for (const server of started) await server.stop();
    await database.drop();
  }
}
