import { keyedHash } from '../crypto/secrets.js';

/** The keyed-hash domains of the platform: one purpose string per kind of secret, never reused. */
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
  csrf: 'csrf',
  failureKey: 'auth-failure-key',
} as const;

export type HashPurpose = (typeof HASH)[keyof typeof HASH];

export function hashSecret(serverSecret: Buffer, purpose: HashPurpose, value: string): string {
  return keyedHash(serverSecret, purpose, value);
}
