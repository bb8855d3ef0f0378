/**
 * Every event type Wise documents, with the subscription levels it may be subscribed at: the table at the top
 * of https://docs.wise.com/guides/developer/webhooks/event-types ("Profile subscriptions", "Application
 * subscriptions"). A subscription may name any of them; the platform itself publishes only the four of
 * `WebhookEventType` (publish.ts).
 */
export const EVENT_TYPE_LEVELS: Readonly<Record<string, { profile: boolean; application: boolean }>> = {
  'transfers#state-change': { profile: true, application: true },
  'transfers#active-cases': { profile: true, application: false },
  'account-details-payment#state-change': { profile: true, application: true },
  'balances#credit': { profile: true, application: false },
  'balances#update': { profile: true, application: true },
  'balances#account-state-change': { profile: false, application: true },
  'profiles#verification-state-change': { profile: false, application: true },
  'batch-payment-initiations#state-change': { profile: false, application: true },
  'transfers#payout-failure': { profile: true, application: true },
  'transfers#refund': { profile: true, application: true },
  'swift-in#credit': { profile: true, application: true },
  'cards#transaction-state-change': { profile: false, application: true },
  'profiles#cdd-check-state-change': { profile: false, application: true },
  'cards#card-status-change': { profile: false, application: true },
  'cards#card-order-status-change': { profile: false, application: true },
  'cards#card-production-status-change': { profile: false, application: true },
  'partner-support#case-changed': { profile: false, application: true },
  'transaction-disputes#update': { profile: false, application: true },
  'bulk-settlement#payment-received': { profile: false, application: true },
  'users#state-change': { profile: false, application: true },
  'kyc-reviews#state-change': { profile: false, application: true },
  'cards#3ds-challenge': { profile: false, application: true },
  'profiles#overdraft-limit-threshold': { profile: false, application: true },
  'account-details-order#order-state-change': { profile: false, application: true },
};

export type SubscriptionLevel = 'application' | 'profile';

export function allowedAt(eventType: string, level: SubscriptionLevel): boolean {
  const levels = Object.hasOwn(EVENT_TYPE_LEVELS, eventType) ? EVENT_TYPE_LEVELS[eventType] : undefined;
  return levels ? levels[level] : false;
}

/** The envelope's schema version (https://docs.wise.com/api-reference/webhook "Webhook Payload"). */
export const SCHEMA_VERSION = '2.0.0';

/** Wise's timestamp form in webhooks and subscriptions: whole seconds, `Z` (`2019-10-10T13:55:57Z`). */
export const wiseTime = (at: Date) => `${at.toISOString().slice(0, 19)}Z`;

/**
 * The `data` of a test notification: "the correct structure for their source subscription's event type and
 * version, and … 'dummy' data … random UUIDs, entity IDs of zero, current dates and times, and hard-coded
 * status codes" (https://docs.wise.com/api-reference/webhook "Test Notifications"). The four types the
 * platform publishes have their documented shape (event-types page); any other gets the generic
 * resource/state shape of Wise's example test notification.
 */
export function testNotificationData(eventType: string, now: Date): Record<string, unknown> {
  const occurredAt = wiseTime(now);
  switch (eventType) {
    case 'profiles#verification-state-change':
      return { resource: { type: 'profile', id: 0 }, current_state: 'verified', occurred_at: occurredAt };
    case 'profiles#cdd-check-state-change':
      return {
        resource: { type: 'profile', id: 0 },
        current_state: 'VERIFIED',
        required_evidences: [],
        occurred_at: occurredAt,
      };
    case 'users#state-change':
      return {
        resource: { id: 0, type: 'user' },
        previous_state: 'ACTIVE',
        current_state: 'ACTIVE',
        occurred_at: occurredAt,
      };
    case 'kyc-reviews#state-change': {
      const local = now.toISOString().slice(0, 23);
      return {
        resource: {
          id: crypto.randomUUID(),
          state: 'PASSED',
          profileId: 0,
          requiredBy: local,
          createdAt: local,
          updatedAt: local,
          triggerReferences: [],
        },
      };
    }
    default:
      return {
        resource: { id: 0, profile_id: 0, account_id: 0, type: eventType.split('#')[0]!.replace(/s$/, '') },
        current_state: 'processing',
        previous_state: 'incoming_payment_waiting',
        occurred_at: occurredAt,
      };
  }
}
