import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Partner } from '../../context.js';
import type { OnboardingOutcome } from '../../onboarding/outcome.js';
import { field, page, send, signedInPage } from '../pages.js';
import { sessionBinding } from '../session.js';
import { codePage, messagePage } from '../views.js';

/** Where a connected customer lands: the account page, with its success notice. */
export const CONNECTED_PATH = '/account?connected=1';

/** Draws what the onboarding module answered (README "Linking"). */
async function showOutcome(
  partner: Partner,
  request: FastifyRequest,
  reply: FastifyReply,
  result: OnboardingOutcome,
) {
  const { ctx } = await page(partner, request, reply);
  switch (result.kind) {
    case 'linked':
      // Post/redirect/get to a clean URL (issue 13 item 2): no `code` stays in the address bar, and a
      // reload shows the account instead of spending the callback (or the form) again.
      return reply.redirect(CONNECTED_PATH, 303);
    case 'redirect':
      // A full-page navigation to the platform (contract §10.3: never an embedded view).
      return reply.redirect(result.authorizeUrl, 303);
    case 'enter_code':
      return result.message
        ? send(reply, codePage(ctx, result.message), 400)
        : reply.redirect('/wise/code', 303);
    case 'busy':
      return reply.redirect('/account?busy=1', 303);
    case 'code_not_expected':
      return send(reply, messagePage(ctx, 'Code not used', result.message), 409);
    case 'failed':
      return send(reply, messagePage(ctx, `${ctx.provider} account not connected`, result.message), 200);
    case 'state_refused':
      return send(reply, messagePage(ctx, 'Connection refused', result.message), 400);
  }
}

/** "Connect your Wise account", the redirect callback and the emailed-code page (contract §4, §6, §10). */
export function wiseRoutes(app: FastifyInstance, partner: Partner): void {
  app.post('/wise/connect', async (request, reply) => {
    const { customer } = await signedInPage(partner, request, reply);
    const binding = await sessionBinding(partner, request);
    return showOutcome(partner, request, reply, await partner.onboarding.connect(customer.id, binding));
  });

  app.get('/wise/callback', async (request, reply) => {
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    const binding = await sessionBinding(partner, request);
    return showOutcome(partner, request, reply, await partner.onboarding.callback(binding, query));
  });

  app.get('/wise/code', async (request, reply) => {
    const { ctx } = await signedInPage(partner, request, reply);
    return send(reply, codePage(ctx));
  });

  app.post('/wise/code', async (request, reply) => {
    const { customer } = await signedInPage(partner, request, reply);
    const result = await partner.onboarding.submitEmailCode(customer.id, field(request, 'code') ?? '');
    return showOutcome(partner, request, reply, result);
  });
}
