/**
 * PKCE (RFC 7636) with the S256 method, on WebCrypto. The platform supports it (contract §4, ours) and
 * requires it for public clients; real Wise ignores unknown parameters, so sending it is harmless.
 *
 * @module
 */
import { base64url, randomBytes } from './encoding.js';

/**
 * A PKCE pair (contract §4, ours): keep `codeVerifier` with the session; put `codeChallenge` in the
 * authorize URL and `codeVerifier` in the exchange. Wise does not document PKCE;
 * the page is the one of the authorize request it extends.
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export interface Pkce {
  readonly codeVerifier: string;
  readonly codeChallenge: string;
  readonly codeChallengeMethod: 'S256';
}

/**
 * A PKCE code verifier (contract §4): 32 random bytes, base64url (43 characters), as RFC 7636 §4.1
 * recommends. Wise does not document PKCE;
 * the page is the one of the authorize request it extends.
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export function generateCodeVerifier(): string {
  return base64url(randomBytes(32));
}

/**
 * `BASE64URL(SHA256(ASCII(code_verifier)))`, RFC 7636 §4.2 (contract §4). Wise does not document PKCE;
 * the page is the one of the authorize request it extends.
 *
 * @throws TypeError when the verifier is not 43 to 128 unreserved characters.
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export async function codeChallengeS256(codeVerifier: string): Promise<string> {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(codeVerifier)) {
    throw new TypeError('a code verifier is 43 to 128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1)');
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier));
  return base64url(new Uint8Array(digest));
}

/**
 * A fresh verifier and its S256 challenge (contract §4). Wise does not document PKCE;
 * the page is the one of the authorize request it extends.
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export async function generatePkce(): Promise<Pkce> {
  const codeVerifier = generateCodeVerifier();
  return { codeVerifier, codeChallenge: await codeChallengeS256(codeVerifier), codeChallengeMethod: 'S256' };
}
