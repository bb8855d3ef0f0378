/**
 * The one place that talks HTTP: builds requests on the API base URL, enforces a per-attempt timeout,
 * combines it with the caller's `AbortSignal`, and retries idempotent requests.
 *
 * Retry policy (contract "Error bodies": 429 with `Retry-After`): only requests marked idempotent are
 * retried (GET, `POST /v1/users/exists`, POST with an idempotency key, the client-credentials grant), on
 * network errors, timeouts, 429 and 5xx (not 501). The wait is `Retry-After` when the server sent one
 * (seconds or an HTTP date), otherwise capped exponential backoff with full jitter:
 * `random() * min(maxDelayMs, baseDelayMs * 2^n)`.
 * A `Retry-After` longer than `maxRetryAfterMs` is not waited for: the 429 is returned at once and the
 * error carries `retryAfterMs`, so the caller decides.
 *
 * @module
 */
import { WiseApiError, WiseNetworkError, WiseResponseError, WiseTimeoutError } from './errors.js';
import { parseJson } from './json.js';

/**
 * The `fetch` signature the client needs for every call of contract §1–§9; the runtime's global `fetch`
 * fits, and so does a test fake.
 * @see https://docs.wise.com/guides/developer/auth-and-security/oauth-2-setup
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Waits `ms` between retries of calls of contract §1–§9 (429 with `Retry-After`: "Error bodies"),
 * rejecting with the signal's reason if it aborts first. Injectable for fake clocks.
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * How idempotent requests are retried: GETs, `POST /v1/users/exists`, the client-credentials grant
 * (contract §1) and calls with an idempotency key (§8); on network errors, timeouts, 429 ("Error bodies")
 * and 5xx but 501. All fields optional; see {@link DEFAULT_RETRY}.
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export interface RetryOptions {
  /** Retries after the first attempt; 0 disables retrying. */
  readonly limit?: number;
  /** First backoff ceiling in ms; doubles per retry. */
  readonly baseDelayMs?: number;
  /** Largest backoff ceiling in ms. */
  readonly maxDelayMs?: number;
  /** The longest `Retry-After` the client waits for by itself; longer ones are returned to the caller. */
  readonly maxRetryAfterMs?: number;
}

/**
 * Defaults of {@link RetryOptions} (contract §1–§9, §8 idempotency key): 2 retries, backoff ceilings of
 * 250 ms doubling up to 8 s with full jitter, `Retry-After` waited for up to 60 s.
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export const DEFAULT_RETRY: Readonly<Required<RetryOptions>> = Object.freeze({
  limit: 2,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
});

/**
 * Default per-attempt time limit of every call of contract §1–§9, in milliseconds (30 s).
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Options every call of contract §1–§9 that sends a request accepts, last.
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export interface RequestOptions {
  /** Aborts the call (and any wait between retries); the call rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** Overrides the client's per-attempt time limit for this call. */
  readonly timeoutMs?: number | undefined;
}

/** One request, relative to the API base URL. */
export interface HttpRequest extends RequestOptions {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path starting with `/`, already percent-encoded. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body (sets `content-type: application/json`). */
  readonly json?: unknown;
  /** A form body (sets `content-type: application/x-www-form-urlencoded`); undefined values are left out. */
  readonly form?: Readonly<Record<string, string | undefined>>;
  /** Whether repeating the request is harmless, which alone makes it retryable. */
  readonly idempotent: boolean;
}

/** A complete HTTP response, body read as text. */
export interface HttpResponse {
  /** `METHOD /path`, for error messages. */
  readonly endpoint: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  /** Parsed `Retry-After`, if any. */
  readonly retryAfterMs: number | undefined;
}

/** What {@link createTransport} needs. */
export interface TransportOptions {
  readonly apiUrl: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly retry: Readonly<Required<RetryOptions>>;
  readonly now: () => number;
  readonly sleep: Sleep;
  /** Uniform in [0, 1); the jitter source. */
  readonly random: () => number;
}

/** Sends requests; see the module documentation for the retry policy. */
export interface Transport {
  /**
   * Sends the request, retrying as allowed, and resolves with the final response whatever its status.
   *
   * @throws WiseNetworkError, WiseTimeoutError when the last attempt got no response;
   *   the caller's abort reason when its signal aborts.
   */
  send(request: HttpRequest): Promise<HttpResponse>;
}

