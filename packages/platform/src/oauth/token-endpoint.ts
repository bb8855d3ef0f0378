import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { UnsupportedGrantType } from '../errors/errors.js';
import { formBody } from '../http/form.js';
import { authenticateClient } from './client-auth.js';
import { GRANTS } from './grants/index.js';

/**
 * POST /oauth/token (contract §1, §3, §4, §5) as named steps: read the form, pick the grant, check its
 * parameters, authenticate the client, run the grant. Every answer is `Cache-Control: no-store`.
 */
export function registerTokenEndpoint(app: FastifyInstance, platform: Platform): void {
  app.post('/oauth/token', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const params = formBody(request.body);
    const grantType = params.require('grant_type');
    const grant = GRANTS.get(grantType);
    if (!grant) throw new UnsupportedGrantType(`The grant type ${grantType} is not supported.`);
    for (const name of grant.parameters) params.require(name);
    const client = await authenticateClient(platform, request.headers.authorization, params);
    return grant.handler({ platform, client, params });
  });
}
