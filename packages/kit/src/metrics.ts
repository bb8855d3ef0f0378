import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type BoundServer, bindServer } from './listen.js';

/**
 * Prometheus metrics of one server (issue 15): a registry of its own, never prom-client's global one, so
 * several apps in one process (tests, `npm start`) keep separate counts; the HTTP metrics both servers share;
 * the process metrics on the same registry.
 */
export interface ServiceMetrics {
  readonly registry: Registry;
  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L>;
  /** A gauge read when scraped: `collect` sets it (a store query, a pool's numbers). */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect: (set: (labels: Partial<Record<L, string>>, value: number) => void) => Promise<void> | void,
  ): Gauge<L>;
  /** One finished request: `route` is the route pattern (`/v1/profiles/:id`), `unmatched` when none. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** The Prometheus text exposition of every metric. */
  text(): Promise<string>;
  readonly contentType: string;
}

/** The route label of a request that matched no route: never the raw URL (unbounded, and it may hold a token). */
export const UNMATCHED_ROUTE = 'unmatched';

/** A database's connections as the pool gauge reads them (`poolStats()` of `@account-access/db`). */
export interface PoolCounts {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

export function createServiceMetrics(
  options: { processMetrics?: boolean; pool?: () => PoolCounts } = {},
): ServiceMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const metrics: ServiceMetrics = {
    registry,
    counter: (name, help, labelNames) => new Counter({ name, help, labelNames, registers: [registry] }),
    gauge(name, help, labelNames, collect) {
      return new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        async collect() {
          this.reset();
          await collect((labels, value) => this.set(labels as never, value));
        },
      });
    },
    observeRequest(method, route, status, seconds) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
  const { pool } = options;
  if (pool)
    metrics.gauge(
      'db_pool_connections',
      'database connections, by state (total, idle, waiting, max)',
      ['state'],
      (set) => {
        const stats = pool();
        for (const state of ['total', 'idle', 'waiting', 'max'] as const) set({ state }, stats[state]);
      },
    );
  return metrics;
}

/**
 * The `port` setting of PLATFORM_METRICS / PARTNER_METRICS: `/metrics` alone on a listener of its own (the
 * kit's bindServer, port 0 lets the system choose), so the public port never shows it.
 */
export async function serveMetrics(
  metrics: ServiceMetrics,
  port: number,
  host: string,
): Promise<BoundServer> {
  const bound = await bindServer(port, host);
  bound.serverFactory((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.text().then(
      (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n'),
    );
  });
  bound.serve();
  return bound;
}

/** What the request recorder reads of a Fastify request and reply (the kit does not depend on Fastify). */
export interface RecordedRequest {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly routeOptions: { readonly url?: string | undefined };
  readonly log: { info(fields: object, message: string): void };
}
export interface RecordedReply {
  readonly statusCode: number;
  readonly elapsedTime: number;
}

/**
 * The `onResponse` hook of both servers (issue 15): counts the request and writes its one log line (Fastify's
 * own two request lines are turned off), with the route pattern, method, status, duration and the client
 * that authenticated; `url` is the server's own redacted form, so no token in a path reaches the log.
 */
export function requestRecorder<Q extends RecordedRequest>(
  metrics: ServiceMetrics,
  options: {
    url: (request: Q) => string;
    clientId?: (request: Q) => string | undefined;
  },
): (request: Q, reply: RecordedReply) => Promise<void> {
  return async (request, reply) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const durationMs = Math.round(reply.elapsedTime * 1000) / 1000;
    metrics.observeRequest(request.method, route, reply.statusCode, durationMs / 1000);
    const clientId = options.clientId?.(request);
    request.log.info(
      {
        method: request.method,
        url: options.url(request),
        route,
        status: reply.statusCode,
        durationMs,
        ...(clientId !== undefined ? { clientId } : {}),
      },
      'request',
    );
  };
}
