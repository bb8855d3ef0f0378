/**
 * The token endpoint (`POST {apiUrl}/oauth/token`) for the four grants of the contract (the cached
 * client-credentials token built on it: `client-token.ts`).
 *
 * Every call authenticates the client with HTTP Basic (RFC 6749 §2.3.1, id and secret form-urlencoded
 * first) and sends an `application/x-www-form-urlencoded` body. Only the client-credentials grant is
 * retried: the registration-code, authorization-code and refresh grants change server state (a code is
 * single use; a refresh invalidates the previous access token, contract §5), so a retry after a lost
 * response could fail or revoke what the first attempt issued.
 *
 * Wise docs: https://docs.wise.com/guides/developer/auth-and-security/client-credentials-token,
 * https://docs.wise.com/guides/developer/auth-and-security/user-access-token,
 * https://docs.wise.com/guides/developer/auth-and-security/refresh-tokens
 *
 * @module
 */
import type { ClientContext } from './context.js';
import { basicAuthorization } from './encoding.js';
import { WiseResponseError } from './errors.js';
import { type HttpResponse, type RequestOptions, readJson } from './http.js';
import { isRecord } from './json.js';

/**
 * A client-credentials token (contract §1): for partner-level calls such as creating users (§2).
 * @see https://docs.wise.com/guides/developer/auth-and-security/client-credentials-token
 * @see https://docs.wise.com/api-reference/oauth-token/oauthtokencreate
 */
export interface ClientToken {
  readonly accessToken: string;
  /** `bearer`. */
  readonly tokenType: string;
  /** When the token expires, in epoch ms: from `expires_in` on the client's clock, else `expires_at`. */
  readonly expiresAt: number;
  readonly scope: string | undefined;
}

/**
 * A user's tokens (contract §5), in a JSON-serialisable shape for a {@link TokenStore}. Times are epoch
 * milliseconds computed from `expires_in` / `refresh_token_expires_in` on the client's clock (which avoids
 * trusting the two clocks to agree), or else read from `expires_at` / `refresh_token_expires_at`.
 * @see https://docs.wise.com/api-reference/oauth-token/oauthtokencreate
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/refreshing-access
 */
export interface UserTokens {
  readonly accessToken: string;
  /** `bearer`. */
  readonly tokenType: string;
  readonly refreshToken: string;
  /** When the access token expires (12 h after issue on Wise). */
  readonly expiresAt: number;
  /** When the refresh token expires (20 years on Wise), if the server said. */
  readonly refreshTokenExpiresAt: number | undefined;
  readonly scope: string | undefined;
}

/**
 * Input of the registration-code grant (contract §3).
 * @see https://docs.wise.com/api-docs/api-reference/user-tokens
 */
export interface RegistrationCredentials {
  /** The email the user was created with. */
  readonly email: string;
  /** The partner-chosen registration code (≥ 32 characters) stored, encrypted, at signup. */
  readonly registrationCode: string;
}

/**
 * Input of the authorization-code grant, for both the redirect flow (contract §4) and the emailed code (§6).
 * @see https://docs.wise.com/api-reference/oauth-token/oauthtokencreate
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export interface ExchangeCodeInput {
  /** The `code` of the callback, or the code the person typed in (emailed-code flow). */
  readonly code: string;
  /**
   * The exact `redirect_uri` of the authorize request (redirect flow). May be omitted for an emailed
   * code (contract §6).
   */
  readonly redirectUri?: string | undefined;
  /** The PKCE `code_verifier`, when the authorize request carried a `code_challenge`. */
  readonly codeVerifier?: string | undefined;
}

const TOKEN_PATH = '/oauth/token';

/**
 * `grant_type=client_credentials` (contract §1). Uncached; prefer the client's cached
 * `clientCredentialsToken()`.
 */
export async function requestClientCredentialsToken(
  ctx: ClientContext,
  options?: RequestOptions,
): Promise<ClientToken> {
  const { json, response } = await tokenRequest(ctx, { grant_type: 'client_credentials' }, true, options);
  return {
    accessToken: json.access_token,
    tokenType: stringOr(json['token_type'], 'bearer'),
    expiresAt: requireExpiry(json, 'expires_in', 'expires_at', ctx.now(), response),
    scope: optionalString(json['scope']),
  };
}

/**
 * `grant_type=registration_code` (contract §3): the user tokens of a user this partner created.
 * Repeatable, to regenerate tokens, until the person reclaims the account. A wrong code or email, a
 * foreign user or a reclaimed account is `invalid_grant` (status 401, or 400: both accepted).
 */
