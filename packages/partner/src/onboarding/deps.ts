import {
  isWiseApiError,
  type TokenManager,
  type TokenStore,
  type UserTokens,
  type WiseClient,
} from '@account-access/client';
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
  | 'revokeToken'
>;

/** How a revocation went: done, not offered by the platform, or failed (network, 5xx, refused). */
export type Revocation = 'revoked' | 'unsupported' | 'failed';

/**
 * Revokes the grant behind `tokens` at the platform through its refresh token (RFC 7009 §2.1: a refresh
 * token revokes every token of its grant): those obtained for the wrong person (contract §10.6), and a
 * customer's on Disconnect. Wise documents no revocation endpoint: where it answers 404 or 405 the
 * revocation is `unsupported` and the tokens are only discarded.
 */
export async function revokeAtPlatform(client: OnboardingClient, tokens: UserTokens): Promise<Revocation> {
  try {
    await client.revokeToken({ token: tokens.refreshToken, tokenTypeHint: 'refresh_token' });
    return 'revoked';
  } catch (error) {
    return isWiseApiError(error) && (error.status === 404 || error.status === 405) ? 'unsupported' : 'failed';
  }
}

/** Seals secrets bound to a customer and a field (the vault). */
export interface SecretVault {
  encrypt(customerId: string, field: SecretField, plaintext: string): string;
  decrypt(customerId: string, field: SecretField, envelope: string): string;
}

/** Where tokens go once obtained, and where a valid access token comes from (the client's token manager). */
export type OnboardingTokens = Pick<TokenManager, 'save' | 'getAccessToken'>;

export interface OnboardingSettings {
  /** The provider's name in what the customer is told, e.g. "Wise" (issue 13: the platform's PLATFORM_NAME). */
  readonly providerName: string;
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
  /**
   * The token store itself (the one the token manager uses): Disconnect reads the refresh token to revoke
   * and deletes the tokens under the store's lock, so no refresh in flight writes them back.
   */
  readonly tokenStore: TokenStore;
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
