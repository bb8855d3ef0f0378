import type { FastifyInstance } from 'fastify';
import type { Partner } from '../../context.js';
import { confirmDisconnectPage } from '../disconnect-views.js';
import { send, signedInPage } from '../pages.js';
import { messagePage } from '../views.js';

/**
 * Disconnect (issue 12): `GET /wise/disconnect` asks, `POST /wise/disconnect` (CSRF, as every POST) revokes
 * at the platform and forgets the tokens, then 303 to the account page, which says what happened
 * (post/redirect/get: a reload does not disconnect twice).
 */
export function disconnectRoutes(app: FastifyInstance, partner: Partner): void {
  app.get('/wise/disconnect', async (request, reply) => {
    const { ctx, customer } = await signedInPage(partner, request, reply);
    const link = await partner.stores.links.get(customer.id);
    if (link?.state !== 'linked') return reply.redirect('/account', 303);
    return send(reply, confirmDisconnectPage(ctx));
  });

  app.post('/wise/disconnect', async (request, reply) => {
    const { ctx, customer } = await signedInPage(partner, request, reply);
    const outcome = await partner.onboarding.disconnect(customer.id);
    switch (outcome.kind) {
      case 'disconnected':
        return reply.redirect('/account?disconnected=1', 303);
      case 'busy':
        return reply.redirect('/account?busy=1', 303);
      case 'failed':
        return send(
          reply,
          messagePage(ctx, `${ctx.provider} account not disconnected`, outcome.message),
          503,
        );
    }
  });
}
