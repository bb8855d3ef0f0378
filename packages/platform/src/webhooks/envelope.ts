import type { DeliveryRecord } from '../store/webhook-deliveries.js';
import { SCHEMA_VERSION, wiseTime } from './event-types.js';

/**
 * The bytes of one delivery attempt: Wise's envelope, schema version 2.0.0, in the documented key order
 * (https://docs.wise.com/api-reference/webhook "Webhook Payload"). Built at send time, so `sent_at` is when
 * this attempt was sent; `data` is spliced in as stored, so its bytes never change between attempts. The
 * signature is made over exactly these bytes.
 */
export function envelopeBytes(delivery: DeliveryRecord, sentAt: Date): Buffer {
  const rest = JSON.stringify({
    subscription_id: delivery.subscriptionId,
    event_type: delivery.eventType,
    schema_version: SCHEMA_VERSION,
    sent_at: wiseTime(sentAt),
  });
  return Buffer.from(`{"data":${delivery.dataJson},${rest.slice(1)}`, 'utf8');
}
