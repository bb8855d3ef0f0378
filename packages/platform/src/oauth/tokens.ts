import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { randomToken } from '../crypto/secrets.js';
import type { CounterLimit } from '../store/attempt-counters.js';
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
export const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);

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

/**
 * A client-credentials token (contract §1), recorded only if the client still has the secret it
 * authenticated with and is confidential, and `counters` are open; null when not (changed on any instance).
 */
export async function issueClientToken(
  platform: Platform,
  client: ClientRecord & { secretHash: string },
  counters: readonly CounterLimit[] = [],
): Promise<ClientTokenResponse | null> {
  const now = platform.now();
  const access = randomToken();
  const expiresAt = later(now, platform.config.tokens.accessTokenTtlSeconds);
  const grantId = await platform.stores.grants.createClientToken(
    {
      clientId: client.clientId,
      secretHash: client.secretHash,
      accessTokenHash: hashSecret(platform.config.serverSecret, HASH.accessToken, access),
      accessExpiresAt: expiresAt,
      counters,
    },
    now,
  );
  return grantId === null ? null : accessPart(access, expiresAt, now);
}

export interface UserGrantRequest {
  client: ClientRecord;
  userId: number;
  grantType: string;
  profileIds: number[];
  /** The id the grant must have (an authorization code names it before the grant exists). */
  grantId?: string;
}

/**
 * When a new grant's refresh token expires (contract §5). A client's own lifetime, else the platform's
 * 20 years; a public client's is bounded (RFC 9700 §4.14.2, contract §5 "Rotation"): `absolute` from now,
 * and the token itself expires after `idle` unused, each refresh renewing it up to `absolute`. A confidential
 * client's token has an idle lifetime too when the operator sets one (`refreshTokenIdleSeconds`; Wise: none).
 */
export function refreshLifetime(
  platform: Platform,
  client: ClientRecord,
  now: Date,
): { refreshExpiresAt: Date; refreshAbsoluteExpiresAt: Date | null } {
  const { tokens } = platform.config;
  if (!client.isPublic) {
    const lifetime = later(now, client.refreshTokenTtlSeconds ?? tokens.refreshTokenTtlSeconds);
    if (tokens.refreshTokenIdleSeconds === 0)
      return { refreshExpiresAt: lifetime, refreshAbsoluteExpiresAt: null };
    return {
      refreshExpiresAt: renewedIdle(platform, client, lifetime, now),
      refreshAbsoluteExpiresAt: lifetime,
    };
  }
  const absolute = later(
    now,
    Math.min(client.refreshTokenTtlSeconds ?? Number.POSITIVE_INFINITY, tokens.publicRefreshTokenTtlSeconds),
  );
  return {
    refreshExpiresAt: renewedIdle(platform, client, absolute, now),
    refreshAbsoluteExpiresAt: absolute,
  };
}

/**
 * A refresh token's expiry after a refresh of a grant with an absolute end: `idle` from now (the client's
 * kind decides which), never past that end. With no idle lifetime (turned off since), the end itself.
 */
export function renewedIdle(platform: Platform, client: ClientRecord, absolute: Date, now: Date): Date {
  const { tokens } = platform.config;
  const seconds = client.isPublic ? tokens.publicRefreshTokenIdleSeconds : tokens.refreshTokenIdleSeconds;
  if (seconds === 0) return absolute;
  const idle = later(now, seconds);
  return idle.getTime() < absolute.getTime() ? idle : absolute;
}

/**
 * A new user grant's tokens, not yet stored: their keyed hashes and lifetimes for the write, and the body that
 * answers them once it is written (issue 14: a code exchange writes them in the statement that consumes it).
 */
export function newUserTokens(platform: Platform, client: ClientRecord, now: Date) {
  const { serverSecret, tokens } = platform.config;
  const access = randomToken();
  const refresh = randomToken();
  const accessExpiresAt = later(now, tokens.accessTokenTtlSeconds);
  const { refreshExpiresAt, refreshAbsoluteExpiresAt } = refreshLifetime(platform, client, now);
  return {
    accessTokenHash: hashSecret(serverSecret, HASH.accessToken, access),
    accessExpiresAt,
    refreshTokenHash: hashSecret(serverSecret, HASH.refreshToken, refresh),
    refreshExpiresAt,
    refreshAbsoluteExpiresAt,
    body: userTokenBody(access, accessExpiresAt, refresh, refreshExpiresAt, now),
  };
}

/** A new grant for a user: an access token and a refresh token. Returns the body and the grant id. */
export async function issueUserTokens(
  platform: Platform,
  request: UserGrantRequest,
): Promise<{ body: UserTokenResponse; grantId: string }> {
  const now = platform.now();
  const { body, ...written } = newUserTokens(platform, request.client, now);
  const grantId = await platform.stores.grants.create(
    {
      ...(request.grantId !== undefined ? { id: request.grantId } : {}),
      clientId: request.client.clientId,
      userId: request.userId,
      grantType: request.grantType,
      profileIds: request.profileIds,
      ...written,
    },
    now,
  );
  return { body, grantId };
}

/**
 * The tokens of refresh number `generation` of a grant, presented `refresh` (contract §5 "Duplicates"):
 * keyed hashes (HMAC-SHA-256 under the server secret) of the presented token, the grant and the number, in
 * the format of `randomToken()` (32 bytes, base64url). Unpredictable to anyone without both the server
 * secret and the refresh token, and the same every time for the same three: a repeat of one refresh within
 * the grace window answers the very tokens the first one did, and nothing recoverable is stored.
 */
export function refreshTokensOf(
  serverSecret: Buffer,
  grantId: string,
  generation: number,
  refresh: string,
): { access: string; refresh: string } {
  const of = (part: string) =>
    hashSecret(serverSecret, HASH.refreshIssue, `${grantId}\0${generation}\0${part}\0${refresh}`);
  // The refresh token on demand (issue 14): a refresh that keeps the presented token never needs it.
  return {
    access: of('access'),
    get refresh() {
      return of('refresh');
    },
  };
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
