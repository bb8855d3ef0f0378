import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { NotFound, ValidationError } from '../errors/errors.js';
import { jsonObject } from '../http/json.js';

/**
 * Revoke or expire a grant by the id the listings and the inspector show (issue 11), so a demo customer's
 * grant can be ended without its raw tokens. The token-based calls (`/_sandbox/tokens/…`, accounts.ts) stay.
 */

/** Revokes the grant and every token of it, as a revoked refresh token does; revoking again changes nothing. */
export async function revokeGrantById(
  platform: Platform,
  grantId: string,
): Promise<{ grantId: string; revokedAt: string }> {
  return platform.stores.transaction(async (stores) => {
    const grant = await stores.sandbox.findGrant(grantId);
    if (!grant) throw new NotFound('There is no grant with this id.');
    await stores.grants.revoke(grant.id, platform.now());
    const revoked = await stores.sandbox.findGrant(grant.id);
    return { grantId: grant.id, revokedAt: revoked!.revokedAt!.toISOString() };
  });
}

/**
 * Expires the grant's live access tokens now, as after 12 hours (contract §5): the partner gets a 401 and
 * its refresh works. With `refreshToken: true` the refresh token expires too, so the refresh answers
 * `invalid_grant` (contract §5, a refresh token past its lifetime). A revoked grant has nothing to expire: 404.
 */
export async function expireGrantById(
  platform: Platform,
  grantId: string,
  options: { refreshToken?: boolean } = {},
): Promise<{ grantId: string; expiredAccessTokens: number; refreshTokenExpired: boolean }> {
  const expired = await platform.stores.sandbox.expireGrant(
    grantId,
    options.refreshToken === true,
    platform.now(),
  );
  if (expired === null) throw new NotFound('There is no live grant with this id.');
  return { grantId, expiredAccessTokens: expired, refreshTokenExpired: options.refreshToken === true };
}

/** The optional body of `…/expire`: nothing, `{}`, or `{"refreshToken": true|false}`. */
function expireOptions(body: unknown): { refreshToken: boolean } {
  if (body === undefined || body === null || body === '') return { refreshToken: false };
  const input = jsonObject(body);
  const unknown = Object.keys(input).filter((k) => k !== 'refreshToken');
  const refreshToken = input['refreshToken'] ?? false;
  if (unknown.length > 0 || typeof refreshToken !== 'boolean')
    throw new ValidationError(400, [
      {
        code: 'BAD_REQUEST',
        message: 'The body is empty or {"refreshToken": true|false}.',
        path: unknown[0] ?? 'refreshToken',
        arguments: [],
      },
    ]);
  return { refreshToken };
}

/** `POST /_sandbox/grants/{id}/revoke` and `POST /_sandbox/grants/{id}/expire`. */
export function registerSandboxGrants(app: FastifyInstance, platform: Platform): void {
  app.post<{ Params: { id: string } }>('/_sandbox/grants/:id/revoke', async (request) =>
    revokeGrantById(platform, request.params.id),
  );
  app.post<{ Params: { id: string } }>('/_sandbox/grants/:id/expire', async (request) =>
    expireGrantById(platform, request.params.id, expireOptions(request.body)),
  );
}
