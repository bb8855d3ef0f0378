import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { InvalidClient, UnsupportedGrantType } from '../errors/errors.js';
import { type FormParams, formBody } from '../http/form.js';
import { multipartForm } from '../http/multipart.js';
import { noteClient } from '../http/request-client.js';
import { validated } from '../http/schema-errors.js';
import { authenticateForWrite } from './client-auth.js';
import { ClientChanged, type Grant } from './grants/grant.js';
import { GRANTS } from './grants/index.js';
import { tokenSchemaError } from './token-body.js';

/**
 * POST /oauth/token (contract §1, §3, §4, §5) as named steps: read the form, check it against the grant's
 * schema, authenticate the client, run the grant. Every answer is `Cache-Control: no-store`.
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

/**
 * Authenticates the client and runs the grant. A grant that confirms the client in its write may use this
 * instance's recent read of it (issue 14), and one that confirms the counters too skips their read; when that
 * write finds the client changed (or a counter closed), the request is authenticated again from the
 * database, counters read, once.
 */
async function runGrant(grant: Grant, platform: Platform, request: FastifyRequest, params: FormParams) {
  let clientId: string | null = null;
  const run = async (recent: boolean) => {
    const { authorization } = request.headers;
    const deferCounters = recent && grant.confirmsCounters === true;
    const { client, counters } = await authenticateForWrite(platform, authorization, params, request.ip, {
      recent,
      deferCounters,
    });
    clientId = client.clientId;
    noteClient(request, client.clientId);
    return grant.handler({ platform, client, params, counters });
  };
  try {
    return await run(grant.confirmsClient === true);
  } catch (error) {
    if (!(error instanceof ClientChanged)) throw error;
    if (clientId !== null) platform.stores.clients.forget(clientId);
  }
  try {
    return await run(false);
  } catch (error) {
    if (error instanceof ClientChanged) throw new InvalidClient();
    throw error;
  }
}

/**
 * The form is checked by the route's schema (oauth/token-body.ts, from the grant table) before the client
 * authenticates: a grant's missing parameter is a 400 whatever the credentials (Wise's user-tokens page).
 */
function registerTokenRoute(app: FastifyInstance, platform: Platform): void {
  app.post('/oauth/token', { schemaErrorFormatter: tokenSchemaError }, async (request, reply) => {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const params = formBody(request.body);
    validated(request);
    const grantType = params.require('grant_type');
    const grant = GRANTS.get(grantType);
    // The schema names every grant of the table, so this is only a guard.
    if (!grant) throw new UnsupportedGrantType(`The grant type ${grantType} is not supported.`);
    const tokens = await runGrant(grant, platform, request, params);
    // Issue 15: counted once the grant has answered with tokens (a refused grant throws before).
    platform.metrics.tokensIssued.inc({ grant_type: grantType });
    return tokens;
  });
}
