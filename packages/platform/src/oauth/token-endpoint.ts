import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { InvalidRequest, UnsupportedGrantType } from '../errors/errors.js';
import { formBody } from '../http/form.js';
import { multipartForm } from '../http/multipart.js';
import { noteClient } from '../http/request-client.js';
import { authenticateClient } from './client-auth.js';
import { GRANTS } from './grants/index.js';

/**
 * POST /oauth/token (contract §1, §3, §4, §5) as named steps: read the form, pick the grant, check its
 * parameters, authenticate the client, run the grant. Every answer is `Cache-Control: no-store`.
 */
export function registerTokenEndpoint(app: FastifyInstance, platform: Platform): void {
  // Its own plugin scope, so multipart/form-data is parsed here only: every other route keeps 415 for it.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'buffer' },
      async (request: FastifyRequest, body: Buffer) =>
        multipartForm(body, request.headers['content-type'] ?? ''),
    );
    registerTokenRoute(scope, platform);
  });
}

function registerTokenRoute(app: FastifyInstance, platform: Platform): void {
  app.post('/oauth/token', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const params = formBody(request.body);
    // Wise's own text for this one (https://docs.wise.com/api-reference/user-tokens, 400 example).
    const grantType = params.get('grant_type');
    if (grantType === undefined) throw new InvalidRequest('Missing grant type');
    const grant = GRANTS.get(grantType);
    if (!grant) throw new UnsupportedGrantType(`The grant type ${grantType} is not supported.`);
    for (const name of grant.parameters) params.require(name);
    const client = await authenticateClient(platform, request.headers.authorization, params, request.ip);
    noteClient(request, client.clientId);
    const tokens = await grant.handler({ platform, client, params });
    // Issue 15: counted once the grant has answered with tokens (a refused grant throws before).
    platform.metrics.tokensIssued.inc({ grant_type: grantType });
    return tokens;
  });
}
