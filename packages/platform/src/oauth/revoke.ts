import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { urlencodedBody } from '../http/form.js';
import { validated } from '../http/schema-errors.js';
import { authenticateClient } from './client-auth.js';
import { findClientToken } from './token-lookup.js';

/**
 * POST /oauth/revoke (ours, RFC 7009 §2; Wise documents no revocation endpoint). The client authenticates
 * as at the token endpoint (Basic, body, or a public client's id: RFC 7009 §2.1 lets public clients revoke
 * their own tokens). An access token revokes that token alone; a refresh token revokes its whole grant,
 * every access token with it (§2.1 SHOULD). An unknown, expired, already revoked or another client's token
 * answers the same 200 with nothing changed (§2.2): the answer tells nothing about the token.
 */
export function registerRevokeEndpoint(app: FastifyInstance, platform: Platform): void {
  app.post('/oauth/revoke', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const params = urlencodedBody(request.body);
    const client = await authenticateClient(platform, request.headers.authorization, params, request.ip);
    // The schema (oauth/descriptions.ts) after the client: RFC 7009 §2.1 authenticates first.
    validated(request);
    const token = params.require('token');
    const found = await findClientToken(platform, client, token, params.get('token_type_hint'));
    if (found?.kind === 'refresh') await platform.stores.grants.revoke(found.grantId, platform.now());
    else if (found) await platform.stores.grants.revokeAccessToken(found.tokenHash, platform.now());
    // §2.2: the content of the 200 is ignored by the client; we send none.
    return reply.code(200).send();
  });
}
