/**
 * Every error code the platform sends, with the statuses it is sent with and its body family (contract
 * "Error bodies: two families"). `OAuthError` and `FieldError` take their codes from these types only, so a
 * code not listed here does not compile. Codes are never renamed: partners key on them.
 */
interface CodeEntry {
  /** The HTTP statuses this code is sent with; the first is the usual one. */
  readonly status: readonly number[];
  readonly meaning: string;
}

/** `{"error": code, "error_description": text}`: the token endpoint, bearer auth, the redirect back (§4). */
export const OAUTH_CODES = {
  invalid_request: {
    status: [400, 404],
    meaning: 'a parameter is missing, repeated or malformed; 404 for an unknown /oauth route',
  },
  invalid_client: {
    status: [401, 429],
    meaning: 'client authentication failed (contract §1); 429 after too many wrong secrets for one client',
  },
  invalid_grant: {
    status: [400, 401, 429],
    meaning:
      'the code, refresh token or registration code is unusable (§3–§5); 429 after too many failed emailed or registration codes',
  },
  unauthorized_client: { status: [400], meaning: 'this client may not use this grant type' },
  unsupported_grant_type: { status: [400], meaning: 'the token endpoint does not know the grant type' },
  invalid_token: {
    status: [401],
    meaning: 'a missing, unknown, expired or revoked bearer token (RFC 6750 §3.1)',
  },
  insufficient_scope: { status: [403], meaning: 'a valid token of the wrong kind (RFC 6750 §3.1, ours)' },
  /** Only as `error` of the redirect back to the partner (contract §4). */
  access_denied: { status: [302], meaning: 'the person declined (redirect only)' },
  server_error: {
    status: [302, 500],
    meaning: 'something failed on our side; the detail is in the log only',
  },
} as const satisfies Record<string, CodeEntry>;

/** `{"errors": [{code, message, path?, arguments?}]}`: the REST API (contract §2, §7–§9). */
export const VALIDATION_CODES = {
  BAD_REQUEST: {
    status: [400, 413, 415],
    meaning: 'the body is not a JSON object, too large, or of another type',
  },
  NotNull: { status: [400], meaning: 'a required field is missing (contract §2)' },
  TypeMismatch: { status: [400], meaning: 'a field has the wrong JSON type (contract §2)' },
  Size: { status: [400], meaning: 'a field is too short or too long (contract §2)' },
  Pattern: { status: [400], meaning: 'a field does not have the required form (contract §2)' },
  MISSING: { status: [422], meaning: 'a required field is absent, null or blank (contract §8)' },
  UNEXPECTED: {
    status: [422],
    meaning: 'a field of the wrong type, or where it does not apply (contract §8)',
  },
  ERROR: { status: [422], meaning: 'a value of the right type that is not acceptable (contract §7–§9)' },
  TOO_SMALL: { status: [422], meaning: 'a date before the earliest accepted (contract §8)' },
  NOT_UNIQUE: {
    status: [409],
    meaning:
      'already exists: the email (§2), a second personal profile, the same person on another account, the same business (§8)',
  },
  UPDATE_WINDOW_CLOSED: {
    status: [409],
    meaning: "a profile's identity fields changed without an open update window (contract §8, ours)",
  },
  ACCOUNT_ALREADY_CLAIMED: {
    status: [409],
    meaning: 'the account was already claimed or reclaimed (contract §7)',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: [422],
    meaning: 'an idempotency key sent again with another body (ours)',
  },
  NOT_FOUND: { status: [404], meaning: 'no such route or resource' },
  UNAUTHORIZED: {
    status: [401],
    meaning: 'the sandbox control plane without the sandbox key (issue 11 "Locked", ours)',
  },
  TOO_MANY_REQUESTS: { status: [429], meaning: 'rate-limited; Retry-After says when to retry' },
  SERVICE_UNAVAILABLE: {
    status: [503],
    meaning: '/ready: the database does not answer or a migration is pending (issue 15, ours)',
  },
  INTERNAL_ERROR: {
    status: [500],
    meaning: 'something failed on our side; the body names only the request id',
  },
} as const satisfies Record<string, CodeEntry>;

export type OAuthCode = keyof typeof OAUTH_CODES;
export type ValidationCode = keyof typeof VALIDATION_CODES;
