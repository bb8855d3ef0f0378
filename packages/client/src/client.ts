/**
 * `createClient`: one object with every call of the contract, bound to one partner client and one
 * environment. All I/O goes through the injected `fetch`, and all time through the injected clock, so the
 * same code runs against real Wise, the sandbox, the local platform, or a fake in tests.
 *
 * @module
 */
import {
  type AuthorizeUrlParams,
  buildAuthorizeUrl,
  type CallbackResult,
  type ParseCallbackOptions,
  parseCallback,
} from './authorize.js';
import type { ClientContext } from './context.js';
import { type Endpoints, type Environment, resolveEnvironment } from './environments.js';
import {
  createTransport,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  defaultSleep,
  type FetchLike,
  type RequestOptions,
  type RetryOptions,
  type Sleep,
} from './http.js';
import {
  type ClientToken,
  createClientTokenSource,
  type ExchangeCodeInput,
  exchangeCode,
  type RegistrationCredentials,
  refreshTokens,
  tokensFromRegistrationCode,
  type UserTokens,
} from './oauth.js';
import {
  type CreatePersonalProfileInput,
  type CreatePersonalProfileOptions,
  createPersonalProfile,
  getProfile,
  type LegacyProfile,
  listLegacyProfiles,
  listProfiles,
  type PersonalProfile,
  type Profile,
  type ProfileId,
} from './profiles.js';
import { fetchTerms, termsUrl } from './terms.js';
import {
  type CreateUserInput,
  type CreateUserResult,
  createClaimAccountCode,
  createUser,
  getMe,
  userExists,
  type WiseUser,
} from './users.js';
import {
  createVerificationDocument,
  type VerificationDocumentInput,
  type VerificationDocumentResult,
} from './verification-documents.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** `'production'`, `'sandbox'`, `'local'` (the platform on localhost:4000) or explicit URLs. */
  readonly environment: Environment;
  /** The partner's client id. */
  readonly clientId: string;
  /** The partner's client secret. Keep it out of logs and source control. */
  readonly clientSecret: string;
  /** The `fetch` to use; the platform's global `fetch` by default. */
  readonly fetch?: FetchLike | undefined;
  /** Per-attempt time limit in milliseconds (default 30 000). */
  readonly timeoutMs?: number | undefined;
  /** Retries of idempotent calls: a count, or the full policy (default: 2 retries, see `DEFAULT_RETRY`). */
  readonly retries?: number | RetryOptions | undefined;
  /** How long before expiry the cached client-credentials token is renewed (default 5 minutes). */
  readonly clientTokenRefreshAheadMs?: number | undefined;
  /** The clock, epoch milliseconds (default `Date.now`). For tests. */
  readonly now?: (() => number) | undefined;
  /** Waits between retries (default: `setTimeout`). For tests. */
  readonly sleep?: Sleep | undefined;
  /** Jitter source, uniform in [0, 1) (default `Math.random`). For tests. */
  readonly random?: (() => number) | undefined;
}

/**
 * The typed client. Calls that act for a user take that user's access token as their first argument;
 * calls that act for the partner use the client-credentials token, which the client obtains and caches
 * itself. Every call accepts {@link RequestOptions} (`signal`, `timeoutMs`) last.
 */
export interface WiseClient {
  /** The partner's client id. */
  readonly clientId: string;
  /** The resolved API base and authorize page URLs. */
  readonly endpoints: Endpoints;

  /**
   * The client-credentials token (contract §1), cached until shortly before it expires; concurrent
   * callers share one request. Rarely needed directly: the calls that need it fetch it themselves.
   */
  clientCredentialsToken(
    options?: RequestOptions & { readonly forceRefresh?: boolean },
  ): Promise<ClientToken>;

  /**
   * Creates a user with a registration code (contract §2). Returns `{kind: 'created', user}` or, when
   * the email already has an account, `{kind: 'conflict', ...}`: link that person instead (§4, §6).
   */
  createUser(input: CreateUserInput, options?: RequestOptions): Promise<CreateUserResult>;

  /** Whether a user with this email exists (contract §2, `POST /v1/users/exists`). */
  userExists(email: string, options?: RequestOptions): Promise<boolean>;

  /**
   * User tokens for an API-created user from its registration code (contract §3); repeatable until the
   * person reclaims the account. Fails with `invalid_grant` (401 or 400) otherwise.
   */
  tokensFromRegistrationCode(
    credentials: RegistrationCredentials,
    options?: RequestOptions,
  ): Promise<UserTokens>;

  /** The authorize page URL to open in the system browser (contract §4). */
  authorizeUrl(params: AuthorizeUrlParams): string;

  /** Parses and checks the redirect callback (contract §4, §10.3, §10.4); see `parseCallback`. */
  parseCallback(callback: string | URL | URLSearchParams, options: ParseCallbackOptions): CallbackResult;

  /** Exchanges an authorization code, from the callback or typed in from the email (contract §4, §6). */
  exchangeCode(input: ExchangeCodeInput, options?: RequestOptions): Promise<UserTokens>;

  /**
   * Refreshes user tokens (contract §5). The new access token invalidates the previous one at once:
   * use one central store and one refresher per user (`createTokenManager`).
   */
  refresh(refreshToken: string, options?: RequestOptions): Promise<UserTokens>;

  /** The user of the token (`GET /v1/me`, contract §8). */
  me(accessToken: string, options?: RequestOptions): Promise<WiseUser>;

  /** The profiles the token was granted (`GET /v2/profiles`, contract §8). */
  listProfiles(accessToken: string, options?: RequestOptions): Promise<Profile[]>;

  /** One granted profile (`GET /v2/profiles/{id}`, contract §8). */
  getProfile(accessToken: string, profileId: ProfileId | string, options?: RequestOptions): Promise<Profile>;

  /** The legacy profile list (`GET /v1/profiles`, contract §8). */
  listLegacyProfiles(accessToken: string, options?: RequestOptions): Promise<LegacyProfile[]>;

  /**
   * Creates the personal profile of a new user (`POST /v2/profiles/personal-profile`, contract §8,
   * §10.7) with an `X-idempotence-uuid` (given, or a random UUID), so the call is retried safely.
   */
  createPersonalProfile(
    accessToken: string,
    input: CreatePersonalProfileInput,
    options?: CreatePersonalProfileOptions,
  ): Promise<PersonalProfile>;

  /**
   * Submits a verification document, e.g. a Brazilian CPF as `CPF_CNPJ` (contract §9, §10.7).
   * A rejection by the checker is returned as `{kind: 'rejected', errorMessage}`.
   */
  createVerificationDocument(
    accessToken: string,
    profileId: ProfileId | string,
    document: VerificationDocumentInput,
    options?: RequestOptions,
  ): Promise<VerificationDocumentResult>;

  /** A 5-minute claim-account code for an API-created user (contract §7). */
  createClaimAccountCode(
    accessToken: string,
    registrationCode: string,
    options?: RequestOptions,
  ): Promise<string>;

  /** The terms URL to link to during signup (contract §7, §10.9); `'default'` for the general terms. */
  termsUrl(termsId?: string): string;

  /** Fetches the terms as HTML (contract §7). */
  fetchTerms(termsId?: string, options?: RequestOptions): Promise<string>;
}

/**
 * Creates a {@link WiseClient}.
 *
 * @example
 * const wise = createClient({ environment: 'sandbox', clientId, clientSecret });
 * const result = await wise.createUser({ email, registrationCode: generateRegistrationCode() });
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
