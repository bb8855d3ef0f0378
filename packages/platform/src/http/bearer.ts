import type { FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { InsufficientScope, InvalidToken } from '../errors/errors.js';
import type { TokenGrant, UserGrant } from '../store/grants.js';
import { noteClient } from './request-client.js';

export type { UserGrant } from '../store/grants.js';

async function bearerGrant(platform: Platform, request: FastifyRequest): Promise<TokenGrant> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)[ ]*$/i.exec(header) : null;
  if (!match)
    throw new InvalidToken(
      header ? 'The Authorization header is not a bearer token.' : 'A bearer token is required.',
    );
  const hash = hashSecret(platform.config.serverSecret, HASH.accessToken, match[1]!);
  const grant = await platform.stores.grants.findAccessToken(hash, platform.now());
  if (!grant) throw new InvalidToken();
  noteClient(request, grant.clientId);
  return grant;
}

/** Calls Wise documents as taking a user or an application token (the sandbox's verify-a-profile call). */
export const requireAnyToken = bearerGrant;

/** Partner calls that act for the partner itself: create user, user exists (contract §2). */
export async function requireClientToken(platform: Platform, request: FastifyRequest): Promise<TokenGrant> {
  const grant = await bearerGrant(platform, request);
  if (grant.userId !== null)
    throw new InsufficientScope('This call needs a client credentials token, not a user token.');
  return grant;
}

/** Calls made on behalf of a person: me, profiles, documents (contract §8, §9). */
export async function requireUserToken(platform: Platform, request: FastifyRequest): Promise<UserGrant> {
  const grant = await bearerGrant(platform, request);
  if (grant.userId === null)
    throw new InsufficientScope('This call needs a user token, not a client credentials token.');
  return grant as UserGrant;
}
