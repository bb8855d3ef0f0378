/**
 * The cached client-credentials token (contract §1) and the partner-level calls sent with it (§2): one
 * token shared by every caller, renewed shortly before it expires, dropped when the server rejects it.
 *
 * @module
 */
import { abortable, type ClientContext } from './context.js';
import { type HttpRequest, type HttpResponse, type RequestOptions, toApiError } from './http.js';
import { type ClientToken, requestClientCredentialsToken } from './oauth.js';

/** The cached client-credentials token. */
export interface ClientTokenSource {
  /**
   * A valid client-credentials token: the cached one until shortly before it expires, otherwise a new
   * one. Concurrent callers share one request.
   */
  get(options?: RequestOptions & { readonly forceRefresh?: boolean }): Promise<ClientToken>;
  /** Drops the cached token if it is `accessToken` (the server rejected it). */
  invalidate(accessToken: string): void;
}

/**
 * Caches the client-credentials token until `refreshAheadMs` before expiry (at most half its lifetime),
 * with one request in flight at a time.
 */
export function createClientTokenSource(ctx: ClientContext, refreshAheadMs: number): ClientTokenSource {
  let cached: { token: ClientToken; renewAt: number } | undefined;
  let inflight: Promise<ClientToken> | undefined;

  return {
    get(options) {
      if (!options?.forceRefresh && cached && ctx.now() < cached.renewAt)
        return Promise.resolve(cached.token);
      if (!inflight) {
        const obtainedAt = ctx.now();
        // No caller's signal here: one impatient caller must not fail the others sharing the request.
        inflight = requestClientCredentialsToken(ctx, { timeoutMs: options?.timeoutMs })
          .then((token) => {
            const margin = Math.min(refreshAheadMs, (token.expiresAt - obtainedAt) / 2);
            cached = { token, renewAt: token.expiresAt - margin };
            return token;
          })
          .finally(() => {
            inflight = undefined;
          });
      }
      return abortable(inflight, options?.signal);
    },
    invalidate(accessToken) {
      if (cached?.token.accessToken === accessToken) cached = undefined;
    },
  };
}

/**
 * Sends a request authenticated with the client-credentials token. When the server rejects the token
 * (401 `invalid_token`: revoked, or expired early), it is dropped and the request is sent once more with a
 * new one; a request rejected at authentication was not processed, so this is safe even for create-user.
 */
export async function sendWithClientToken(
  ctx: ClientContext,
  tokens: ClientTokenSource,
  build: (accessToken: string) => HttpRequest,
  options?: RequestOptions,
): Promise<HttpResponse> {
  const token = await tokens.get(options);
  const response = await ctx.http.send(build(token.accessToken));
  if (response.status !== 401 || toApiError(response).error !== 'invalid_token') return response;
  tokens.invalidate(token.accessToken);
  const fresh = await tokens.get(options);
  return ctx.http.send(build(fresh.accessToken));
}
