import type { Stores } from '../store/stores.js';

/** The event types of this flow (https://docs.wise.com/guides/developer/webhooks/event-types). */
export type WebhookEventType =
  | 'profiles#verification-state-change'
  | 'profiles#cdd-check-state-change'
  | 'users#state-change'
  | 'kyc-reviews#state-change';

export interface PlatformEvent {
  type: WebhookEventType;
  /** The user the event is about (applications holding a live grant for this user receive it). */
  userId: number;
  /** The profile the event is about, if any (profile-level subscriptions of this profile receive it). */
  profileId: number | null;
  /** The event's `data` object exactly as Wise's event-types page documents it (snake_case, occurred_at …). */
  data: Record<string, unknown>;
}

/**
 * Enqueues one delivery per matching subscription, in the caller's transaction (pass the stores of
 * `stores.transaction`), so the state change and its events commit together or not at all.
 *
 * Who receives it (store/webhook-deliveries.ts `enqueueEvent`): the application subscriptions to
 * `event.type` of every client holding a grant for `userId` that is live at `now` (a grant revoked at `now`
 * itself still counts: `users#state-change` to DEACTIVATED revokes the user's tokens in the same
 * transaction, and the applications that held them must still hear of it), and the profile subscriptions to
 * `event.type` of `profileId` made through such a client. The `data` is kept as JSON text; the worker
 * (worker.ts) wraps it in the envelope and signs it at each attempt.
 */
export async function publishEvent(stores: Stores, event: PlatformEvent, now: Date): Promise<void> {
  await stores.webhookDeliveries.enqueueEvent(
    {
      type: event.type,
      userId: event.userId,
      profileId: event.profileId,
      dataJson: JSON.stringify(event.data),
    },
    now,
  );
}
