import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { NotFound } from '../errors/errors.js';
import type { DeliveryRecord } from '../store/webhook-deliveries.js';
import { createWebhookWorker } from '../webhooks/worker.js';

const status = (d: DeliveryRecord) => (d.deliveredAt ? 'delivered' : d.failedAt ? 'failed' : 'pending');

/**
 * `GET /_sandbox/webhooks[?clientId=…][&limit=…]`: the webhook deliveries, newest first, each with its
 * attempts and status, so a developer sees what was sent where and why it failed. No secrets: the signing
 * key never leaves the worker, and receivers' answers are not kept.
 */
export function registerSandboxWebhooks(app: FastifyInstance, platform: Platform): void {
  // `POST /_sandbox/webhooks/deliver`: sends what is due now instead of waiting for the worker's next round
  // (a worker of its own: it leases like any other, so nothing is sent twice). Answers the round's counts.
  const worker = createWebhookWorker(platform, { log: app.log });
  app.post('/_sandbox/webhooks/deliver', async () => worker.deliverDue());
  app.addHook('onClose', async () => worker.close());

  app.get('/_sandbox/webhooks', async (request) => {
    const query = request.query as { clientId?: string; limit?: string };
    const limit = Math.min(500, Math.max(1, Number.parseInt(query.limit ?? '', 10) || 100));
    return listDeliveries(platform, query.clientId || null, limit);
  });

  // Redeliver (issue 11): the delivery is due again now, whatever its state, and goes out on the worker's
  // next round with the same X-Delivery-Id, so a receiver's replay defence is tested too (contract §11).
  app.post<{ Params: { id: string } }>('/_sandbox/webhooks/deliveries/:id/redeliver', async (request) => {
    const requeued = await platform.stores.webhookDeliveries.requeue(request.params.id, platform.now());
    if (!requeued) throw new NotFound('There is no webhook delivery with this id.');
    return deliveryView(platform, requeued);
  });
}

/** One delivery as `GET /_sandbox/webhooks` shows it, with its attempts. */
async function deliveryView(platform: Platform, d: DeliveryRecord) {
  return {
    deliveryId: d.deliveryId,
    subscriptionId: d.subscriptionId,
    clientId: d.clientId,
    eventType: d.eventType,
    url: d.url,
    test: d.test,
    status: status(d),
    data: JSON.parse(d.dataJson) as unknown,
    createdAt: d.createdAt.toISOString(),
    nextAttemptAt: status(d) === 'pending' ? d.nextAttemptAt.toISOString() : null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    failedAt: d.failedAt?.toISOString() ?? null,
    attempts: (await platform.stores.webhookDeliveries.attempts(d.id)).map((a) => ({
      attempt: a.attempt,
      attemptedAt: a.attemptedAt.toISOString(),
      status: a.status,
      error: a.error,
    })),
  };
}

export type DeliveryView = Awaited<ReturnType<typeof deliveryView>>;

/** The webhook deliveries, newest first, each with its attempts (the inspector's service, and the route's). */
export async function listDeliveries(
  platform: Platform,
  clientId: string | null,
  limit: number,
): Promise<DeliveryView[]> {
  const list = await platform.stores.webhookDeliveries.list(clientId, limit);
  return Promise.all(list.map((d) => deliveryView(platform, d)));
}
