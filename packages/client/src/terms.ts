/**
 * The terms new users must be shown a link to (contract §7 "Terms", §10.9; seed: "New users have to
 * accept the Wise Terms and Conditions ... available for them to read as a link").
 *
 * @module
 */
import type { ClientContext } from './context.js';
import { ensureOk, type RequestOptions } from './http.js';

/**
 * The URL of `GET /v1/terms/{clientId}`, to show as a link: the partner's terms by default, or the
 * general terms with `'default'`. No request is made.
 */
export function termsUrl(ctx: ClientContext, termsId: string = ctx.clientId): string {
  return `${ctx.endpoints.apiUrl}/v1/terms/${encodeURIComponent(termsId)}`;
}

/** Fetches the terms (no authentication; the body is HTML), e.g. to render them inside the app. */
export async function fetchTerms(
  ctx: ClientContext,
  termsId: string = ctx.clientId,
  options?: RequestOptions,
): Promise<string> {
  const response = await ctx.http.send({
    method: 'GET',
    path: `/v1/terms/${encodeURIComponent(termsId)}`,
    headers: { accept: 'text/html' },
    idempotent: true,
    signal: options?.signal,
    timeoutMs: options?.timeoutMs,
  });
  ensureOk(response);
  return response.body;
}
