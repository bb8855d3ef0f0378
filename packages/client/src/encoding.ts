/**
 * Small encoding and crypto primitives, on web-standard APIs only (`btoa`, `crypto.getRandomValues`,
 * `crypto.subtle`), so the package has no runtime dependency and no Node-only import.
 *
 * @module
 */

/** base64url without padding (RFC 4648 §5), as PKCE (RFC 7636 §4.1) and random codes use it. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `n` bytes from the runtime's CSPRNG (`crypto.getRandomValues`). */
export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/**
 * `application/x-www-form-urlencoded` encoding of one value (WHATWG URL, as RFC 6749 Appendix B asks):
 * space becomes `+`, everything outside `*-._` and alphanumerics is percent-encoded.
 */
export function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/**
 * The `Authorization` header value for HTTP Basic client authentication. RFC 6749 §2.3.1: the client id
 * and secret are form-urlencoded before they are joined with `:` and base64-encoded. Contract §1 says the
 * platform accepts this and the raw form; real Wise ids and secrets contain no characters that differ.
 */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  // After form encoding the string is ASCII, so btoa is safe.
  return `Basic ${btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`)}`;
}

/**
 * Compares two strings in time that does not depend on where they first differ (only on their lengths),
 * so a forged `state` cannot be guessed byte by byte from response timing.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  const length = Math.max(x.length, y.length);
  let difference = x.length ^ y.length;
  for (let i = 0; i < length; i++) difference |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return difference === 0;
}
