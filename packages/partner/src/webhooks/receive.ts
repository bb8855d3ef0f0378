import {
  verifyWebhook,
  WebhookPayloadError,
  WebhookSignatureError,
  type WiseWebhookEvent,
} from '@account-access/client';
import type { Database, Queryable } from '@account-access/db';
import { sqlLinkStore } from '../store/links.js';
import { deleteTokensIn } from '../store/tokens.js';
import { sqlWebhookStore } from '../store/webhooks.js';
import { applyEvent, RetryLater, timestamp } from './apply.js';
import type { WebhookKeySource } from './keys.js';

/** One delivery as the route hands it over: the raw body bytes and the headers of contract §11. */
export interface WebhookDelivery {
  readonly body: Uint8Array | undefined;
  /** `X-Signature-SHA256`. */
  readonly signature: string | undefined;
  /** `X-Delivery-Id`. */
  readonly deliveryId: string | undefined;
  /** `X-Test-Notification: true`. */
  readonly test: boolean;
}

/** What the sender is answered: a 2xx acknowledges; anything else is refused or retried by Wise. */
export interface WebhookAnswer {
  readonly status: number;
  readonly body: { readonly status: string; readonly reason?: string };
  /** For the log: never the event's data. */
  readonly event?: { readonly type: string; readonly deliveryId: string };
}

export interface WebhookReceiverDeps {
  readonly db: Database;
  readonly keys: WebhookKeySource;
  readonly maxAgeSeconds: number;
  readonly now: () => Date;
  /** The provider's name in what a customer is told (`PARTNER_PROVIDER_NAME`). */
  readonly providerName: string;
}

/** How far ahead of our clock a `sent_at` may be (the sender's clock may run a little fast). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Delivery ids are UUIDs on Wise; anything printable and short is kept, the rest refused. */
const DELIVERY_ID = /^[A-Za-z0-9-]{1,100}$/;

const refuse = (status: number, reason: string): WebhookAnswer => ({
  status,
  body: { status: 'refused', reason },
});

/**
 * The receiver (contract §11): checks the signature of the raw bytes, then the envelope, the delivery id
 * and the age of `sent_at`; records the delivery id once (on this database, so every partner instance
 * refuses a replay) and applies the event in the same transaction, so an event is either acted on and
 * recorded or neither, and the sender's retry finds it still to do. Test notifications are recorded and
 * acknowledged without acting on them. Only database work happens here, so the answer comes quickly.
 */
export function createWebhookReceiver(deps: WebhookReceiverDeps) {
  return {
    async receive(delivery: WebhookDelivery): Promise<WebhookAnswer> {
      if (!delivery.signature) return refuse(401, 'missing signature');
      let key: string;
      try {
        key = await deps.keys.get();
      } catch {
        return refuse(503, 'signing key unavailable');
      }
      const checked = check(delivery, key, deps);
      if ('status' in checked) return checked;
      const { event, deliveryId } = checked;
      const logged = { type: event.event_type, deliveryId };
      try {
        const outcome = await deps.db.transaction((tx) =>
          record(tx, event, delivery, deliveryId, deps.now(), deps.providerName),
        );
        if (outcome === 'replayed') return { ...refuse(409, 'delivery already received'), event: logged };
        return { status: 200, body: { status: outcome }, event: logged };
      } catch (error) {
        if (error instanceof RetryLater) return { ...refuse(503, 'try again later'), event: logged };
        throw error;
      }
    },
  };
}

export type WebhookReceiver = ReturnType<typeof createWebhookReceiver>;

function check(
  delivery: WebhookDelivery,
  key: string,
  deps: WebhookReceiverDeps,
): WebhookAnswer | { event: WiseWebhookEvent; deliveryId: string } {
  let event: WiseWebhookEvent;
  try {
    event = verifyWebhook(delivery.body ?? new Uint8Array(), delivery.signature, key);
  } catch (error) {
    if (error instanceof WebhookSignatureError) return refuse(401, `signature ${error.reason}`);
    if (error instanceof WebhookPayloadError) return refuse(400, error.message);
    throw error;
  }
  const deliveryId = delivery.deliveryId?.trim();
  if (!deliveryId || !DELIVERY_ID.test(deliveryId)) return refuse(400, 'missing or malformed X-Delivery-Id');
  const sentAt = timestamp(event.sent_at);
  const now = deps.now().getTime();
  if (!sentAt) return refuse(400, 'sent_at is not a timestamp');
  if (now - sentAt.getTime() > deps.maxAgeSeconds * 1000) return refuse(400, 'sent_at is too old');
  if (sentAt.getTime() - now > CLOCK_SKEW_MS) return refuse(400, 'sent_at is in the future');
  return { event, deliveryId };
}

async function record(
  tx: Queryable,
  event: WiseWebhookEvent,
  delivery: WebhookDelivery,
  deliveryId: string,
  now: Date,
  provider: string,
): Promise<'replayed' | 'test' | 'processed'> {
  const webhooks = sqlWebhookStore(tx);
  const fresh = await webhooks.recordDelivery({
    deliveryId,
    eventType: event.event_type,
    subscriptionId: event.subscription_id,
    sentAt: timestamp(event.sent_at) ?? now,
    test: delivery.test,
    receivedAt: now,
  });
  if (!fresh) return 'replayed';
  if (delivery.test) return 'test';
  await applyEvent(
    { webhooks, links: sqlLinkStore(tx), deleteTokens: (id) => deleteTokensIn(tx, id) },
    event,
    now,
    provider,
  );
  return 'processed';
}
