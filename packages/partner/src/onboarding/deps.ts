import type { TokenManager, UserTokens, WiseClient } from '@account-access/client';
import type { LinkState } from '../link-states.js';
import type { CustomerSource } from '../store/customers.js';
import type { LinkAttemptStore } from '../store/link-attempts.js';
import type { LinkStore } from '../store/links.js';
import type { SecretField } from '../vault/vault.js';

/**
 * The narrow seams of the onboarding module, so another bank can embed it over its own records: where
 * customers come from, where the state machine and linking attempts are kept, how secrets are sealed, where
 * tokens go, and the few calls of the client it makes.
 */
export type OnboardingClient = Pick<
  WiseClient,
  | 'createUser'
  | 'tokensFromRegistrationCode'
  | 'createPersonalProfile'
  | 'createVerificationDocument'
  | 'authorizeUrl'
  | 'parseCallback'
  | 'exchangeCode'
  | 'getProfile'
  | 'listProfiles'
> & {
  /**
   * Revokes tokens obtained for the wrong person (contract §10.6), where the platform offers it. Wise
   * documents no revocation endpoint, so without this the tokens are only discarded.
   */
  revoke?(tokens: UserTokens): Promise<void>;
};

/** Seals secrets bound to a customer and a field (the vault). */
export interface SecretVault {
  encrypt(customerId: string, field: SecretField, plaintext: string): string;
  decrypt(customerId: string, field: SecretField, envelope: string): string;
}

/** Where tokens go once obtained, and where a valid access token comes from (the client's token manager). */
export type OnboardingTokens = Pick<TokenManager, 'save' | 'getAccessToken'>;

export interface OnboardingSettings {
  /** The redirect URI registered with the platform, byte for byte (contract §4). */
  readonly redirectUri: string;
  /** Send a PKCE S256 challenge (ours, contract §4). */
  readonly pkce: boolean;
  /** Lifetime of a linking `state` (contract §10.3). */
  readonly stateTtlSeconds: number;
  /** The bank's default way of linking existing users (contract §10.2). */
  readonly linkMethod: 'redirect' | 'email';
  /** The issuer to expect in callbacks (RFC 9207), when the platform sends one. */
  readonly issuer: string | null;
}

/** Something happened worth a log line. Never carries a secret. */
export type OnboardingEvent = {
  customerId: string;
  event: string;
  from?: LinkState;
  to?: LinkState;
  detail?: string;
};

export interface OnboardingDeps {
  readonly customers: CustomerSource;
  readonly links: LinkStore;
  readonly attempts: LinkAttemptStore;
  readonly vault: SecretVault;
  readonly tokens: OnboardingTokens;
  readonly client: OnboardingClient;
  readonly settings: OnboardingSettings;
  readonly now?: () => Date;
  readonly log?: (event: OnboardingEvent) => void;
}

/** The deps with the clock resolved: what every step function is given. */
export type StepDeps = OnboardingDeps & { readonly now: () => Date };

export function withClock(deps: OnboardingDeps): StepDeps {
  return { ...deps, now: deps.now ?? (() => new Date()) };
}
