import { randomBytes } from 'node:crypto';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { randomToken } from '../crypto/secrets.js';
import type { RefreshTokenRotation } from '../store/clients.js';
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
  /** Contract §5 "Rotation": default `never`; a public client always rotates, and `never` is refused for one. */
  rotate?: RefreshTokenRotation;
}

export class ClientRegistrationError extends Error {}

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

/**
 * Registers a partner (CLI, seed file, tests). The secret is returned once and stored only as a keyed hash;
 * redirect URIs are stored exactly as given.
 */
export async function registerClient(
  platform: Platform,
  registration: ClientRegistration,
): Promise<{ clientId: string; clientSecret: string | null; rotate: RefreshTokenRotation }> {
  const name = registration.name.trim();
  if (!name) throw new ClientRegistrationError('A client needs a name.');
  for (const uri of registration.redirectUris) {
    const problem = validateRedirectUri(uri);
    if (problem) throw new ClientRegistrationError(`Redirect URI ${uri}: ${problem}`);
  }
  const isPublic = registration.isPublic ?? false;
  const clientId = registration.clientId ?? `${slug(name)}-${randomBytes(4).toString('hex')}`;
  if (!/^[A-Za-z0-9._~-]{1,100}$/.test(clientId)) {
    throw new ClientRegistrationError('A client id is 1-100 characters of letters, digits and . _ ~ -');
  }
  // RFC 9700 §4.14.2: a public client's refresh token must be rotated (it cannot be sender-constrained here).
  if (isPublic && registration.rotate === 'never') {
    throw new ClientRegistrationError('A public client always rotates its refresh tokens: use "always".');
  }
  const rotate = isPublic ? 'always' : (registration.rotate ?? 'never');
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
    rotate,
  });
  return { clientId, clientSecret, rotate };
}
