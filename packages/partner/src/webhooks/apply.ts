import type { WiseWebhookEvent } from '@account-access/client';
import type { LinkState } from '../link-states.js';
import type { LinkStore } from '../store/links.js';
import type { WebhookStore } from '../store/webhooks.js';

/** What applying an event needs, all bound to the delivery's one transaction. */
export interface EventStores {
  readonly webhooks: WebhookStore;
  readonly links: LinkStore;
  deleteTokens(customerId: string): Promise<void>;
}

/** A change that cannot be made now (a step holds the link's lease): the delivery is answered 503 and retried. */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';
}

/** What a customer whose Wise user was deactivated is told (contract §11), naming the provider as the bank does. */
export const deactivatedMessage = (provider: string) =>
  `${provider} has deactivated this ${provider} account, so we can no longer reach it. Connect a ${provider} account again.`;

/** The states that hold tokens for the customer, from which a deactivated user's link is broken. */
const HOLDS_TOKENS: readonly LinkState[] = ['linked', 'profile_created', 'document_submitted'];

/**
 * Acts on one verified, non-test event (contract §11): the verification state a profile reports is kept;
 * a user that is `DEACTIVATED` loses its tokens (Wise revokes them) and each of its links needs relinking.
 * Every other event is acknowledged and left alone. `provider` is the name the customer is told about.
 */
export async function applyEvent(
  stores: EventStores,
  event: WiseWebhookEvent,
  now: Date,
  provider: string,
): Promise<void> {
  switch (event.type) {
    case 'profiles#verification-state-change': {
      const occurredAt = timestamp(event.data.occurred_at) ?? timestamp(event.sent_at) ?? now;
      await stores.webhooks.saveVerification(
        { wiseProfileId: event.data.resource.id, state: event.data.current_state, occurredAt },
        now,
      );
      return;
    }
    case 'users#state-change':
      if (event.data.current_state === 'DEACTIVATED')
        await deactivate(stores, event.data.resource.id, now, provider);
      return;
    default:
      return;
  }
}

async function deactivate(
  stores: EventStores,
  wiseUserId: number,
  now: Date,
  provider: string,
): Promise<void> {
  for (const link of await stores.links.listByWiseUser(wiseUserId)) {
    await stores.deleteTokens(link.customerId);
    if (!HOLDS_TOKENS.includes(link.state)) continue;
    const moved = await stores.links.transition(link.customerId, link.state, 'relink_required', null, now, {
      lastError: deactivatedMessage(provider),
    });
    if (!moved) throw new RetryLater(`link of ${link.customerId} is busy`);
  }
}

/** An ISO timestamp as a Date, or null when it is not one (Wise's own example has `12:34:567Z`). */
export function timestamp(value: string): Date | null {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}
