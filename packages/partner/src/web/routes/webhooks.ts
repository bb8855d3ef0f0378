import type { FastifyInstance } from 'fastify';
import type { Partner } from '../../context.js';

/** Marks the receiver's route, which carries a signature instead of a session's CSRF token. */
export const WEBHOOK_ROUTE = { webhook: true } as const;

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The webhook receiver (contract §11) at the path of the subscribed URL: the body is read as raw bytes,
 * whatever its content type, because the signature is over exactly those bytes; the answer is JSON and
 * comes as soon as the delivery is recorded.
 */
export function webhookRoutes(app: FastifyInstance, partner: Partner): void {
  if (!partner.config.webhooks.enabled) return;
  const path = new URL(partner.config.webhooks.url).pathname;
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post(path, { config: WEBHOOK_ROUTE }, async (request, reply) => {
      const answer = await partner.webhooks.receive({
        body: Buffer.isBuffer(request.body) ? request.body : undefined,
        signature: header(request.headers['x-signature-sha256']),
        deliveryId: header(request.headers['x-delivery-id']),
        test: header(request.headers['x-test-notification'])?.toLowerCase() === 'true',
      });
      request.log.info({ webhook: answer.event, status: answer.status, outcome: answer.body }, 'webhook');
      return reply.code(answer.status).header('cache-control', 'no-store').send(answer.body);
    });
  });
}