export async function tokensFromRegistrationCode(
  ctx: ClientContext,
  credentials: RegistrationCredentials,
  options?: RequestOptions,
): Promise<UserTokens> {
  const form = {
    grant_type: 'registration_code',
    client_id: ctx.clientId,
    email: credentials.email,
    registration_code: credentials.registrationCode,
  };
  const { json, response } = await tokenRequest(ctx, form, false, options);
  return userTokens(json, undefined, ctx.now(), response);
}

/**
 * `grant_type=authorization_code` (contract §4, §6): exchanges a callback code or an emailed code.
 * Single use, valid 30 minutes; an expired, replayed or foreign code is 400 `invalid_grant`.
 */
export async function exchangeCode(
  ctx: ClientContext,
  input: ExchangeCodeInput,
  options?: RequestOptions,
): Promise<UserTokens> {
  const form = {
    grant_type: 'authorization_code',
    client_id: ctx.clientId,
    code: input.code,
    redirect_uri: input.redirectUri,
    code_verifier: input.codeVerifier,
  };
  const { json, response } = await tokenRequest(ctx, form, false, options);
  return userTokens(json, undefined, ctx.now(), response);
}

/**
 * `grant_type=refresh_token` (contract §5). The server returns the refresh token unchanged by default, or
 * a new one when rotation is on; either way the result holds the one to keep. Issuing the new access
 * token invalidates the previous one at once, so keep one central store and one refresher per user
 * (see `createTokenManager`).
 */
export async function refreshTokens(
  ctx: ClientContext,
  refreshToken: string,
  options?: RequestOptions,
): Promise<UserTokens> {
  const form = { grant_type: 'refresh_token', refresh_token: refreshToken };
  const { json, response } = await tokenRequest(ctx, form, false, options);
  return userTokens(json, refreshToken, ctx.now(), response);
}

// ---- helpers -----------------------------------------------------------------------------------------

type TokenJson = Record<string, unknown> & { access_token: string };

async function tokenRequest(
  ctx: ClientContext,
  form: Record<string, string | undefined>,
  idempotent: boolean,
  options: RequestOptions | undefined,
): Promise<{ json: TokenJson; response: HttpResponse }> {
  const response = await ctx.http.send({
    method: 'POST',
    path: TOKEN_PATH,
    headers: { authorization: basicAuthorization(ctx.clientId, ctx.clientSecret) },
    form,
    idempotent,
    signal: options?.signal,
    timeoutMs: options?.timeoutMs,
  });
  const json = readJson(response);
  if (!isRecord(json) || typeof json['access_token'] !== 'string' || json['access_token'] === '') {
    throw new WiseResponseError(response.endpoint, response.status, response.body, 'no access_token');
  }
  return { json: json as TokenJson, response };
}

function userTokens(
  json: TokenJson,
  previousRefreshToken: string | undefined,
  now: number,
  response: HttpResponse,
): UserTokens {
  const refreshToken = optionalString(json['refresh_token']) ?? previousRefreshToken;
  if (refreshToken === undefined) {
    throw new WiseResponseError(response.endpoint, response.status, response.body, 'no refresh_token');
  }
  return {
    accessToken: json.access_token,
    tokenType: stringOr(json['token_type'], 'bearer'),
    refreshToken,
    expiresAt: requireExpiry(json, 'expires_in', 'expires_at', now, response),
    refreshTokenExpiresAt: expiry(json, 'refresh_token_expires_in', 'refresh_token_expires_at', now),
    scope: optionalString(json['scope']),
  };
}

/**
 * An absolute expiry from `…_expires_in` (seconds, preferred: independent of clock skew) or else
 * `…_expires_at` (an ISO date); undefined when neither is usable.
 */
function expiry(
  json: Record<string, unknown>,
  inKey: string,
  atKey: string,
  now: number,
): number | undefined {
  const seconds = json[inKey];
  if (typeof seconds === 'number' && Number.isFinite(seconds)) return now + seconds * 1000;
  const at = json[atKey];
  if (typeof at === 'string' && !Number.isNaN(Date.parse(at))) return Date.parse(at);
  return undefined;
}

function requireExpiry(
  json: Record<string, unknown>,
  inKey: string,
  atKey: string,
  now: number,
  response: HttpResponse,
): number {
  const at = expiry(json, inKey, atKey, now);
  if (at === undefined) {
    throw new WiseResponseError(response.endpoint, response.status, response.body, `no ${inKey}`);
  }
  return at;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
