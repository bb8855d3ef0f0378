import { randomBytes } from 'node:crypto';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { randomToken } from '../crypto/secrets.js';
import { validateRedirectUri } from './redirect-uri.js';

export interface ClientRegistration {
  name: string;
  redirectUris: string[];
  /** Chosen by the caller (seed files) or generated from the name. */
  clientId?: string;
  /** Chosen by the caller (seed files) or generated; public clients have none. */
  clientSecret?: string;
  isPublic?: boolean;
  refreshTokenTtlSeconds?: number | null;
}

export class ClientRegistrationError extends Error {}

/**
 * User ids are numbers (`/v1/users/{userId}`, the token's `user_id`); RFC 9700 §4.15 ("Client Impersonating
 * Resource Owner") asks that a client never take an identifier a resource owner could have. A client id is
 * therefore never all digits; generated ids (`slug-1a2b3c4d`) always hold a `-`. Migration 092 holds the same
 * rule in the database.
 */
const ALL_DIGITS = /^[0-9]+$/;

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'partner'
  );
}

/** Refuses a client id that is malformed or could be taken for a user id (RFC 9700 §4.15), saying why. */
export function checkClientId(clientId: string): void {
  if (!/^[A-Za-z0-9._~-]{1,100}$/.test(clientId)) {
    throw new ClientRegistrationError('A client id is 1-100 characters of letters, digits and . _ ~ -');
  }
  if (ALL_DIGITS.test(clientId)) {
    throw new ClientRegistrationError(
      `The client id ${clientId} is all digits, as user ids are: a client id needs a letter or one of . _ ~ - (for example bank-${clientId}), so it can never be mistaken for a user.`,
    );
  }
}

/**
 * Registers a partner (CLI, seed file, tests). The secret is returned once and stored only as a keyed hash;
 * redirect URIs are stored exactly as given.
 */
export async function registerClient(
  platform: Platform,
  registration: ClientRegistration,
): Promise<{ clientId: string; clientSecret: string | null }> {
  const name = registration.name.trim();
  if (!name) throw new ClientRegistrationError('A client needs a name.');
  for (const uri of registration.redirectUris) {
    const problem = validateRedirectUri(uri);
    if (problem) throw new ClientRegistrationError(`Redirect URI ${uri}: ${problem}`);
  }
  const isPublic = registration.isPublic ?? false;
  const clientId = registration.clientId ?? `${slug(name)}-${randomBytes(4).toString('hex')}`;
  checkClientId(clientId);
  const clientSecret = isPublic ? null : (registration.clientSecret ?? randomToken());
  await platform.stores.clients.save({
    clientId,
    name,
    secretHash:
      clientSecret === null
        ? null
        : hashSecret(platform.config.serverSecret, HASH.clientSecret, clientSecret),
    redirectUris: [...registration.redirectUris],
    isPublic,
    refreshTokenTtlSeconds: registration.refreshTokenTtlSeconds ?? null,
  });
  return { clientId, clientSecret };
}
