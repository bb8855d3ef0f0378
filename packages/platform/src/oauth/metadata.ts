import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { GRANTS } from './grants/index.js';

/** What client-auth.ts accepts (RFC 8414 §2, names from the IANA registry of RFC 7591 §2). */
const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'];

/**
 * The authorization server metadata (ours, RFC 8414 §2; Wise publishes none for this API, only an OpenID
 * configuration for Open Banking, which is another product). Every endpoint is under the issuer, and the
 * document names the issuer it is served for (§3.3: a client checks they are equal).
 */
export function authorizationServerMetadata(platform: Platform): Record<string, unknown> {
  const { issuer } = platform.config;
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    introspection_endpoint: `${issuer}/oauth/introspect`,
    // From the grant table itself, so a new grant is announced the moment it is served.
    grant_types_supported: [...GRANTS.keys()],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    scopes_supported: ['transfers'],
    // authorize.ts refuses `plain` (RFC 9700 §2.1.1).
    code_challenge_methods_supported: ['S256'],
    // The redirect back carries `iss` (interaction/finish.ts; RFC 9207 §3).
    authorization_response_iss_parameter_supported: true,
    token_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    // RFC 7009 §2.1 lets a public client revoke its own tokens.
    revocation_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    // introspect.ts refuses public clients (RFC 7662 §4).
    introspection_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS.filter((m) => m !== 'none'),
  };
}

/**
 * GET /.well-known/oauth-authorization-server (RFC 8414 §3). The issuer has no path, so the document sits
 * at the root (§3.1). Wise serves no metadata, so there is no version-prefixed variant of our own; the
 * general prefix rule (http/version-prefix.ts) still routes `/{quarter}/.well-known/…` here like any path.
 */
export function registerMetadata(app: FastifyInstance, platform: Platform): void {
  app.get('/.well-known/oauth-authorization-server', async (_request, reply) => {
    // The document changes only with a deployment; an hour's caching is safe and spares clients a fetch.
    reply.header('cache-control', 'public, max-age=3600');
    return authorizationServerMetadata(platform);
  });
}
