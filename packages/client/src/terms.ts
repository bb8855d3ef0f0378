/**
 * The terms new users must be shown a link to (contract §7 "Terms", §10.9; Wise: "New users have to
 * accept the Wise Terms and Conditions as part of their sign-up process, which should be available for
 * them to read as a link to our website").
 *
 * Which page, per environment, and why:
 * - production and sandbox (any host of Wise's API): Wise's public terms page,
 *   {@link WISE_TERMS_URL}. Wise's current reference has no terms endpoint (`GET /v1/terms/{clientId}`
 *   is only in its legacy documents), and the guide asks for a link to Wise's website; the sandbox has
 *   no terms of its own, so its test customers are shown the same page.
 * - `local` and explicit URLs of another host: the platform's `GET /v1/terms/{clientId}`, which it serves
 *   in local mode (the partner's terms, or the general ones with `default`).
 *
 * @module
 */
import type { ClientContext } from './context.js';
import { ENVIRONMENTS } from './environments.js';
import { ensureOk, type RequestOptions } from './http.js';

/** Wise's terms of use on its website (the locale is chosen by the page itself). */
const WISE_TERMS_URL = 'https://wise.com/terms-of-use';

/** The API hosts of Wise's own environments, current and former names. */
const WISE_API_HOSTS = new Set([
  new URL(ENVIRONMENTS.production.apiUrl).host,
  new URL(ENVIRONMENTS.sandbox.apiUrl).host,
  'api.transferwise.com',
  'api.sandbox.transferwise.tech',
]);

/**
 * The terms page to show as a link (see the module documentation for the choice per environment). On the
 * platform, the partner's terms by default or the general terms with `'default'`; on Wise, `termsId` is
 * not used. No request is made.
 */
export function termsUrl(ctx: ClientContext, termsId: string = ctx.clientId): string {
  if (isWiseApi(ctx)) return WISE_TERMS_URL;
  return `${ctx.endpoints.apiUrl}/v1/terms/${encodeURIComponent(termsId)}`;
}

/**
 * Fetches the terms (`GET /v1/terms/{termsId}`, no authentication; the body is HTML), e.g. to render
 * them inside the app. Served by the platform; on Wise this is the legacy endpoint.
 */
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

function isWiseApi(ctx: ClientContext): boolean {
  return WISE_API_HOSTS.has(new URL(ctx.endpoints.apiUrl).host);
}
