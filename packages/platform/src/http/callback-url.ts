import type { OAuthCode } from '../errors/catalogue.js';

/** What goes back to the partner: `error` is always a catalogue code (contract §4). */
export type CallbackParams = { readonly error?: OAuthCode } & Readonly<Record<string, string | null>>;

/**
 * Adds parameters to a registered redirect_uri, keeping its own query as it is, byte for byte (contract §4).
 * Works for custom schemes (`bank://wise/callback`) too, where `URL` would not round-trip.
 */
export function callbackUrl(redirectUri: string, params: CallbackParams): string {
  const added = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== null) added.append(name, value);
  const joiner = !redirectUri.includes('?')
    ? '?'
    : redirectUri.endsWith('?') || redirectUri.endsWith('&')
      ? ''
      : '&';
  // Spaces as %20, not '+': read the same by form decoders and by plain decodeURIComponent.
  return `${redirectUri}${joiner}${added.toString().replace(/\+/g, '%20')}`;
}
