import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { NotFound, ValidationError } from '../errors/errors.js';
import { jsonObject } from '../http/json.js';
import { emailKey } from '../store/users.js';

const badBody = (message: string) =>
  new ValidationError(400, [{ code: 'BAD_REQUEST', message, path: 'body', arguments: [] }]);

/** Exactly one of the named string fields. */
function oneToken<K extends string>(body: unknown, names: readonly K[]): { name: K; value: string } {
  const object = jsonObject(body);
  const present = names.filter((n) => object[n] !== undefined);
  const name = present[0];
  if (present.length !== 1 || name === undefined)
    throw badBody(`Send exactly one of ${names.map((n) => `"${n}"`).join(' or ')}.`);
  const value = object[name];
  if (typeof value !== 'string' || value === '') throw badBody(`${name} must be a non-empty string.`);
  return { name, value };
}

/**
 * Sandbox control plane (not Wise's API), so partners can test their recovery paths:
 * - `POST /_sandbox/users/{email}/reclaim`: the person reclaimed the account (contract §7): from now on the
 *   registration_code grant answers `invalid_grant`;
 * - `POST /_sandbox/tokens/revoke` `{"accessToken"}` revokes that access token; `{"refreshToken"}` revokes its
 *   whole grant (the refresh token and every access token of it);
 * - `POST /_sandbox/tokens/expire` `{"accessToken"}`: the access token expires now, as after 12 hours.
 * Each answers 200 with what it changed, or 404 when there is no such user or live token.
 */
export function registerSandboxAccounts(app: FastifyInstance, platform: Platform): void {
  const secret = platform.config.serverSecret;

  const { sandbox, grants } = platform.stores;

  app.post('/_sandbox/users/:email/reclaim', async (request) => {
    const { email } = request.params as { email: string };
    const reclaimed = await sandbox.reclaimUser(emailKey(email), platform.now());
    if (!reclaimed) throw new NotFound('There is no user with this email.');
    return { email: reclaimed.email, reclaimedAt: reclaimed.reclaimedAt.toISOString() };
  });

  app.post('/_sandbox/tokens/revoke', async (request) => {
    const { name, value } = oneToken(request.body, ['accessToken', 'refreshToken'] as const);
    const now = platform.now();
    if (name === 'accessToken') {
      if (!(await sandbox.revokeAccessToken(hashSecret(secret, HASH.accessToken, value), now)))
        throw new NotFound('There is no live access token like this one.');
      return { revoked: 'accessToken' };
    }
    const grantId = await sandbox.findGrantByRefreshToken(hashSecret(secret, HASH.refreshToken, value));
    if (!grantId) throw new NotFound('There is no live refresh token like this one.');
    await grants.revoke(grantId, now);
    return { revoked: 'refreshToken' };
  });

  app.post('/_sandbox/tokens/expire', async (request) => {
    const { value } = oneToken(request.body, ['accessToken'] as const);
    if (!(await sandbox.expireAccessToken(hashSecret(secret, HASH.accessToken, value), platform.now())))
      throw new NotFound('There is no live access token like this one.');
    return { expired: 'accessToken' };
  });
}
