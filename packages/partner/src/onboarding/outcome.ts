import type { LinkState } from '../link-states.js';
import type { StateRefusal } from '../store/link-attempts.js';

/** What the customer is shown after each call of the onboarding module. */
export type OnboardingOutcome =
  /** The Wise account is connected. */
  | { kind: 'linked' }
  /** Open this URL as a full page in the system browser (contract §10.3). */
  | { kind: 'redirect'; authorizeUrl: string }
  /** The platform emailed the person a link; ask for the code it shows (contract §6). */
  | { kind: 'enter_code'; message?: string }
  /** Another request is working on this customer right now (a double click); look again shortly. */
  | { kind: 'busy'; state: LinkState }
  /** A code was typed while none was awaited (e.g. already connected); nothing was exchanged. */
  | { kind: 'code_not_expected'; state: LinkState; message: string }
  /** Not connected; `message` says why in plain words, and `state` where the customer stands. */
  | { kind: 'failed'; state: LinkState; message: string }
  /** The callback's state is refused (contract §10.3); nothing was exchanged. */
  | { kind: 'state_refused'; reason: StateRefusal; message: string };

/** Why a callback's state was refused, in plain words, naming the provider as the bank does (issue 13). */
export function stateRefusals(provider: string): Readonly<Record<StateRefusal, string>> {
  return {
    missing: `This page was opened without the security code we sent to ${provider}, so we ignored it.`,
    unknown: `We did not start this connection, so we ignored it. Start again from your ${provider} page.`,
    reused: `This connection link was already used. Start again from your ${provider} page.`,
    expired: `This connection took too long and expired. Start again from your ${provider} page.`,
    other_session:
      'This connection was started in another browser or session. Start again from this browser.',
  };
}

/** Plain words for the `error` of a callback (contract §4, §10.4). */
export function describeAuthorizationError(
  provider: string,
  error: string | undefined,
  description: string | undefined,
): string {
  const base =
    error === 'access_denied'
      ? `You chose not to give us access to your ${provider} account.`
      : error === 'server_error' || error === 'temporarily_unavailable'
        ? `${provider} could not complete the connection right now. Try again in a moment.`
        : `${provider} could not complete the connection.`;
  return description ? `${base} ${provider} said: “${description}”` : base;
}
