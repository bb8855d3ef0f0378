import { seal, unseal } from '../crypto/seal.js';

/**
 * A federated login's nonce and PKCE code_verifier while the person is at the provider (issue 16): sealed
 * (AES-256-GCM under the server secret) with the login interaction's uid as associated data, so the row
 * alone does not give them up and a row moved to another interaction does not open.
 */
const PURPOSE = 'federated-login';

export interface TripSecrets {
  nonce: string;
  codeVerifier: string;
}

export function sealTrip(serverSecret: Buffer, interactionUid: string, secrets: TripSecrets): string {
  return seal(serverSecret, PURPOSE, JSON.stringify([secrets.nonce, secrets.codeVerifier]), interactionUid);
}

/** The values, or null when the sealed text was altered or belongs to another interaction. */
export function openTrip(serverSecret: Buffer, interactionUid: string, sealed: string): TripSecrets | null {
  try {
    const [nonce, codeVerifier] = JSON.parse(
      unseal(serverSecret, PURPOSE, sealed, interactionUid),
    ) as string[];
    return typeof nonce === 'string' && typeof codeVerifier === 'string' ? { nonce, codeVerifier } : null;
  } catch {
    return null;
  }
}
