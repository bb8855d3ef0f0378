/**
 * What {@link createClient} takes and returns: `ClientOptions` and the `WiseClient` interface, one member per
 * call of the contract (§1–§9).
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
import type { AuthorizationServerMetadata } from './discovery.js';
import type { Endpoints, Environment } from './environments.js';
import type { FetchLike, RequestOptions, RetryOptions, Sleep } from './http.js';
import type { ClientToken, ExchangeCodeInput, RegistrationCredentials, UserTokens } from './oauth.js';
import type { ProfileClient } from './profile-client.js';
import type {
  CreatedPersonalProfile,
  CreatePersonalProfileInput,
  CreatePersonalProfileOptions,
} from './profile-write-types.js';
import type { LegacyProfile, Profile, ProfileId } from './profiles.js';
import type { WebhookSubscriptions } from './subscriptions.js';
import type { TokenInput, TokenIntrospection } from './token-revocation.js';
import type { CreateUserInput, CreateUserResult, WiseUser } from './users.js';
import type { VerificationDocumentInput, VerificationDocumentResult } from './verification-documents.js';

/**
 * Options of {@link createClient}: the partner's credentials (HTTP Basic on the token endpoint, contract
 * §1) and the environment (contract "Hosts": production, sandbox, or the platform).
 * @see https://docs.wise.com/guides/developer/auth-and-security/oauth-2-setup
 */
export interface ClientOptions {
  /** `'production'`, `'sandbox'`, `'local'` (the platform on localhost:4000) or explicit URLs. */
  readonly environment: Environment;
  /** The partner's client id. */
  readonly clientId: string;
  /** The partner's client secret. Keep it out of logs and source control. */
  readonly clientSecret: string;
  /** The `fetch` to use; the runtime's global `fetch` by default. */
  readonly fetch?: FetchLike | undefined;
  /** Per-attempt time limit in milliseconds (default 30 000). */
  readonly timeoutMs?: number | undefined;
  /** Retries of idempotent calls: a count, or the full policy (default: 2 retries, see `DEFAULT_RETRY`). */
  readonly retries?: number | RetryOptions | undefined;
  /**
   * How long before expiry the cached client-credentials token is renewed (default 5 minutes; at most
   * half the token's lifetime).
   */
  readonly clientTokenRefreshAheadMs?: number | undefined;
  /** The clock, epoch milliseconds (default `Date.now`). For tests. */
  readonly now?: (() => number) | undefined;
  /** Waits between retries (default: `setTimeout`). For tests. */
  readonly sleep?: Sleep | undefined;
  /** Jitter source, uniform in [0, 1) (default `Math.random`). For tests. */
  readonly random?: (() => number) | undefined;
}

/**
 * The typed client: every call of contract §1–§9. Calls that act for a user take that user's access token
 * as their first argument; calls that act for the partner use the client-credentials token, which the
 * client obtains and caches itself. Every call that sends a request accepts {@link RequestOptions}
 * (`signal`, `timeoutMs`) last.
 * @see https://docs.wise.com/api-docs/guides/customer-account-partner-kyc/accessing-customer-accounts
 */
export interface WiseClient extends ProfileClient {
  /**
   * The partner's client id (contract §1; sent as `client_id` in §3, §4).
   * @see https://docs.wise.com/guides/developer/auth-and-security/oauth-2-setup
   */
  readonly clientId: string;
  /**
   * The resolved API base and authorize page URLs (contract §4 and "Hosts").
   * @see https://docs.wise.com/api-docs/guides/customer-account-partner-kyc/accessing-customer-accounts
   */
  readonly endpoints: Endpoints;

  /**
   * The client-credentials token (contract §1), cached until shortly before it expires; concurrent
   * callers share one request, which is retried like any idempotent call. Rarely needed directly: the
   * calls that need it fetch it themselves.
   * @see https://docs.wise.com/guides/developer/auth-and-security/client-credentials-token
   * @see https://docs.wise.com/api-reference/oauth-token/oauthtokencreate
   */
  clientCredentialsToken(
    options?: RequestOptions & { readonly forceRefresh?: boolean },
  ): Promise<ClientToken>;

