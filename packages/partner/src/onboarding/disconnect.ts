import type { TokenStore } from '@account-access/client';
import { type Revocation, revokeAtPlatform, type StepDeps } from './deps.js';

/** What the customer is shown after Disconnect. */
export type DisconnectOutcome =
  /** Not connected any more; `revocation` says whether the platform confirmed the revocation. */
  | { kind: 'disconnected'; revocation: Revocation | 'nothing_held' }
  /** Another request is working on this customer's link right now (a double click): look again. */
  | { kind: 'busy' }
  /** Nothing changed; `message` says why in plain words. */
  | { kind: 'failed'; message: string };

const notConnected = (provider: string) =>
  `Your ${provider} account is not connected, so there is nothing to disconnect.`;
const unreachable = (provider: string) =>
  `We could not reach ${provider} to disconnect your account just now, so nothing changed. Try again in a moment.`;

/**
 * Disconnect (issue 12): the bank gives up its access to the customer's Wise account. Under the link's
 * lease, and under the token store's lock so no refresh in flight writes the tokens back (contract §5): the
 * grant is revoked at the platform through its refresh token (RFC 7009 §2.1: every token of the grant),
 * the link moves `linked → disconnected`, the registration code is forgotten (it could mint new tokens,
 * contract §3) and the tokens are deleted. When the platform cannot be reached nothing changes, so the
 * customer is never told "disconnected" while the bank still holds a live grant. A second Disconnect finds
 * the link already disconnected and says so.
 */
export async function disconnect(deps: StepDeps, customerId: string): Promise<DisconnectOutcome> {
  const lease = await deps.links.claim(customerId, ['linked'], deps.now());
  if (!lease) {
    const current = await deps.links.get(customerId);
    if (current?.state === 'disconnected') return { kind: 'disconnected', revocation: 'nothing_held' };
    if (current?.state === 'linked') return { kind: 'busy' };
    return { kind: 'failed', message: notConnected(deps.settings.providerName) };
  }
  const store = deps.tokenStore;
  const run = async (locked: TokenStore): Promise<DisconnectOutcome> => {
    const tokens = await locked.get(customerId);
    const revocation = tokens ? await revokeAtPlatform(deps.client, tokens) : 'nothing_held';
    if (revocation === 'failed') {
      await deps.links.release(customerId, lease);
      deps.log?.({ customerId, event: 'disconnect_failed', detail: 'revocation failed' });
      return { kind: 'failed', message: unreachable(deps.settings.providerName) };
    }
    // The move comes first: deleting the tokens of a linked customer would mark the link broken instead.
    const moved = await deps.links.transition(customerId, 'linked', 'disconnected', lease, deps.now(), {
      registrationCode: null,
      lastError: null,
    });
    if (!moved) return { kind: 'busy' };
    await locked.delete(customerId);
    deps.log?.({ customerId, event: 'disconnected', from: 'linked', to: 'disconnected', detail: revocation });
    return { kind: 'disconnected', revocation };
  };
  return store.withLock ? store.withLock(customerId, run) : run(store);
}
