import { randomUUID } from 'node:crypto';
import type { Platform } from '../context.js';
import { type FieldError, NotFound, ValidationError } from '../errors/errors.js';
import type { SubscriptionRecord, SubscriptionScope } from '../store/webhook-subscriptions.js';
import { allowedAt, SCHEMA_VERSION, testNotificationData, wiseTime } from './event-types.js';
import { refuseUrl } from './targets.js';

/** The request body of both create calls (https://docs.wise.com/api-reference/webhook): all fields required. */
export interface SubscriptionRequest {
  name: string;
  trigger_on: string;
  delivery: { version: string; url: string };
}

const refused = (path: string, message: string, value: unknown): FieldError => ({
  code: 'ERROR',
  message,
  path,
  arguments: [path, value],
});

/**
 * Checks a create body whose shape the route's schema has checked (api/schemas/webhooks.ts: missing, another
 * type, a blank or long name are its 400s): the acceptable-shape values the platform refuses are 422 ERROR
 * (an unknown event type, one not available at this level, another schema version, a URL the rules of
 * targets.ts refuse).
 */
export function parseSubscription(platform: Platform, body: unknown, level: 'application' | 'profile') {
  const { name, trigger_on: triggerOn, delivery } = body as SubscriptionRequest;
  const { version, url } = delivery;
  const unacceptable: FieldError[] = [];
  if (!allowedAt(triggerOn, level))
    unacceptable.push(
      refused('trigger_on', `is not an event type available to ${level} subscriptions`, triggerOn),
    );
  if (version !== SCHEMA_VERSION)
    unacceptable.push(refused('delivery.version', `must be ${SCHEMA_VERSION}`, version));
  const why = refuseUrl(url, {
    sandbox: platform.config.sandbox,
    production: platform.config.mode === 'production',
  });
  if (why) unacceptable.push(refused('delivery.url', why, url));
  if (unacceptable.length > 0) throw new ValidationError(422, unacceptable);
  return { name, trigger_on: triggerOn, delivery: { version, url } } satisfies SubscriptionRequest;
}

/** The subscription as Wise's create and get calls answer it (key order as the examples). */
export function subscriptionBody(s: SubscriptionRecord) {
  return { ...listedBody(s), created_at: wiseTime(s.createdAt) };
}

/** A subscription as Wise's list calls answer it: the examples carry no `created_at`. */
export function listedBody(s: SubscriptionRecord) {
  const scope =
    s.scope.domain === 'application'
      ? { domain: 'application', id: s.scope.clientId }
      : { domain: 'profile', id: String(s.scope.profileId) };
  return {
    id: s.id,
    name: s.name,
    delivery: { version: s.delivery.version, url: s.delivery.url },
    trigger_on: s.triggerOn,
    scope,
    created_by: { type: s.createdBy.type, id: s.createdBy.id },
  };
}

export async function createSubscription(
  platform: Platform,
  scope: SubscriptionScope,
  createdBy: SubscriptionRecord['createdBy'],
  body: unknown,
): Promise<SubscriptionRecord> {
  const request = parseSubscription(platform, body, scope.domain);
  return platform.stores.webhookSubscriptions.create(
    {
      id: randomUUID(),
      scope,
      createdBy,
      name: request.name,
      triggerOn: request.trigger_on,
      delivery: request.delivery,
    },
    platform.now(),
  );
}

export async function findSubscription(platform: Platform, scope: SubscriptionScope, id: string) {
  const found = await platform.stores.webhookSubscriptions.find(scope, id);
  if (!found) throw new NotFound('Subscription not found');
  return found;
}

export async function deleteSubscription(platform: Platform, scope: SubscriptionScope, id: string) {
  if (!(await platform.stores.webhookSubscriptions.delete(scope, id, platform.now())))
    throw new NotFound('Subscription not found');
}

/**
 * Queues one test notification (https://docs.wise.com/api-reference/webhook "Test Notifications"): queued
 * and retried like any other, sent with `X-Test-Notification: true`; answers its delivery id.
 */
export async function queueTestNotification(platform: Platform, scope: SubscriptionScope, id: string) {
  const s = await findSubscription(platform, scope, id);
  const now = platform.now();
  const queued = await platform.stores.webhookDeliveries.enqueueTest(
    { id: s.id, clientId: s.scope.clientId, triggerOn: s.triggerOn, url: s.delivery.url },
    JSON.stringify(testNotificationData(s.triggerOn, now)),
    now,
  );
  return [{ delivery_id: queued.deliveryId, created_at: wiseTime(queued.createdAt) }];
}
