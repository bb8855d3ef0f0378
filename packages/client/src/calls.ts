/**
 * What the calls of contract §8–§9 and their sandbox extensions share: one user-token request, and reading
 * its body as the shape Wise documents (or failing with the body kept for diagnosis).
 *
 * @module
 */
import { bearer, type ClientContext } from './context.js';
import { WiseResponseError } from './errors.js';
import { ensureOk, type HttpRequest, type HttpResponse, type RequestOptions, readJson } from './http.js';

/** One request with a user access token; `idempotent` alone decides whether it is retried. */
export interface UserCall {
  readonly method: HttpRequest['method'];
  readonly path: string;
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly idempotent: boolean;
}

/** Sends `call` with `accessToken` as the bearer token. */
export function sendAs(
  ctx: ClientContext,
  accessToken: string,
  call: UserCall,
  options: RequestOptions | undefined,
): Promise<HttpResponse> {
  return ctx.http.send({
    method: call.method,
    path: call.path,
    headers: { ...bearer(accessToken), ...call.headers },
    json: call.json,
    idempotent: call.idempotent,
    signal: options?.signal,
    timeoutMs: options?.timeoutMs,
  });
}

/** A path segment from an id (`/v1/profiles/${segment(id)}`). */
export function segment(id: number | string): string {
  return encodeURIComponent(String(id));
}

/** The 2xx JSON body when it passes `guard`; otherwise {@link WiseResponseError} naming `reason`. */
export function readShape<T>(response: HttpResponse, guard: (v: unknown) => v is T, reason: string): T {
  const json = readJson(response);
  if (!guard(json)) throw new WiseResponseError(response.endpoint, response.status, response.body, reason);
  return json;
}

/** The 2xx JSON array body when every item passes `guard`. */
export function readList<T>(response: HttpResponse, guard: (v: unknown) => v is T, reason: string): T[] {
  const json = readJson(response);
  if (!Array.isArray(json) || !json.every(guard)) {
    throw new WiseResponseError(response.endpoint, response.status, response.body, reason);
  }
  return json;
}

/** A call whose success has no body Wise documents ("No content is returned with a 200"): any 2xx. */
export function readNothing(response: HttpResponse): void {
  ensureOk(response);
}
