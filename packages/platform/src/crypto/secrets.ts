/**
 * The platform's secret primitives are the kit's, shared with the partner (architecture "Secrets at rest"):
 * HMAC-SHA-256 with a purpose as domain separator, constant-time comparison, CSPRNG tokens.
 */
export { keyedHash, randomToken, safeEqual } from '@account-access/kit';
