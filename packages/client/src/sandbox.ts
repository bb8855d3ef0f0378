/**
 * A typed helper over the platform's sandbox control plane (issue 11; the platform README's sandbox table), for a
 * partner's tests: read the outbox, reclaim an account, move the clock, inject faults, create and unlock
 * people, revoke or expire grants by id, reset or snapshot the whole sandbox, read the request journal.
 *
 * It speaks only to the account-access platform (Wise's own sandbox has no `/_sandbox`). Calls are never
 * retried: each changes the sandbox, and a test wants to see the first failure. Errors are the client's own
 * ({@link WiseApiError} for a non-2xx answer, {@link WiseNetworkError}, {@link WiseTimeoutError}).
 *
 * @module
 */

import { WiseApiError, WiseNetworkError, WiseTimeoutError } from './errors.js';
import type { FetchLike } from './http.js';

/**
 * Where the platform is and how to call its control plane (contract §11 "Sandbox (ours)", §7 reclaim).
 * @see https://docs.wise.com/guides/developer/sandbox-and-production
 */
export interface SandboxOptions {
  /** The platform's base URL, e.g. `http://127.0.0.1:4000`. */
  readonly baseUrl: string;
  /** `PLATFORM_SANDBOX_KEY`, sent as a bearer token; not needed in development mode on loopback. */
  readonly key?: string | undefined;
  readonly fetch?: FetchLike | undefined;
  /** Per-call time limit in ms (default 30 s). */
  readonly timeoutMs?: number | undefined;
}

/**
 * One mail of the outbox, as the platform wrote it (contract §6 emailed code, §7 reclaim links).
 * @see https://docs.wise.com/guides/developer/sandbox-and-production
 */
