import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits from the CSPRNG, base64url: access and refresh tokens, client secrets, codes. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Secrets are stored only as HMAC-SHA-256 under the server secret (architecture "Secrets at rest"):
 * a stolen database alone gives nothing to replay, and lookups stay an index hit. The `purpose` separates
 * domains so a token hash can never be mistaken for a registration-code hash.
 */
export function keyedHash(serverSecret: Buffer, purpose: string, value: string): string {
  return createHmac('sha256', serverSecret)
    .update(purpose)
    .update('\0')
    .update(value, 'utf8')
    .digest('base64url');
}

/** Constant-time comparison of two strings (hashes, states). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
