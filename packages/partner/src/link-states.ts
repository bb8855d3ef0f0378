/**
 * The onboarding state machine, one row per customer link (`wise_links.state`).
 *
 * New Wise users (contract §2, §3, §8, §9):
 *   none → signing_up → signed_up → profile_created → [document_submitted →] linked
 *                                                   ↘ document_rejected
 * Existing Wise users, after the 409 of create-user (contract §4, §6, §10.2):
 *   signing_up → conflict → linking → linked | refused_dob_mismatch | link_failed
 * A linked customer whose grant is gone (contract §10.8), or whose Wise user is deactivated (contract §11,
 * also before linking ends), becomes relink_required and links again.
 * A linked customer who disconnects (issue 12: the bank revokes its grant at the platform, RFC 7009, and
 * deletes its tokens) is disconnected, and may connect again:
 *   linked → disconnected → linking
 *
 * Every move is a guarded SQL update (`where state = $expected`), so two requests racing for one step can
 * never both win, and a step that crashed half-way is found in the state it left and resumed.
 */
export const LINK_STATES = [
  'none',
  'signing_up',
  'signed_up',
  'profile_created',
  'document_submitted',
  'document_rejected',
  'linked',
  'conflict',
  'linking',
  'refused_dob_mismatch',
  'link_failed',
  'relink_required',
  'disconnected',
] as const;

export type LinkState = (typeof LINK_STATES)[number];

/** The states from which a customer is sent (again) to link an existing account. */
export const LINKABLE: readonly LinkState[] = [
  'conflict',
  'linking',
  'refused_dob_mismatch',
  'link_failed',
  'relink_required',
  'disconnected',
];

/** Every allowed move; anything else is a bug and is refused by `assertTransition`. */
export const TRANSITIONS: Readonly<Record<LinkState, readonly LinkState[]>> = {
  none: ['signing_up'],
  signing_up: ['signed_up', 'conflict'],
  signed_up: ['profile_created'],
  // A new user whose Wise account is deactivated (users#state-change, contract §11) before linking ends.
  profile_created: ['document_submitted', 'document_rejected', 'linked', 'relink_required'],
  document_submitted: ['linked', 'relink_required'],
  document_rejected: [],
  linked: ['relink_required', 'disconnected'],
  conflict: ['linking'],
  linking: ['linking', 'linked', 'refused_dob_mismatch', 'link_failed'],
  refused_dob_mismatch: ['linking'],
  link_failed: ['linking'],
  relink_required: ['linking'],
  disconnected: ['linking'],
};

export function isLinkState(value: string): value is LinkState {
  return (LINK_STATES as readonly string[]).includes(value);
}

export function assertTransition(from: LinkState, to: LinkState): void {
  if (!TRANSITIONS[from].includes(to)) throw new Error(`no transition from ${from} to ${to}`);
}

/**
 * What the customer is told about each state, in plain words, with the provider by the name the bank
 * shows (`PARTNER_PROVIDER_NAME`, issue 13).
 */
export function stateLabels(provider: string): Readonly<Record<LinkState, string>> {
  return {
    none: 'Not connected',
    signing_up: `Creating your ${provider} account`,
    signed_up: `${provider} account created`,
    profile_created: `${provider} profile created`,
    document_submitted: `Identity document sent to ${provider}`,
    document_rejected: `${provider} could not verify your identity document`,
    linked: 'Connected',
    conflict: `You already have a ${provider} account: connect it`,
    linking: `Waiting for you to connect your ${provider} account`,
    refused_dob_mismatch: `Not connected: the ${provider} account is not yours`,
    link_failed: 'Not connected: linking did not finish',
    relink_required: `Connection lost: connect your ${provider} account again`,
    disconnected: `Disconnected: we no longer have access to your ${provider} account`,
  };
}
