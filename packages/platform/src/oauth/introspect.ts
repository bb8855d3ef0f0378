import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { InvalidClient } from '../errors/errors.js';
import { urlencodedBody } from '../http/form.js';
import { validated } from '../http/schema-errors.js';
import { authenticateClient } from './client-auth.js';
import { type FoundToken, findClientToken } from './token-lookup.js';

/** RFC 7662 §2.2: what an active token's answer carries (NumericDate seconds for the times). */
export interface IntrospectionResponse {
  active: boolean;
  scope?: string;
  client_id?: string;
  token_type?: 'bearer';
  /** Not in RFC 7662's list (§2.2 allows more): which of the two tokens this is, named as Ory Hydra names it. */
  token_use?: 'access_token' | 'refresh_token';
  exp?: number;
  iat?: number;
  sub?: string;
  iss?: string;
}

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

function describe(platform: Platform, token: FoundToken): IntrospectionResponse {
  return {
    active: true,
    // Every token of this platform has Wise's one scope (contract §1, §5).
    scope: 'transfers',
    client_id: token.clientId,
    // RFC 7662 §2.2 token_type is the RFC 6749 §7.1 type an access token is used as; a refresh token has none.
    ...(token.kind === 'access' ? { token_type: 'bearer' as const } : {}),
    token_use: token.kind === 'access' ? 'access_token' : 'refresh_token',
    ...(token.expiresAt !== null ? { exp: seconds(token.expiresAt) } : {}),
    iat: seconds(token.issuedAt),
    // The person the token acts for, by Wise's user id; a client-credentials token has none.
    ...(token.userId !== null ? { sub: String(token.userId) } : {}),
    iss: platform.config.issuer,
  };
}

/**
 * POST /oauth/introspect (ours, RFC 7662 §2; Wise documents no introspection endpoint). Only a confidential
 * client may ask (§2.1 requires authorization of the caller, §4 so that nobody can scan for tokens), and only
 * about its own tokens: an unknown, expired, revoked or another client's token is `{"active":false}` with
 * nothing else (§2.2), so the answer never tells them apart.
 */
export function registerIntrospectionEndpoint(app: FastifyInstance, platform: Platform): void {
  app.post('/oauth/introspect', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const params = urlencodedBody(request.body);
    const client = await authenticateClient(platform, request.headers.authorization, params, request.ip);
    if (client.isPublic) throw new InvalidClient('Public clients cannot use token introspection.');
    // The schema (oauth/descriptions.ts) after the client: RFC 7662 §2.1 authorizes the caller first.
    validated(request);
    const token = params.require('token');
    const found = await findClientToken(platform, client, token, params.get('token_type_hint'));
    return found ? describe(platform, found) : { active: false };
  });
}
