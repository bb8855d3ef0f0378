import { READY_BODY, readinessProblem } from '@account-access/db';
import { requestRecorder } from '@account-access/kit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { ServiceUnavailable } from '../errors/errors.js';
import { redactUrl } from './log-redaction.js';
import { notedClient } from './request-client.js';

/**
 * Readiness and metrics (issue 15) are never faulted by the sandbox: the fault hook reads the database, and
 * a database that does not answer must give `/ready` its 503. `/health` stays faultable (issue 11's tests).
 */
export function isProbe(path: string): boolean {
  return path === '/ready' || path === '/metrics';
}

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
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async () => {
    const problem = await readinessProblem(() => platform.stores.readiness.pendingMigrations());
    if (problem) throw new ServiceUnavailable(problem);
    return READY_BODY;
  });
  if (platform.config.metrics === 'public')
    app.get('/metrics', async (_request, reply) => {
      const { service } = platform.metrics;
      return reply.type(service.contentType).send(await service.text());
    });
}
