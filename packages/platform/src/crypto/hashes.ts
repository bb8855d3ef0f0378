import { keyedHash } from './secrets.js';

/**
 * The keyed-hash domains of the platform: one purpose string per kind of secret, never reused and never
 * renamed (a new string would orphan every stored hash).
 */
export const HASH = {
  clientSecret: 'client-secret',
  accessToken: 'access-token',
  refreshToken: 'refresh-token',
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
  /** The sandbox inspector's login cookie (sandbox/session.ts), bound to the sandbox key. */
  sandboxSession: 'sandbox-session',
} as const;

export type HashPurpose = (typeof HASH)[keyof typeof HASH];

export function hashSecret(serverSecret: Buffer, purpose: HashPurpose, value: string): string {
  return keyedHash(serverSecret, purpose, value);
}

/** Contract §7: claim_account_codes are stored only as this hash. */
export const hashClaimAccountCode = (serverSecret: Buffer, code: string) =>
  hashSecret(serverSecret, HASH.claimAccountCode, code);
