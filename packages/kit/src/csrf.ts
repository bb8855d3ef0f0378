import { keyedHash, safeEqual } from './secrets.js';

/**
 * Synchronizer tokens derived rather than stored (OWASP CSRF Prevention Cheat Sheet, "Signed Double-Submit
 * Cookie" / HMAC-based token): the token is an HMAC of what it is bound to (a session id, an interaction and a
 * browser cookie), so every instance computes the same token and a token is useless without that cookie.
 */
export function csrfToken(secret: Buffer | string, binding: string): string {
  return keyedHash(secret, 'csrf', binding);
}

/** Whether a form's token is the one for this binding (constant time; a missing token is never valid). */
export function csrfValid(
  secret: Buffer | string,
  binding: string,
  presented: string | null | undefined,
): boolean {
  return typeof presented === 'string' && safeEqual(presented, csrfToken(secret, binding));
}
