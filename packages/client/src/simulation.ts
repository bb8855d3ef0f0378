/**
 * Sandbox simulation of verification (contract §8): `POST /v1/simulation/profiles/{id}/verifications`
 * verifies one profile (user or client-credentials token), `POST /v1/simulation/verify-profile` every
 * profile of the token's user. Wise answers 200 with no content, and sends the
 * `profiles#verification-state-change` webhook.
 *
 * Wise docs: https://docs.wise.com/api-reference/simulation
 *
 * @module
 */

import { readNothing, segment, sendAs } from './calls.js';
import { type ClientTokenSource, sendWithClientToken } from './client-token.js';
import { bearer, type ClientContext } from './context.js';
import { ENVIRONMENTS } from './environments.js';
import type { RequestOptions } from './http.js';
import type { ProfileId } from './profiles.js';

/**
 * Verifies one profile. With `accessToken` `null` the client-credentials token is used (Wise accepts both).
 * Verifying a verified profile changes nothing, so the call is retried.
 *
 * @throws TypeError on the production API (simulation is sandbox only; no request is made).
 */
export async function simulateProfileVerification(
  ctx: ClientContext,
  clientTokens: ClientTokenSource,
  accessToken: string | null,
  profileId: ProfileId | string,
  options?: RequestOptions,
): Promise<void> {
  refuseProduction(ctx);
  const path = `/v1/simulation/profiles/${segment(profileId)}/verifications`;
  const response =
    accessToken === null
      ? await sendWithClientToken(
          ctx,
          clientTokens,
          (token) => ({
            method: 'POST',
            path,
            headers: bearer(token),
            idempotent: true,
            signal: options?.signal,
            timeoutMs: options?.timeoutMs,
          }),
          options,
        )
      : await sendAs(ctx, accessToken, { method: 'POST', path, idempotent: true }, options);
  readNothing(response);
}

/**
 * Verifies every profile of the user of `accessToken` (user tokens only). Retried like the single call.
 *
 * @throws TypeError on the production API (no request is made).
 */
export async function simulateUserVerification(
  ctx: ClientContext,
  accessToken: string,
  options?: RequestOptions,
): Promise<void> {
  refuseProduction(ctx);
  const response = await sendAs(
    ctx,
    accessToken,
    { method: 'POST', path: '/v1/simulation/verify-profile', idempotent: true },
    options,
  );
  readNothing(response);
}

/** Wise: "These features are limited to sandbox only"; a call on production is a mistake, caught early. */
function refuseProduction(ctx: ClientContext): void {
  if (new URL(ctx.endpoints.apiUrl).host === new URL(ENVIRONMENTS.production.apiUrl).host) {
    throw new TypeError('simulation calls exist in the sandbox only, not on the production API');
  }
}
