import { HASH, hashSecret } from '../../crypto/hashes.js';
import { randomToken } from '../../crypto/secrets.js';
import { InvalidGrant } from '../../errors/errors.js';
import { userTokenBody } from '../tokens.js';
import type { Grant } from './grant.js';

/**
 * Contract §5: a new access token for the grant of a refresh token. The previous access token of the grant
 * stops working at once; the refresh token is returned unchanged.
 */
export const refreshToken: Grant = {
  grantType: 'refresh_token',
  parameters: ['refresh_token'],
  async handler({ platform, client, params }) {
    const now = platform.now();
    const { serverSecret, tokens } = platform.config;
    const refresh = params.require('refresh_token');
    const access = randomToken();
    const expiresAt = new Date(now.getTime() + tokens.accessTokenTtlSeconds * 1000);
    const refreshed = await platform.stores.grants.refresh(
      hashSecret(serverSecret, HASH.refreshToken, refresh),
      client.clientId,
      { accessTokenHash: hashSecret(serverSecret, HASH.accessToken, access), accessExpiresAt: expiresAt },
      now,
    );
    if (!refreshed || refreshed.refreshExpiresAt === null) {
      throw new InvalidGrant('The refresh token is invalid, expired or revoked.');
    }
    return userTokenBody(access, expiresAt, refresh, refreshed.refreshExpiresAt, now);
  },
};
