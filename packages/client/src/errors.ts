/**
 * Every error the client throws (the guards to branch on them: `guards.ts`).
 *
 * Contract: "Error bodies: two families". Callers key on HTTP status + OAuth `error` or validation `code`
 * (+ `path`), never on human-readable messages, which Wise may change at any time.
 *
 * @module
 */

import { isRecord, parseJson } from './json.js';

/**
 * One entry of a validation-family error body (`{"errors": [...]}`; contract §2, §8 and "Error bodies").
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export interface ValidationErrorEntry {
  /** Machine code, e.g. `NOT_UNIQUE`, `NotNull`, `Size`, `MISSING`, `ERROR`. */
  readonly code: string;
  /** Human-readable text; informative only, never branch on it. */
  readonly message?: string | undefined;
  /** The request field the entry is about, e.g. `email`, `address.city`. */
  readonly path?: string | undefined;
  /** Extra values, e.g. the masked email of a `NOT_UNIQUE` conflict. */
  readonly arguments?: readonly unknown[] | undefined;
}

/**
 * OAuth error codes of contract "Error bodies" (`invalid_grant`: contract §3, §4, §5), plus any other
 * string a server may send. RFC 6749 §5.2, RFC 6750 §3.1.
 * @see https://docs.wise.com/api-reference/oauth-token/oauthtokencreate
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_token'
  | (string & {});

/**
 * Discriminant of {@link WiseError} subclasses: how any call of contract §1–§9 can fail.
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export type WiseErrorKind = 'api' | 'network' | 'timeout' | 'response' | 'callback' | 'relink_required';

/**
 * Base class of every error this package throws for a call of contract §1–§9; `kind` tells the
 * subclasses apart without `instanceof`.
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export abstract class WiseError extends Error {
  /** Which subclass this is. */
  abstract readonly kind: WiseErrorKind;
}

/**
 * What {@link WiseApiError} is built from: one non-2xx HTTP response (any call of contract §1–§9;
 * "Error bodies").
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export interface WiseApiErrorInit {
  /** `METHOD /path` of the request, without query string or host (never a secret). */
  readonly endpoint: string;
  readonly status: number;
  readonly headers?: Headers | undefined;
  /** The raw response body text, whatever its content type. */
  readonly body: string;
  /** Parsed `Retry-After`, when the response had one. */
  readonly retryAfterMs?: number | undefined;
}

/**
 * A non-2xx HTTP response from the API or the token endpoint (any call of contract §1–§9; "Error bodies").
 *
 * Parses both body families: OAuth `{error, error_description}` and validation `{errors: [...]}`, plus the
 * `errorMessage` of a verification-document failure (§9). A body that is not JSON (an HTML 502 page from a
 * proxy, an empty 503) is kept as text in {@link WiseApiError.body} and never makes parsing fail.
 * @see https://docs.wise.com/guides/developer/errors/users
 * @see https://docs.wise.com/api-reference/oauth-token/oauthtokencreate
 */
export class WiseApiError extends WiseError {
  override readonly name = 'WiseApiError';
  readonly kind = 'api' as const;
  /** `METHOD /path` of the failed request. */
  readonly endpoint: string;
  /** HTTP status code. */
  readonly status: number;
  /** OAuth error code (`invalid_grant`, `invalid_token`, …) when the body is of the OAuth family. */
  readonly error: OAuthErrorCode | undefined;
  /** OAuth `error_description`, informative only. */
  readonly errorDescription: string | undefined;
  /** Validation-family entries; empty for other bodies. */
  readonly errors: readonly ValidationErrorEntry[];
  /** `errorMessage` of the verification-documents failure body (contract §9), when present. */
  readonly errorMessage: string | undefined;
  /** The server's request id (`x-request-id`, else `x-trace-id`): quote it to support. */
  readonly requestId: string | undefined;
  /** How long the server asked to wait before retrying (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The raw body text. */
  readonly body: string;
  /** The parsed JSON body, or `undefined` when the body is not JSON. */
  readonly json: unknown;