/** Creates a {@link Transport}. */
export function createTransport(options: TransportOptions): Transport {
  const { retry } = options;

  async function once(request: HttpRequest, endpoint: string): Promise<HttpResponse> {
    const timeoutMs = request.timeoutMs ?? options.timeoutMs;
    request.signal?.throwIfAborted();
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(), timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timer.signal]) : timer.signal;
    try {
      const response = await options.fetch(options.apiUrl + request.path, {
        method: request.method,
        headers: buildHeaders(request),
        body: buildBody(request),
        signal,
      });
      // The body is read under the same deadline: a proxy that stalls mid-body is a timeout too.
      const body = await response.text();
      return {
        endpoint,
        status: response.status,
        headers: response.headers,
        body,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), options.now()),
      };
    } catch (cause) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (timer.signal.aborted) throw new WiseTimeoutError(endpoint, timeoutMs);
      throw new WiseNetworkError(endpoint, { cause });
    } finally {
      clearTimeout(handle);
    }
  }

  return {
    async send(request) {
      const endpoint = `${request.method} ${request.path.split('?')[0]}`;
      for (let attempt = 0; ; attempt++) {
        let outcome: HttpResponse | WiseNetworkError | WiseTimeoutError;
        try {
          outcome = await once(request, endpoint);
        } catch (e) {
          if (!(e instanceof WiseNetworkError || e instanceof WiseTimeoutError)) throw e;
          outcome = e;
        }
        const delay =
          request.idempotent && attempt < retry.limit && isRetryable(outcome)
            ? retryDelay(outcome, attempt, retry, options.random)
            : undefined;
        if (delay === undefined) {
          if (outcome instanceof Error) throw outcome;
          return outcome;
        }
        await options.sleep(delay, request.signal);
      }
    },
  };
}

/** Whether an outcome is worth another attempt (for an idempotent request). */
export function isRetryable(outcome: HttpResponse | Error): boolean {
  if (outcome instanceof WiseNetworkError || outcome instanceof WiseTimeoutError) return true;
  if (outcome instanceof Error) return false;
  return outcome.status === 429 || (outcome.status >= 500 && outcome.status !== 501);
}

/**
 * The wait before retry number `attempt + 1`, or `undefined` when the server asked for a longer wait
 * than `maxRetryAfterMs`.
 */
export function retryDelay(
  outcome: HttpResponse | Error,
  attempt: number,
  retry: Readonly<Required<RetryOptions>>,
  random: () => number,
): number | undefined {
  const retryAfterMs = outcome instanceof Error ? undefined : outcome.retryAfterMs;
  if (retryAfterMs !== undefined) return retryAfterMs <= retry.maxRetryAfterMs ? retryAfterMs : undefined;
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * Parses `Retry-After` (any call of contract §1–§9; "Error bodies": 429 with `Retry-After`; RFC 9110
 * §10.2.3): delay-seconds or an HTTP date, relative to `now`. Returns milliseconds, never negative;
 * `undefined` when absent or unreadable.
 * @see https://docs.wise.com/guides/developer/errors/users
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The default {@link Sleep}, on the runtime's timers (so `node:test` mock timers drive it). */
export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Throws {@link WiseApiError} unless the status is 2xx. */
export function ensureOk(response: HttpResponse): void {
  if (response.status < 200 || response.status >= 300) throw toApiError(response);
}

/** Builds the {@link WiseApiError} for a response. */
export function toApiError(response: HttpResponse): WiseApiError {
  return new WiseApiError({
    endpoint: response.endpoint,
    status: response.status,
    headers: response.headers,
    body: response.body,
    retryAfterMs: response.retryAfterMs,
  });
}

/**
 * The JSON body of a 2xx response.
 *
 * @throws WiseApiError for a non-2xx status; WiseResponseError when the body is not JSON.
 */
export function readJson(response: HttpResponse): unknown {
  ensureOk(response);
  const json = parseJson(response.body);
  if (json === undefined) {
    throw new WiseResponseError(response.endpoint, response.status, response.body, 'body is not JSON');
  }
  return json;
}

function buildHeaders(request: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.json !== undefined) headers['content-type'] = 'application/json';
  if (request.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  return { ...headers, ...request.headers };
}

function buildBody(request: HttpRequest): string | undefined {
  if (request.json !== undefined) return JSON.stringify(request.json);
  if (request.form !== undefined) {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(request.form)) if (value !== undefined) form.append(key, value);
    return form.toString();
  }
  return undefined;
}
