/**
 * The errors of linking a customer rather than of one HTTP call: a rejected redirect callback (contract §4,
 * §10.3, §10.4) and a customer who must link again (§10.8).
 *
 * @module
 */
import { WiseError } from './errors.js';

/**
 * Why a redirect callback was rejected by `parseCallback` (contract §4 "Callback", §10.3, §10.4).
 * - `authorization_error`: the callback has `error=` (the person declined, or the request was bad).
 * - `missing_state` / `state_mismatch`: the callback is not the answer to this session's request.
 * - `issuer_mismatch`: `iss` (RFC 9207) names another authorization server.
 * - `invalid_callback`: `state`, `iss`, `code` or `profileId` is missing, repeated or malformed.
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export type CallbackErrorReason =
  | 'authorization_error'
  | 'missing_state'
  | 'state_mismatch'
  | 'issuer_mismatch'
  | 'invalid_callback';

/**
 * A redirect callback that must not be exchanged for tokens (contract §4 "Callback", §10.3, §10.4).
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export class WiseCallbackError extends WiseError {
  override readonly name = 'WiseCallbackError';
  readonly kind = 'callback' as const;
  readonly reason: CallbackErrorReason;
  /** The `error` parameter (`access_denied`, `invalid_request`, `server_error`, …) for `authorization_error`. */
  readonly error: string | undefined;
  /** The `error_description` parameter, to show the person what happened (contract §10.4). */
  readonly errorDescription: string | undefined;

  constructor(reason: CallbackErrorReason, message: string, error?: string, errorDescription?: string) {
    super(message);
    this.reason = reason;
    this.error = error;
    this.errorDescription = errorDescription;
  }
}

/**
 * Why a customer must link their account again (contract §10.8).
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/refreshing-access
 */
export type RelinkReason =
  /** Nothing is stored for the customer, and no registration code is available. */
  | 'no_tokens'
  /**
   * The refresh token was rejected (`invalid_grant`) or is past its expiry, and no registration code is
   * available.
   */
  | 'refresh_rejected'
  /** The registration code was rejected too: the person reclaimed the account (contract §7). */
  | 'registration_code_rejected';

/**
 * The partner holds no usable grant for this customer any more: send them through linking again
 * (contract §4, §10.8). Thrown by the token manager, which has deleted the stored tokens.
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/refreshing-access
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export class RelinkRequiredError extends WiseError {
  override readonly name = 'RelinkRequiredError';
  readonly kind = 'relink_required' as const;
  /** The partner's key of the customer. */
  readonly customerKey: string;
  readonly reason: RelinkReason;

  constructor(customerKey: string, reason: RelinkReason, options?: { cause?: unknown }) {
    super(`customer must link their Wise account again (${reason})`, options);
    this.customerKey = customerKey;
    this.reason = reason;
  }
}
