/**
 * Narrow type guards to branch on the errors the client throws (contract "Error bodies": callers key on
 * HTTP status + OAuth `error` or validation `code` (+ `path`), never on messages).
 *
 * @module
 */
import {
  type OAuthErrorCode,
  type ValidationErrorEntry,
  WiseApiError,
  WiseError,
  WiseNetworkError,
  WiseTimeoutError,
} from './errors.js';
import { type CallbackErrorReason, RelinkRequiredError, WiseCallbackError } from './link-errors.js';

/**
 * True for any error thrown by this package (contract §1–§9).
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export function isWiseError(e: unknown): e is WiseError {
  return e instanceof WiseError;
}

/**
 * True for a non-2xx response, optionally with the given HTTP status (any call of contract §1–§9).
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export function isWiseApiError<S extends number>(
  e: unknown,
  status?: S,
): e is WiseApiError & { readonly status: S } {
  return e instanceof WiseApiError && (status === undefined || e.status === status);
}

/**
 * True for an OAuth-family error body, optionally with the given code (contract §3–§5, "Error bodies"). The
 * status is not checked, since the contract allows more than one (e.g. `invalid_grant` on the
 * registration-code grant is 401, or 400 as a compat setting, §3).
 *
 * @example if (isOAuthError(e, 'invalid_grant')) { ...regenerate or relink... }
 * @see https://docs.wise.com/api-reference/oauth-token/oauthtokencreate
 */
export function isOAuthError<C extends OAuthErrorCode>(
  e: unknown,
  code?: C,
): e is WiseApiError & { readonly error: C } {
  return e instanceof WiseApiError && e.error !== undefined && (code === undefined || e.error === code);
}

/**
 * True for a validation-family error body (contract §2, §8, "Error bodies"); with `code` (and `path`),
 * only when an entry matches both.
 *
 * @example isValidationError(e, 'NOT_UNIQUE', 'email')
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export function isValidationError(
  e: unknown,
  code?: string,
  path?: string,
): e is WiseApiError & { readonly errors: readonly [ValidationErrorEntry, ...ValidationErrorEntry[]] } {
  if (!(e instanceof WiseApiError) || e.errors.length === 0) return false;
  return e.errors.some(
    (x) => (code === undefined || x.code === code) && (path === undefined || x.path === path),
  );
}

/**
 * True for a 429 response (any call of contract §1–§9; "Error bodies": 429 with `Retry-After`);
 * `retryAfterMs` says how long the server asked to wait.
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export function isRateLimited(e: unknown): e is WiseApiError & { readonly status: 429 } {
  return e instanceof WiseApiError && e.status === 429;
}

/**
 * True when the request got no response at all (any call of contract §1–§9).
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export function isNetworkError(e: unknown): e is WiseNetworkError {
  return e instanceof WiseNetworkError;
}

/**
 * True when the request exceeded its time limit (any call of contract §1–§9).
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export function isTimeoutError(e: unknown): e is WiseTimeoutError {
  return e instanceof WiseTimeoutError;
}

/**
 * True for a rejected redirect callback, optionally for one reason (contract §4, §10.3, §10.4).
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export function isCallbackError<R extends CallbackErrorReason>(
  e: unknown,
  reason?: R,
): e is WiseCallbackError & { readonly reason: R } {
  return e instanceof WiseCallbackError && (reason === undefined || e.reason === reason);
}

/**
 * True when the customer must link again (contract §10.8).
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/refreshing-access
 */
export function isRelinkRequired(e: unknown): e is RelinkRequiredError {
  return e instanceof RelinkRequiredError;
}
