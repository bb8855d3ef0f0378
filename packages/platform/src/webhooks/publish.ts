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
 */
export async function publishEvent(_stores: Stores, _event: PlatformEvent, _now: Date): Promise<void> {
  // The webhooks part fills this in.
}
