/**
 * What every call needs, gathered once by `createClient` and passed explicitly to each module.
 *
 * @module
 */
import type { Endpoints } from './environments.js';
import type { Transport } from './http.js';

/** The client's configuration and transport, shared by the per-endpoint modules. */
export interface ClientContext {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly endpoints: Endpoints;
  readonly http: Transport;
  /** Milliseconds since the epoch; injectable for fake clocks. */
  readonly now: () => number;
}

/** The `Authorization` header for a bearer token (RFC 6750 §2.1). */
export function bearer(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}` };
}

/**
 * Resolves with `promise`, or rejects with the signal's reason as soon as the signal aborts. The shared
 * work behind `promise` (a token request other callers wait on too) is not cancelled.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
