/**
 * The onboarding module on its own, for a bank that embeds it over its own records: implement
 * `CustomerSource` (or use the SQL stores), give it a vault, the client's token manager and the client.
 */

export {
  assertTransition,
  isLinkState,
  LINK_STATES,
  LINKABLE,
  type LinkState,
  stateLabels,
  TRANSITIONS,
} from '../link-states.js';
export type { Customer, CustomerSource } from '../store/customers.js';
export {
  type LinkAttempt,
  type LinkAttemptStore,
  type StateRefusal,
  sqlLinkAttemptStore,
} from '../store/link-attempts.js';
export {
  type Lease,
  type LinkFields,
  type LinkRecord,
  type LinkStore,
  sqlLinkStore,
} from '../store/links.js';
export type { SecretField } from '../vault/vault.js';
export type {
  OnboardingClient,
  OnboardingDeps,
  OnboardingEvent,
  OnboardingSettings,
  OnboardingTokens,
  Revocation,
  SecretVault,
} from './deps.js';
export type { DisconnectOutcome } from './disconnect.js';
export { hashValue } from './hash.js';
export { createOnboarding, type Onboarding } from './onboarding.js';
export { describeAuthorizationError, type OnboardingOutcome, stateRefusals } from './outcome.js';
export { newRegistrationCode, profileInput } from './signup.js';
