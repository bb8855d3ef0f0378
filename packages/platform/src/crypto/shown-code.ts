import { seal, unseal } from './seal.js';

/**
 * A `display` interaction's short code (contract §6) is shown again when its page is reloaded, while the code
 * is valid (issue 13), so it is kept recoverable: sealed with AES-256-GCM under the server secret, the
 * interaction's uid and the finishing browser's cookie as associated data. The database holds only the
 * cookie's hash, so the stored value opens for a request from that browser and for no other, nor for a
 * reader of the database.
 */
const PURPOSE = 'interaction-shown-code';

const context = (uid: string, browser: string) => `${uid}\u0000${browser}`;

export function sealShownCode(serverSecret: Buffer, uid: string, browser: string, code: string): string {
  return seal(serverSecret, PURPOSE, code, context(uid, browser));
}

/** The code, or null for another browser (or an altered value). */
export function openShownCode(
  serverSecret: Buffer,
  uid: string,
  browser: string | null,
  sealed: string | null,
): string | null {
  if (sealed === null || browser === null) return null;
  try {
    return unseal(serverSecret, PURPOSE, sealed, context(uid, browser));
  } catch {
    return null;
  }
}
