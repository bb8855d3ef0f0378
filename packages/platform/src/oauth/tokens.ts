import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { randomToken } from '../crypto/secrets.js';
import type { ClientRecord } from '../store/clients.js';

/** Contract §1: the client-credentials token body. */
export interface ClientTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: string;
  scope: 'transfers';
}

/** Contract §5: the user token object. */
export interface UserTokenResponse extends ClientTokenResponse {
  refresh_token: string;
  refresh_token_expires_in: number;
  refresh_token_expires_at: string;
  created_at: string;
}

const SCOPE = 'transfers';
const secondsLeft = (at: Date, now: Date) =>
  Math.max(0, Math.floor((at.getTime() - now.getTime()) / 1000) - 1);
const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);

/**
 * Lifetimes are reported as Wise reports them (43199 for its 12 hours): whole seconds left, less one, so a
 * client counting from the moment it reads the response never believes a token lives longer than it does.
 */
function accessPart(access: string, expiresAt: Date, now: Date): ClientTokenResponse {
  return {
    access_token: access,
    token_type: 'bearer',
    expires_in: secondsLeft(expiresAt, now),
    expires_at: expiresAt.toISOString(),
    scope: SCOPE,
  };
}

export async function issueClientToken(
  platform: Platform,
  client: ClientRecord,
): Promise<ClientTokenResponse> {
  const now = platform.now();
  const access = randomToken();
  const expiresAt = later(now, platform.config.tokens.accessTokenTtlSeconds);
  await platform.stores.grants.create(
    {
      clientId: client.clientId,
      userId: null,
      grantType: 'client_credentials',
      profileIds: [],
      accessTokenHash: hashSecret(platform.config.serverSecret, HASH.accessToken, access),
      accessExpiresAt: expiresAt,
      refreshTokenHash: null,
      refreshExpiresAt: null,
    },
    now,
  );
  return accessPart(access, expiresAt, now);
}

export interface UserGrantRequest {
  client: ClientRecord;
  userId: number;
  grantType: string;
  profileIds: number[];
  /** The id the grant must have (an authorization code names it before the grant exists). */
  grantId?: string;
}

/** A new grant for a user: an access token and a refresh token. Returns the body and the grant id. */
export async function issueUserTokens(
  platform: Platform,
  request: UserGrantRequest,
): Promise<{ body: UserTokenResponse; grantId: string }> {
  const now = platform.now();
  const { serverSecret, tokens } = platform.config;
  const access = randomToken();
  const refresh = randomToken();
  const expiresAt = later(now, tokens.accessTokenTtlSeconds);
  const refreshExpiresAt = later(now, request.client.refreshTokenTtlSeconds ?? tokens.refreshTokenTtlSeconds);
  const grantId = await platform.stores.grants.create(
    {
      ...(request.grantId !== undefined ? { id: request.grantId } : {}),
      clientId: request.client.clientId,
      userId: request.userId,
      grantType: request.grantType,
      profileIds: request.profileIds,
      accessTokenHash: hashSecret(serverSecret, HASH.accessToken, access),
      accessExpiresAt: expiresAt,
      refreshTokenHash: hashSecret(serverSecret, HASH.refreshToken, refresh),
      refreshExpiresAt,
    },
    now,
  );
  return { body: userTokenBody(access, expiresAt, refresh, refreshExpiresAt, now), grantId };
}

export function userTokenBody(
  access: string,
  expiresAt: Date,
  refresh: string,
  refreshExpiresAt: Date,
  now: Date,
): UserTokenResponse {
  return {
    ...accessPart(access, expiresAt, now),
    refresh_token: refresh,
    refresh_token_expires_in: secondsLeft(refreshExpiresAt, now),
    refresh_token_expires_at: refreshExpiresAt.toISOString(),
    created_at: now.toISOString(),
  };
}