  /**
   * Creates a user with a registration code (contract §2). Returns `{kind: 'created', user}` (200 or 201)
   * or, on 409 (the email already has an account), `{kind: 'conflict', ...}`: link that person instead
   * (§4, §6, §10.2). Not retried (a lost 200 would come back as a 409); other failures throw
   * {@link WiseApiError}.
   * @see https://docs.wise.com/api-reference/user/usercreate
   * @see https://docs.wise.com/guides/developer/errors/users
   */
  createUser(input: CreateUserInput, options?: RequestOptions): Promise<CreateUserResult>;

  /**
   * Whether a user with this email exists (`POST /v1/users/exists`, client-credentials token, contract
   * §2). Retried like a read.
   * @see https://docs.wise.com/api-reference/user/usercheckexists
   */
  userExists(email: string, options?: RequestOptions): Promise<boolean>;

  /**
   * User tokens for an API-created user from its registration code (contract §3); repeatable until the
   * person reclaims the account (§7). Fails with `invalid_grant` (401, or 400) otherwise. Not retried.
   * @see https://docs.wise.com/api-docs/api-reference/user-tokens
   * @see https://docs.wise.com/api-reference/oauth-token/oauthtokencreate
   */
  tokensFromRegistrationCode(
    credentials: RegistrationCredentials,
    options?: RequestOptions,
  ): Promise<UserTokens>;

  /**
   * The authorize page URL to open in the system browser (contract §4, §7 `claim_account_code`, §10.3);
   * see {@link buildAuthorizeUrl}. No request is made.
   * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
   * @see https://docs.wise.com/api-docs/guides/customer-prefilled-account-wise-kyc/claim-account
   */
  authorizeUrl(params: AuthorizeUrlParams): string;

  /**
   * Parses and checks the redirect callback (contract §4, §10.3, §10.4); see {@link parseCallback}.
   * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
   */
  parseCallback(callback: string | URL | URLSearchParams, options: ParseCallbackOptions): CallbackResult;

  /**
   * Exchanges an authorization code, from the callback or typed in from the email (contract §4, §6).
   * Single use, so never retried; an expired, replayed or foreign code is 400 `invalid_grant`.
   * @see https://docs.wise.com/api-reference/oauth-token/oauthtokencreate
   * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
   */
  exchangeCode(input: ExchangeCodeInput, options?: RequestOptions): Promise<UserTokens>;

  /**
   * Refreshes user tokens (contract §5). The new access token invalidates the previous one at once, so
   * this is never retried: use one central store and one refresher per user (`createTokenManager`).
   * @see https://docs.wise.com/guides/product/kyc/partner-kyc/refreshing-access
   * @see https://docs.wise.com/api-reference/oauth-token/oauthtokencreate
   */
  refresh(refreshToken: string, options?: RequestOptions): Promise<UserTokens>;

  /**
   * Revokes a token at `POST /oauth/revoke` (RFC 7009; the platform's, Wise documents none). A refresh
   * token revokes the whole grant, an access token itself alone; an unknown or already revoked token
   * resolves too (§2.2). Retried like a read: a second revocation changes nothing. (contract §12)
   * @see https://docs.wise.com/guides/product/kyc/partner-kyc/refreshing-access
   * @see https://www.rfc-editor.org/rfc/rfc7009#section-2
   */
  revokeToken(input: TokenInput, options?: RequestOptions): Promise<void>;

  /**
   * Whether a token is active and what it stands for, at `POST /oauth/introspect` (RFC 7662; the
   * platform's). Another client's token is `active: false`, like an unknown one. (contract §12)
   * @see https://www.rfc-editor.org/rfc/rfc7662#section-2
   */
  introspectToken(input: TokenInput, options?: RequestOptions): Promise<TokenIntrospection>;

  /**
   * The authorization server metadata of `issuer` (RFC 8414 §3), checked to name that issuer (§3.3), on
   * this client's fetch, clock and retry policy. The platform serves it; Wise publishes none for this API.
   * (contract §12)
   * @see https://www.rfc-editor.org/rfc/rfc8414#section-3
   */
  discover(issuer: string, options?: RequestOptions): Promise<AuthorizationServerMetadata>;

