import { READY_BODY, readinessProblem } from '@account-access/db';
import { requestRecorder } from '@account-access/kit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { ServiceUnavailable } from '../errors/errors.js';
import { WISE_ERRORS, wiseErrors } from './describe.js';
import { redactUrl } from './log-redaction.js';
import { notedClient } from './request-client.js';

/**
 * Readiness and metrics (issue 15) are never faulted by the sandbox: the fault hook reads the database, and
 * a database that does not answer must give `/ready` its 503. `/health` stays faultable (issue 11's tests).
 */
export function isProbe(path: string): boolean {
  return path === '/ready' || path === '/metrics';
}

const STATUS = { type: 'object', required: ['status'], properties: { status: { type: 'string' } } } as const;

const HEALTH = {
  summary: 'Liveness: the process answers',
  tags: ['operations'],
  response: { 200: { ...STATUS, examples: [{ status: 'ok' }] }, ...wiseErrors },
};

const READY = {
  summary: 'Readiness: the database answers and its migrations are current',
  tags: ['operations'],
  response: {
    200: {
      type: 'object',
      required: ['status', 'checks'],
      properties: {
        status: { const: 'UP' },
        checks: {
          type: 'object',
          required: ['database', 'migrations'],
          properties: { database: { const: 'UP' }, migrations: { const: 'UP' } },
        },
      },
      examples: [READY_BODY],
    },
    503: {
      description: 'Not ready: what is wrong.',
      content: { 'application/json': { schema: WISE_ERRORS } },
    },
    ...wiseErrors,
  },
};

const METRICS = {
  summary: 'Prometheus metrics (PLATFORM_METRICS=public)',
  tags: ['operations'],
  response: {
    200: {
      description: 'Prometheus text exposition.',
      content: { 'text/plain': { schema: { type: 'string' } } },
    },
  },
};

/**
 * Issue 15, what an operator watches: one log line and the metrics of every request (the kit's recorder,
 * with the client the request authenticated as and its URL redacted), `/ready` beside the liveness `/health`,
 * and `/metrics` on this port when PLATFORM_METRICS is `public` (server.ts serves it on its own for `port`).
 */
export function registerObservability(app: FastifyInstance, platform: Platform): void {
  app.addHook(
    'onResponse',
    requestRecorder<FastifyRequest>(platform.metrics.service, {
      url: (request) => redactUrl(request.url),
      clientId: (request) => notedClient(request),
    }),
  );
  app.get('/health', { schema: HEALTH }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: READY }, async () => {
    const problem = await readinessProblem(() => platform.stores.readiness.pendingMigrations());
    if (problem) throw new ServiceUnavailable(problem);
    return READY_BODY;
  });
  if (platform.config.metrics === 'public')
    app.get('/metrics', { schema: METRICS }, async (_request, reply) => {
      const { service } = platform.metrics;
      return reply.type(service.contentType).send(await service.text());
    });
}