export interface SandboxMail {
  readonly id: number;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Every http(s) link of the text part, in order. */
  readonly links: readonly string[];
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

/**
 * The platform's clock: real time plus the offset (contract §5 token expiry, §6 code expiry).
 * @see https://docs.wise.com/guides/developer/sandbox-and-production
 */
export interface SandboxClock {
  /** The platform's time (ISO 8601). */
  readonly now: string;
  readonly offsetSeconds: number;
}

/**
 * A fault: the next `count` requests matching `method` and `path` get this answer instead of the real one
 * (contract "Error bodies": a 429 with Retry-After, a 5xx), to test a client's retries (contract §1).
 * @see https://docs.wise.com/guides/developer/sandbox-and-production
 */
export interface SandboxFaultSpec {
  readonly method: string;
  /** An exact path, or a prefix ending in `*`. */
  readonly path: string;
  /** The answer's status; left out for a delay only (`delayMs`, then the real answer) or a `drop`. */
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayMs?: number;
  /** Close the connection without an answer. */
  readonly drop?: boolean;
  readonly count: number;
}

/**
 * A fault as the platform keeps it, with how many matching requests it still answers (contract §1).
 * @see https://docs.wise.com/guides/developer/sandbox-and-production
 */
export interface SandboxFault extends Omit<SandboxFaultSpec, 'status'> {
  readonly id: string;
  readonly status: number | null;
  /** How many matching requests it still answers. */
  readonly remaining: number;
  readonly createdAt: string;
}

/**
 * Which journal entries to list (contract §1–§11: every call the partner made).
 * @see https://docs.wise.com/guides/developer/sandbox-and-production
 */
export interface SandboxRequestFilter {
  readonly clientId?: string;
  readonly path?: string;
  readonly status?: number;
  readonly limit?: number;
}

/**
 * One entry of the request journal, newest first; secrets redacted by the platform (contract §1–§11).
 * @see https://docs.wise.com/guides/developer/sandbox-and-production
 */
export interface SandboxRequest {
  readonly id: string | number;
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly clientId: string | null;
  readonly durationMs: number;
  readonly request: { readonly headers: Record<string, unknown>; readonly body: unknown };
  readonly response: { readonly headers: Record<string, unknown>; readonly body: unknown };
}

/**
 * Which grants to list (contract §5: a grant is one link's refresh token and its access tokens).
 * @see https://docs.wise.com/guides/developer/sandbox-and-production
 */
export interface SandboxGrantFilter {
  readonly clientId?: string;
  readonly userId?: number;
  /** Also revoked and expired grants. */
  readonly all?: boolean;
}

/**
 * A JSON object as the platform answers it (a user, a grant, a state snapshot; contract §2, §5, §8).
 * @see https://docs.wise.com/guides/developer/sandbox-and-production
 */
export type SandboxRecord = Readonly<Record<string, unknown>>;

/**
 * The control plane's calls, grouped as the platform's paths are (contract §5, §7, §11 sandbox calls).
 * @see https://docs.wise.com/guides/developer/sandbox-and-production
 */
export interface Sandbox {
  /** The outbox, newest first; only the mail to `to` when given. */
  outbox(filter?: { readonly to?: string }): Promise<SandboxMail[]>;
  /** The person reclaimed the account: the partner's registration_code grant answers `invalid_grant` from now on. */
  reclaim(email: string): Promise<{ email: string; reclaimedAt: string }>;
  readonly clock: {
    get(): Promise<SandboxClock>;
    /** Moves the platform's time forward by a whole, positive number of seconds. */
    advance(seconds: number): Promise<SandboxClock>;
    /** Back to real time. */
    reset(): Promise<SandboxClock>;
  };
  readonly faults: {
    add(spec: SandboxFaultSpec): Promise<SandboxFault>;
    list(): Promise<SandboxFault[]>;
    clear(): Promise<void>;
  };
  readonly users: {
    list(): Promise<SandboxRecord[]>;
    /** A person in the seed file's shape (email, password, optional TOTP, profiles). */
    create(user: SandboxRecord): Promise<SandboxRecord>;
    /** Clears the account's login, 2FA and code limits. */
    unlock(email: string): Promise<SandboxRecord>;
  };
  readonly clients: {
    /** Every partner client: its id, name and redirect URIs, whether it has a secret (never the secret). */
    list(): Promise<SandboxRecord[]>;
  };
  readonly grants: {
    list(filter?: SandboxGrantFilter): Promise<SandboxRecord[]>;
    revoke(grantId: string): Promise<SandboxRecord>;
    /**
     * Its access tokens expire now, as after 12 hours; the refresh token still works, unless
     * `refreshToken: true` expires it too (the refresh then answers `invalid_grant`).
     */
    expire(grantId: string, options?: { readonly refreshToken?: boolean }): Promise<SandboxRecord>;
  };
  readonly webhooks: {
    /** The deliveries, newest first, each with its attempts; only one client's when given. */
    list(filter?: { readonly clientId?: string; readonly limit?: number }): Promise<SandboxRecord[]>;
    /** Sends what is due now instead of waiting for the worker. */
    deliver(): Promise<SandboxRecord>;
    /** Puts one delivery back in the queue, due now, under the same X-Delivery-Id. */
    redeliver(deliveryId: string): Promise<SandboxRecord>;
  };
  /** Back to the seed, in one transaction. */
  reset(): Promise<SandboxRecord>;
  readonly state: {
    /** The whole sandbox as JSON (secrets as their hashes): a snapshot to start every test from. */
    export(): Promise<SandboxRecord>;
    import(snapshot: SandboxRecord): Promise<SandboxRecord>;
  };
  readonly requests: {
    list(filter?: SandboxRequestFilter): Promise<SandboxRequest[]>;
  };
}

const DEFAULT_TIMEOUT_MS = 30_000;
const seg = encodeURIComponent;

function query(params: Record<string, string | number | boolean | undefined>): string {
  const entries = Object.entries(params).filter(
    (e): e is [string, string | number | boolean] => e[1] !== undefined,
  );
  return entries.length === 0
    ? ''
    : `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
}

/**
 * Creates the helper (contract §11 "Sandbox (ours)"). Nothing is sent until a call is made.
 * @see https://docs.wise.com/guides/developer/sandbox-and-production
 */
export function createSandbox(options: SandboxOptions): Sandbox {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const endpoint = `${method} ${path.split('?')[0]}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.key) headers['authorization'] = `Bearer ${options.key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    // A timer of our own, not AbortSignal.timeout: that one is unref'd, so a process with nothing else to do
    // would exit while the call is pending instead of timing it out (http.ts does the same).
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(), timeoutMs);
    const signal = timer.signal;
    let response: Response;
    let text: string;
    try {
      response = await fetchFn(`${base}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal,
        redirect: 'manual',
      });
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw new WiseTimeoutError(endpoint, timeoutMs);
      throw new WiseNetworkError(endpoint, { cause: error });
    } finally {
      clearTimeout(handle);
    }
    if (response.status < 200 || response.status >= 300)
      throw new WiseApiError({ endpoint, status: response.status, headers: response.headers, body: text });
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  const post = <T>(path: string, body: unknown = {}) => call<T>('POST', path, body);

  return {
    outbox: (filter = {}) => call('GET', `/_sandbox/outbox${query({ to: filter.to })}`),
    reclaim: (email) => post(`/_sandbox/users/${seg(email)}/reclaim`),
    clock: {
      get: () => call('GET', '/_sandbox/clock'),
      advance: (seconds) => post('/_sandbox/clock', { advanceSeconds: seconds }),
      reset: () => post('/_sandbox/clock', { reset: true }),
    },
    faults: {
      add: (spec) => post('/_sandbox/faults', spec),
      list: async () => (await call<{ faults: SandboxFault[] }>('GET', '/_sandbox/faults')).faults,
      clear: async () => {
        await call('DELETE', '/_sandbox/faults');
      },
    },
    users: {
      list: async () => (await call<{ users: SandboxRecord[] }>('GET', '/_sandbox/users')).users,
      create: (user) => post('/_sandbox/users', user),
      unlock: (email) => post(`/_sandbox/users/${seg(email)}/unlock`),
    },
    grants: {
      list: async (filter = {}) =>
        (
          await call<{ grants: SandboxRecord[] }>(
            'GET',
            `/_sandbox/grants${query({ clientId: filter.clientId, userId: filter.userId, all: filter.all })}`,
          )
        ).grants,
      revoke: (id) => post(`/_sandbox/grants/${seg(id)}/revoke`),
      expire: (id, options = {}) =>
        post(
          `/_sandbox/grants/${seg(id)}/expire`,
          options.refreshToken === undefined ? {} : { refreshToken: options.refreshToken },
        ),
    },
    clients: {
      list: async () => (await call<{ clients: SandboxRecord[] }>('GET', '/_sandbox/clients')).clients,
    },
    webhooks: {
      list: (filter = {}) =>
        call('GET', `/_sandbox/webhooks${query({ clientId: filter.clientId, limit: filter.limit })}`),
      deliver: () => post('/_sandbox/webhooks/deliver'),
      redeliver: (id) => post(`/_sandbox/webhooks/deliveries/${seg(id)}/redeliver`),
    },
    reset: () => post('/_sandbox/reset'),
    state: {
      export: () => call('GET', '/_sandbox/state'),
      import: (snapshot) => post('/_sandbox/state', snapshot),
    },
    requests: {
      list: async (filter = {}) =>
        (
          await call<{ requests: SandboxRequest[] }>(
            'GET',
            `/_sandbox/requests${query({ clientId: filter.clientId, path: filter.path, status: filter.status, limit: filter.limit })}`,
          )
        ).requests,
    },
  };
}
