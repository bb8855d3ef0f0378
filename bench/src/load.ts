import autocannon from 'autocannon';
import type { ServerProcess } from './child.js';
import type { ServerUsage } from './servers/protocol.js';

export interface LoadSettings {
  connections: number;
  /** Measured seconds. */
  duration: number;
  /** Seconds of load before the measurement, thrown away (JIT, pools, caches). */
  warmup: number;
}

/** One server under one load: what the report prints. */
export interface Measurement {
  name: string;
  /** Units of work per second: tokens, or signup + token pairs. */
  requestsPerSecond: number;
  /** Answered (2xx) HTTP requests in the measured run. */
  requests: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Socket errors + timeouts + answers other than 2xx: a valid run has none. */
  failures: number;
  failureDetail: string;
  startupMs: number;
  rssIdle: number;
  rssAfter: number;
  maxRss: number;
  /** Server CPU time (user + system) per unit of work (one token, or one signup + token), in microseconds. */
  cpuMicrosPerUnit: number;
}

type Requests = NonNullable<autocannon.Options['requests']>;

/** Bounded by duration and by a request timeout; loopback only (every server listens on 127.0.0.1). */
async function run(url: string, requests: Requests, connections: number, duration: number) {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`refusing to load ${url}: loopback only`);
  return autocannon({ url, connections, duration, timeout: 10, pipelining: 1, requests });
}

function failures(result: autocannon.Result): { count: number; detail: string } {
  const count = result.errors + result.timeouts + result.non2xx;
  const codes = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, stat]) => `${stat.count ?? 0}×${code}`);
  const detail = [
    result.errors ? `${result.errors} errors` : '',
    result.timeouts ? `${result.timeouts} timeouts` : '',
    ...codes,
  ]
    .filter(Boolean)
    .join(', ');
  return { count, detail };
}

/** Warm-up, then the measured run, with the server's memory and CPU read before and after. */
export async function measure(
  name: string,
  server: ServerProcess,
  requests: Requests,
  settings: LoadSettings,
  /** Requests per unit of work (2 for signup + token), so throughput counts what a partner sees. */
  requestsPerUnit = 1,
): Promise<Measurement> {
  const idle: ServerUsage = await server.usage();
  const warm = await run(server.ready.url, requests, settings.connections, settings.warmup);
  const warmFailures = failures(warm);
  const before = await server.usage();
  const result = await run(server.ready.url, requests, settings.connections, settings.duration);
  const after = await server.usage();
  const measured = failures(result);
  const answered = result['2xx'];
  const units = answered / requestsPerUnit;
  return {
    name,
    requestsPerSecond: units / result.duration,
    requests: answered,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    failures: measured.count + warmFailures.count,
    failureDetail: [
      warmFailures.detail && `warm-up: ${warmFailures.detail}`,
      measured.detail && `run: ${measured.detail}`,
    ]
      .filter(Boolean)
      .join('; '),
    startupMs: server.startupMs,
    rssIdle: idle.rss,
    rssAfter: after.rss,
    maxRss: after.maxRss,
    cpuMicrosPerUnit: units > 0 ? (after.cpuMicros - before.cpuMicros) / units : Number.NaN,
  };
}