  constructor(init: WiseApiErrorInit) {
    const json = parseJson(init.body);
    const record = isRecord(json) ? json : undefined;
    const error = typeof record?.['error'] === 'string' ? record['error'] : undefined;
    const errorDescription =
      typeof record?.['error_description'] === 'string' ? record['error_description'] : undefined;
    const errors = readValidationErrors(record?.['errors']);
    const errorMessage = typeof record?.['errorMessage'] === 'string' ? record['errorMessage'] : undefined;
    super(describe(init, error, errorDescription, errors, errorMessage));
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.error = error;
    this.errorDescription = errorDescription;
    this.errors = errors;
    this.errorMessage = errorMessage;
    this.requestId = init.headers?.get('x-request-id') ?? init.headers?.get('x-trace-id') ?? undefined;
    this.retryAfterMs = init.retryAfterMs;
    this.body = init.body;
    this.json = json;
  }

  /** Which error-body family the response used. */
  get family(): 'oauth' | 'validation' | 'other' {
    if (this.error !== undefined) return 'oauth';
    if (this.errors.length > 0) return 'validation';
    return 'other';
  }
}

/**
 * The request never got an HTTP response: DNS, connection refused or reset, TLS, a body cut short.
 * Thrown after the retries an idempotent call is allowed (any call of contract §1–§9).
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export class WiseNetworkError extends WiseError {
  override readonly name = 'WiseNetworkError';
  readonly kind = 'network' as const;
  /** `METHOD /path` of the failed request. */
  readonly endpoint: string;

  constructor(endpoint: string, options: { cause: unknown }) {
    super(`${endpoint}: network error: ${causeMessage(options.cause)}`, options);
    this.endpoint = endpoint;
  }
}

/**
 * The last attempt took longer than the configured `timeoutMs` (per attempt) and was aborted (any call
 * of contract §1–§9).
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export class WiseTimeoutError extends WiseError {
  override readonly name = 'WiseTimeoutError';
  readonly kind = 'timeout' as const;
  /** `METHOD /path` of the failed request. */
  readonly endpoint: string;
  /** The limit that was exceeded. */
  readonly timeoutMs: number;

  constructor(endpoint: string, timeoutMs: number) {
    super(`${endpoint}: no complete response within ${timeoutMs} ms`);
    this.endpoint = endpoint;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A 2xx response whose body is not what contract §1–§9 promises (not JSON, or a required field missing).
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export class WiseResponseError extends WiseError {
  override readonly name = 'WiseResponseError';
  readonly kind = 'response' as const;
  readonly endpoint: string;
  readonly status: number;
  /** The raw body text. */
  readonly body: string;

  constructor(endpoint: string, status: number, body: string, reason: string) {
    super(`${endpoint}: unexpected ${status} response: ${reason}`);
    this.endpoint = endpoint;
    this.status = status;
    this.body = body;
  }
}

// ---- helpers -----------------------------------------------------------------------------------------

function readValidationErrors(value: unknown): ValidationErrorEntry[] {
  if (!Array.isArray(value)) return [];
  const out: ValidationErrorEntry[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item['code'] !== 'string') continue;
    out.push({
      code: item['code'],
      message: typeof item['message'] === 'string' ? item['message'] : undefined,
      path: typeof item['path'] === 'string' ? item['path'] : undefined,
      arguments: Array.isArray(item['arguments']) ? item['arguments'] : undefined,
    });
  }
  return out;
}

function describe(
  init: WiseApiErrorInit,
  error: string | undefined,
  errorDescription: string | undefined,
  errors: readonly ValidationErrorEntry[],
  errorMessage: string | undefined,
): string {
  const head = `${init.endpoint} failed with HTTP ${init.status}`;
  if (error !== undefined) return `${head}: ${error}${errorDescription ? ` (${errorDescription})` : ''}`;
  if (errors.length > 0) {
    return `${head}: ${errors.map((x) => (x.path ? `${x.code} at ${x.path}` : x.code)).join(', ')}`;
  }
  if (errorMessage !== undefined) return `${head}: ${errorMessage}`;
  return head;
}

function causeMessage(cause: unknown): string {
  if (cause instanceof Error) {
    // undici wraps the useful part ("ECONNREFUSED") in cause.cause.
    const inner = (cause as { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message}: ${inner.message}` : cause.message;
  }
  return String(cause);
}
