import { keyedHash } from './secrets.js';

/**
 * The keyed-hash domains of the platform: one purpose string per kind of secret, never reused and never
 * renamed (a new string would orphan every stored hash).
 */
export const HASH = {
  clientSecret: 'client-secret',
  accessToken: 'access-token',
  refreshToken: 'refresh-token',
  /**
   * Not a stored hash: the tokens of a refresh, derived from the presented refresh token and the grant's
   * refresh number, so a repeat within the grace window gets them again (contract §5 "Duplicates").
   */
  refreshIssue: 'refresh-issue',
  registrationCode: 'registration-code',
  /** Identifiers of verification documents (CPF, CNPJ, passport numbers, …), contract §9. */
  documentIdentifier: 'document-identifier',
  authorizationCode: 'authorization-code',
  session: 'platform-session',
  browser: 'browser',
  /** Hosted-page CSRF tokens: the purpose the kit's csrfToken hashes under (http/csrf.ts). */
  csrf: 'csrf',
  failureKey: 'auth-failure-key',
  /** The emailed link of contract §6. */
  emailAuthorization: 'email-authorization',
  /** The set-password link of contract §7 "Reclaim". */
  setPassword: 'set-password',
  /** Contract §7 claim_account_code. */
  claimAccountCode: 'claim-account-code',
  /** A password checked on the account pages, awaiting its TOTP code (account/sign-in.ts). */
  accountPending: 'account-sign-in-pending',
  /** The sandbox inspector's login cookie (sandbox/session.ts), bound to the sandbox key. */
  sandboxSession: 'sandbox-session',
  /** The `state` of a federated login's trip to an OpenID provider (issue 16, federated/relying-party.ts). */
  federatedState: 'federated-state',
} as const;

export type HashPurpose = (typeof HASH)[keyof typeof HASH];

export function hashSecret(serverSecret: Buffer, purpose: HashPurpose, value: string): string {
  return keyedHash(serverSecret, purpose, value);
}

/** Contract §7: claim_account_codes are stored only as this hash. */
export const hashClaimAccountCode = (serverSecret: Buffer, code: string) =>
  hashSecret(serverSecret, HASH.claimAccountCode, code);