  /**
   * The user of the token (`GET /v1/me`, contract §8); `details` is `null` until a personal profile
   * exists.
   * @see https://docs.wise.com/api-docs/api-reference/user
   */
  me(accessToken: string, options?: RequestOptions): Promise<WiseUser>;

  /**
   * The profiles the token was granted (`GET /v2/profiles`, contract §8).
   * @see https://docs.wise.com/api-reference/profile/profilelist
   */
  listProfiles(accessToken: string, options?: RequestOptions): Promise<Profile[]>;

  /**
   * One granted profile (`GET /v2/profiles/{id}`, contract §8).
   * @see https://docs.wise.com/api-docs/api-reference/profile
   */
  getProfile(accessToken: string, profileId: ProfileId | string, options?: RequestOptions): Promise<Profile>;

  /**
   * The legacy profile list (`GET /v1/profiles`, contract §8): lower-case `type`, fields under `details`.
   * @see https://docs.wise.com/api-reference/profile
   */
  listLegacyProfiles(accessToken: string, options?: RequestOptions): Promise<LegacyProfile[]>;

  /**
   * Creates the personal profile of a new user (`POST /v2/profiles/personal-profile`, contract §8,
   * §10.7) with an `X-idempotence-uuid` (given, or a random UUID), so the call is retried safely. Answers
   * Wise's documented body `{id, type: "personal", details}`, not the `GET /v2/profiles` object.
   * @see https://docs.wise.com/api-reference/profile
   * @see https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation
   */
  createPersonalProfile(
    accessToken: string,
    input: CreatePersonalProfileInput,
    options?: CreatePersonalProfileOptions,
  ): Promise<CreatedPersonalProfile>;

  /**
   * Submits a verification document, e.g. a Brazilian CPF as `CPF_CNPJ` (contract §9, §10.7). A
   * rejection by the checker is returned as `{kind: 'rejected', errorMessage}`. Not retried.
   * @see https://docs.wise.com/api-reference/profile/profileverificationdocumentcreate
   * @see https://docs.wise.com/api-docs/guides/customer-account-partner-kyc/accessing-customer-accounts
   */
  createVerificationDocument(
    accessToken: string,
    profileId: ProfileId | string,
    document: VerificationDocumentInput,
    options?: RequestOptions,
  ): Promise<VerificationDocumentResult>;

  /**
   * A 5-minute claim-account code for an API-created user (`POST /v1/user/claim-account`, contract §7),
   * to pass as `claimAccountCode` to {@link WiseClient.authorizeUrl}. Not retried.
   * @see https://docs.wise.com/api-reference/claim-account/claimaccountcreate
   * @see https://docs.wise.com/api-docs/guides/customer-prefilled-account-wise-kyc/claim-account
   */
  createClaimAccountCode(
    accessToken: string,
    registrationCode: string,
    options?: RequestOptions,
  ): Promise<string>;

  /**
   * The terms page to link to during signup (contract §7, §10.9). On Wise (production, sandbox) Wise's
   * public terms page, as Wise asks for "a link to our website" and documents no terms endpoint any more;
   * on the platform (`local`, other hosts) its `GET /v1/terms/{clientId}`, `'default'` for the general
   * terms. No request is made.
   * @see https://docs.wise.com/guides/product/kyc/partner-kyc/accessing-accounts
   */
  termsUrl(termsId?: string): string;

  /**
   * Fetches the terms as HTML (`GET /v1/terms/{clientId}`, no authentication, contract §7).
   * @see https://docs.wise.com/api-docs/guides/customer-account-partner-kyc/accessing-customer-accounts
   */
  fetchTerms(termsId?: string, options?: RequestOptions): Promise<string>;

  /**
   * Webhook subscriptions (contract §11): `application` (client-credentials token: create, list, get,
   * delete, test notifications) and `profile` (a user token: create, list, get, delete).
   * @see https://docs.wise.com/api-reference/webhook
   */
  readonly subscriptions: WebhookSubscriptions;
}
