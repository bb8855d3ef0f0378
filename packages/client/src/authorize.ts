/**
 * The browser side of the authorization-code flow (contract §4): the authorize URL to open in the system
 * browser, and the parsing and checking of the callback the platform redirects to.
 *
 * Wise docs: https://docs.wise.com/guides/developer/auth-and-security/user-access-token
 * (seed: "Your app redirects user to Wise authorization page", "we forward them to your redirect_url").
 *
 * @module
 */
import { base64url, randomBytes, timingSafeEqual } from './encoding.js';
import { WiseCallbackError } from './link-errors.js';
import type { ProfileId } from './profiles.js';

/**
 * Parameters of the authorize URL (contract §4; `claimAccountCode` §7).
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 * @see https://docs.wise.com/api-docs/guides/customer-prefilled-account-wise-kyc/claim-account
 */
export interface AuthorizeUrlParams {
  /** One of the client's pre-registered redirect URIs, byte for byte, query string included. */
  readonly redirectUri: string;
  /** Unguessable, single use, bound to the customer's session: see {@link generateState} (contract §10.3). */
  readonly state: string;
  /** PKCE S256 challenge (see `generatePkce`); `code_challenge_method=S256` is added with it. */
  readonly codeChallenge?: string | undefined;
  /** From `createClaimAccountCode`, for an API-created user who takes over the account (contract §7). */
  readonly claimAccountCode?: string | undefined;
  /**
   * `showCode`: the code is shown to the person instead of a redirect, for pure API use (contract §4, Wise's
   * multi-currency-account guide); exchange it with `exchangeCode` and the same `redirectUri`.
   * @see https://github.com/transferwise/public-api-postman-collection/blob/master/multi-currency-account/README.md
   */
  readonly forwardingMode?: 'showCode' | undefined;
}

/**
 * The URL to open in the person's system browser (contract §4; never an embedded WebView: §10.3), with
 * `client_id`, `redirect_uri`, `state` and the optional `code_challenge` (+ `code_challenge_method=S256`),
 * `claim_account_code` (§7) and `forwardingMode` (§4). No request is made.
 *
 * @throws TypeError when `state` is empty.
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 * @see https://docs.wise.com/api-docs/guides/customer-prefilled-account-wise-kyc/claim-account
 */
export function buildAuthorizeUrl(
  authorizeEndpoint: string,
  clientId: string,
  params: AuthorizeUrlParams,
): string {
  if (params.state === '') throw new TypeError('state must not be empty');
  const url = new URL(authorizeEndpoint);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('state', params.state);
  if (params.codeChallenge !== undefined) {
    url.searchParams.set('code_challenge', params.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  if (params.claimAccountCode !== undefined)
    url.searchParams.set('claim_account_code', params.claimAccountCode);
  if (params.forwardingMode !== undefined) url.searchParams.set('forwardingMode', params.forwardingMode);
  return url.toString();
}

/**
 * Options of {@link parseCallback} (contract §4 "Callback", §10.3).
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export interface ParseCallbackOptions {
  /** The `state` this session sent; the callback must carry exactly this value. */
  readonly expectedState: string;
  /**
   * The authorization server's issuer. When given and the callback has `iss` (RFC 9207; the platform
   * sends it, Wise does not), they must be equal.
   */
  readonly expectedIssuer?: string | undefined;
}

/**
 * A successful callback (contract §4 "Callback"): what the exchange and the profile check need.
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export interface AuthorizedCallback {
  readonly kind: 'authorized';
  /** The authorization code: single use, valid 30 minutes (contract §4). */
  readonly code: string;
  /** The one profile the person granted access to. */
  readonly profileId: ProfileId;
  readonly state: string;
  /** RFC 9207 issuer, when the server sent one. */
  readonly iss: string | undefined;
}

/**
 * A callback that must not be exchanged (contract §4, §10.3, §10.4); `error` says why, and carries
 * `error_description` to show the person.
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export interface RejectedCallback {
  readonly kind: 'rejected';
  readonly error: WiseCallbackError;
}

/**
 * What {@link parseCallback} returns (contract §4 "Callback").
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export type CallbackResult = AuthorizedCallback | RejectedCallback;

/**
 * Parses and checks the redirect callback (contract §4 "Callback", §10.3, §10.4). Never throws for a bad
 * callback: it returns `{kind: 'rejected', error}` with a {@link WiseCallbackError}.
 *
 * The state is checked first, in constant time, for error callbacks too: an `error=` callback with a
 * foreign state may be forged. Then `iss`, then `error`/`error_description`, then exactly one `code` and
 * one integer `profileId`. Accepts the full callback URL (any scheme, e.g. a `bank://` deep link), a
 * path with query (`req.url` of a Node server), or the parsed query.
 *
 * @throws TypeError when `options.expectedState` is empty.
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export function parseCallback(
  callback: string | URL | URLSearchParams,
  options: ParseCallbackOptions,
): CallbackResult {
  if (options.expectedState === '') throw new TypeError('expectedState must not be empty');
  const params = toParams(callback);
  const reject = (...args: ConstructorParameters<typeof WiseCallbackError>): RejectedCallback => ({
    kind: 'rejected',
    error: new WiseCallbackError(...args),
  });

  const states = params.getAll('state');
  if (states.length === 0 || states[0] === '') {
    return reject('missing_state', 'the callback has no state: it does not answer a request of this session');
  }
  if (states.length > 1) return reject('invalid_callback', 'the callback has more than one state');
  const state = states[0] as string;
  if (!timingSafeEqual(state, options.expectedState)) {
    return reject('state_mismatch', 'the callback state does not match this session');
  }

  const issuers = params.getAll('iss');
  if (issuers.length > 1) return reject('invalid_callback', 'the callback has more than one iss');
  const iss = issuers[0];
  if (iss !== undefined && options.expectedIssuer !== undefined && iss !== options.expectedIssuer) {
    return reject(
      'issuer_mismatch',
      `the callback comes from issuer "${iss}", not "${options.expectedIssuer}"`,
    );
  }

  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description') ?? undefined;
    return reject(
      'authorization_error',
      `authorization failed: ${error}${description ? ` (${description})` : ''}`,
      error,
      description,
    );
  }

  const codes = params.getAll('code');
  if (codes.length !== 1 || codes[0] === '') {
    return reject('invalid_callback', 'the callback must have exactly one code');
  }
  const profileIds = params.getAll('profileId');
  const profileId =
    profileIds.length === 1 && /^\d{1,15}$/.test(profileIds[0] as string) ? Number(profileIds[0]) : NaN;
  if (!Number.isSafeInteger(profileId)) {
    return reject('invalid_callback', 'the callback must have exactly one integer profileId');
  }
  return { kind: 'authorized', code: codes[0] as string, profileId, state, iss };
}

/**
 * A `state` value (contract §4, §10.3): 32 bytes from the runtime's CSPRNG, base64url. Bind it to the
 * customer's session, use it once, and let it expire.
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export function generateState(): string {
  return base64url(randomBytes(32));
}

function toParams(callback: string | URL | URLSearchParams): URLSearchParams {
  if (callback instanceof URLSearchParams) return callback;
  if (callback instanceof URL) return callback.searchParams;
  // A relative `req.url` needs a base only to be parsed; the base is never used.
  return new URL(callback, 'http://callback.invalid').searchParams;
}
