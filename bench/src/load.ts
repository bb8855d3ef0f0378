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
  /** The highest RSS sampled (every 200 ms) during the measured run: the peak under this load. */
  rssPeakUnderLoad?: number;
  /** Server CPU time (user + system) per unit of work (one token, or one signup + token), in microseconds. */
  cpuMicrosPerUnit: number;
}

export type Requests = NonNullable<autocannon.Options['requests']>;
/**
 * The requests of every connection, or each connection's own (given its number in this run, from 0): a
 * person or grant per connection. autocannon resets a request's `context` after each pass over the list and
 * shares the list between connections, so a connection's own state goes in its own list (`setupClient`).
 */
export type Load = Requests | ((connection: number) => Requests);

/** Bounded by duration and by a request timeout; loopback only (every server listens on 127.0.0.1). */
export async function load(url: string, requests: Load, connections: number, duration: number) {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`refusing to load ${url}: loopback only`);
  const options = { url, connections, duration, timeout: 10, pipelining: 1 };
  if (typeof requests !== 'function') return autocannon({ ...options, requests });
  let next = 0;
  return autocannon({ ...options, setupClient: (client) => client.setRequests(requests(next++)) });
}

/** Answers that count as done: 2xx, or the one status a form's post/redirect/get answers (303). */
export type Accepted = (status: number) => boolean;
const SUCCESS: Accepted = (status) => status >= 200 && status < 300;

export function failures(
  result: autocannon.Result,
  accepted: Accepted = SUCCESS,
): { count: number; detail: string; answered: number } {
  const stats = Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => ({
    code: Number(code),
    count: stat.count ?? 0,
  }));
  const refused = stats.filter((s) => !accepted(s.code));
  const count = result.errors + result.timeouts + refused.reduce((n, s) => n + s.count, 0);
  const detail = [
    result.errors ? `${result.errors} errors` : '',
    result.timeouts ? `${result.timeouts} timeouts` : '',
    ...refused.map((s) => `${s.count}×${s.code}`),
  ]
    .filter(Boolean)
    .join(', ');
  const answered = stats.filter((s) => accepted(s.code)).reduce((n, s) => n + s.count, 0);
  return { count, detail, answered };
}

/** The highest RSS of the server, asked every 200 ms until `during` settles. */
export async function peakRss(server: ServerProcess, during: Promise<unknown>): Promise<number> {
  let peak = 0;
  let done = false;
  void during.finally(() => {
    done = true;
  });
  while (!done) {
    const usage = await server.usage().catch(() => null);
    if (usage) peak = Math.max(peak, usage.rss);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return peak;
}

export interface MeasureOptions {
  /** Requests per unit of work (2 for signup + token), so throughput counts what a partner sees. */
  requestsPerUnit?: number;
  accepted?: Accepted;
}

/** Warm-up, then the measured run, with the server's memory and CPU read before and after. */
export async function measure(
  name: string,
  server: ServerProcess,
  requests: Load,
  settings: LoadSettings,
  options: MeasureOptions = {},
): Promise<Measurement> {
  const { requestsPerUnit = 1, accepted = SUCCESS } = options;
  const idle: ServerUsage = await server.usage();
  const warm = await load(server.ready.url, requests, settings.connections, settings.warmup);
  const warmFailures = failures(warm, accepted);
  const before = await server.usage();
  const running = load(server.ready.url, requests, settings.connections, settings.duration);
  const [result, rssPeakUnderLoad] = await Promise.all([running, peakRss(server, running)]);
  const after = await server.usage();
  const measured = failures(result, accepted);
  const units = measured.answered / requestsPerUnit;
  return {
    name,
    requestsPerSecond: units / result.duration,
    requests: measured.answered,
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
    rssPeakUnderLoad,
    cpuMicrosPerUnit: units > 0 ? (after.cpuMicros - before.cpuMicros) / units : Number.NaN,
  };
}
