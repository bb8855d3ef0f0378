/**
 * `createClient`: one object with every call of the contract, bound to one partner client and one
 * environment. All I/O goes through the injected `fetch`, and all time through the injected clock, so the
 * same code runs against real Wise, the sandbox, the local platform, or a fake in tests.
 *
 * @module
 */
import { buildAuthorizeUrl, parseCallback } from './authorize.js';
import { createClientTokenSource } from './client-token.js';
import type { ClientContext } from './context.js';
import { discoverAuthorizationServer } from './discovery.js';
import { resolveEnvironment } from './environments.js';
import {
  createTransport,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  defaultSleep,
  type FetchLike,
  type RetryOptions,
} from './http.js';
import { exchangeCode, refreshTokens, tokensFromRegistrationCode } from './oauth.js';
import { profileCalls } from './profile-calls.js';
import { createPersonalProfile } from './profile-writes.js';
import { getProfile, listLegacyProfiles, listProfiles } from './profiles.js';
import { createSubscriptions } from './subscriptions.js';
import { fetchTerms, termsUrl } from './terms.js';
import { introspectToken, revokeToken } from './token-revocation.js';
import { createClaimAccountCode, createUser, getMe, userExists } from './users.js';
import { createVerificationDocument } from './verification-documents.js';
import type { ClientOptions, WiseClient } from './wise-client.js';

/**
 * Creates a {@link WiseClient} for one partner client and one environment (contract §1–§9 and "Hosts").
 * No request is made until a call needs one.
 *
 * @throws TypeError for a missing `clientId` or `clientSecret`, a non-positive `timeoutMs`, a negative
 *   retry setting, an unknown environment name or a non-http(s) URL.
 *
 * @example
 * const wise = createClient({ environment: 'sandbox', clientId, clientSecret });
 * const result = await wise.createUser({ email, registrationCode: generateRegistrationCode() });
 * @see https://docs.wise.com/api-docs/guides/customer-account-partner-kyc/accessing-customer-accounts
 * @see https://docs.wise.com/guides/developer/auth-and-security/oauth-2-setup
 */
export function createClient(options: ClientOptions): WiseClient {
  if (!options.clientId) throw new TypeError('clientId is required');
  if (!options.clientSecret) throw new TypeError('clientSecret is required');
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0 && Number.isFinite(options.timeoutMs))) {
    throw new TypeError('timeoutMs must be a positive number');
  }
  const endpoints = resolveEnvironment(options.environment);
  const now = options.now ?? Date.now;
  const retry = resolveRetry(options.retries);
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const ctx: ClientContext = {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    endpoints,
    now,
    http: createTransport({
      apiUrl: endpoints.apiUrl,
      fetch: fetchImpl,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry,
      now,
      sleep: options.sleep ?? defaultSleep,
      random: options.random ?? Math.random,
    }),
  };
  const clientTokens = createClientTokenSource(ctx, options.clientTokenRefreshAheadMs ?? 5 * 60_000);

  return {
    clientId: ctx.clientId,
    endpoints,
    clientCredentialsToken: (o) => clientTokens.get(o),
    createUser: (input, o) => createUser(ctx, clientTokens, input, o),
    userExists: (email, o) => userExists(ctx, clientTokens, email, o),
    tokensFromRegistrationCode: (credentials, o) => tokensFromRegistrationCode(ctx, credentials, o),
    authorizeUrl: (params) => buildAuthorizeUrl(endpoints.authorizeUrl, ctx.clientId, params),
    parseCallback: (callback, o) => parseCallback(callback, o),
    exchangeCode: (input, o) => exchangeCode(ctx, input, o),
    refresh: (refreshToken, o) => refreshTokens(ctx, refreshToken, o),
    revokeToken: (input, o) => revokeToken(ctx, input, o),
    introspectToken: (input, o) => introspectToken(ctx, input, o),
    discover: (issuer, o) =>
      discoverAuthorizationServer(issuer, {
        fetch: fetchImpl,
        retry,
        now,
        sleep: options.sleep ?? defaultSleep,
        random: options.random ?? Math.random,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...o,
      }),
    me: (accessToken, o) => getMe(ctx, accessToken, o),
    listProfiles: (accessToken, o) => listProfiles(ctx, accessToken, o),
    getProfile: (accessToken, profileId, o) => getProfile(ctx, accessToken, profileId, o),
    listLegacyProfiles: (accessToken, o) => listLegacyProfiles(ctx, accessToken, o),
    createPersonalProfile: (accessToken, input, o) => createPersonalProfile(ctx, accessToken, input, o),
    createVerificationDocument: (accessToken, profileId, document, o) =>
      createVerificationDocument(ctx, accessToken, profileId, document, o),
    createClaimAccountCode: (accessToken, registrationCode, o) =>
      createClaimAccountCode(ctx, accessToken, registrationCode, o),
    termsUrl: (termsId) => termsUrl(ctx, termsId),
    fetchTerms: (termsId, o) => fetchTerms(ctx, termsId, o),
    ...profileCalls(ctx, clientTokens),
    subscriptions: createSubscriptions(ctx, clientTokens),
  };
}

/** Fills a partial retry policy from the defaults; `undefined` fields keep the default. */
function resolveRetry(retries: number | RetryOptions | undefined): Required<RetryOptions> {
  const given: RetryOptions = typeof retries === 'number' ? { limit: retries } : (retries ?? {});
  const pick = (key: keyof RetryOptions) => {
    const value = given[key];
    if (value === undefined) return DEFAULT_RETRY[key];
    if (!Number.isFinite(value) || value < 0)
      throw new TypeError(`retries.${key} must be a non-negative number`);
    return value;
  };
  return {
    limit: Math.floor(pick('limit')),
    baseDelayMs: pick('baseDelayMs'),
    maxDelayMs: pick('maxDelayMs'),
    maxRetryAfterMs: pick('maxRetryAfterMs'),
  };
}
