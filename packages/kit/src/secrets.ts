import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Issue 14: bytes from the CSPRNG drawn 4 KiB at a time and handed out once each, as Node's `randomUUID`
 * caches its own, so a token costs a slice rather than a call into OpenSSL. A byte is never handed out twice.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;

/** 256 bits from the CSPRNG, base64url: tokens, client secrets, codes, session ids. */
export function randomToken(bytes = 32): string {
  if (bytes > POOL_BYTES / 8) return randomBytes(bytes).toString('base64url');
  if (used + bytes > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  const token = pool.toString('base64url', used, used + bytes);
  used += bytes;
  return token;
}

/**
 * HMAC-SHA-256 under a server secret, with a purpose string as a domain separator (architecture "Secrets at
 * rest"): a hash made for one purpose can never be presented as another's. `purpose` and `value` are joined
 * with a NUL byte, which no purpose contains.
 */
export function keyedHash(secret: Buffer | string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(purpose).update('\0').update(value, 'utf8').digest('base64url');
}

/** Constant-time comparison of two strings (hashes, tokens, states). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
