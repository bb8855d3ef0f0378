import { seal, unseal } from './seal.js';

/**
 * The partner's `state` (RFC 6749 §4.1.1) must come back unchanged on the redirect (§4.1.2), so it is kept
 * recoverable, but never in the clear at rest (issue 12): sealed with AES-256-GCM under the server secret,
 * the interaction's id as associated data, so a sealed state moved to another interaction does not open.
 */
const PURPOSE = 'interaction-state';

export function sealPartnerState(
  serverSecret: Buffer,
  interactionUid: string,
  state: string | null,
): string | null {
  return state === null ? null : seal(serverSecret, PURPOSE, state, interactionUid);
}

/** The state as the partner sent it; throws when the stored value was altered or belongs to another row. */
export function openPartnerState(
  serverSecret: Buffer,
  interactionUid: string,
  sealed: string | null,
): string | null {
  return sealed === null ? null : unseal(serverSecret, PURPOSE, sealed, interactionUid);
}
