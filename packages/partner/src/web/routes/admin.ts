import type { FastifyInstance } from 'fastify';
import type { Partner } from '../../context.js';
import { pageError } from '../errors.js';
import { page, send } from '../pages.js';
import { adminPage } from '../views.js';

/**
 * `/admin` (demo only): each customer's link state, verification state (contract §11) and whether tokens
 * are held, never the tokens.
 */
export function adminRoutes(app: FastifyInstance, partner: Partner): void {
  app.get('/admin', async (request, reply) => {
    if (!partner.config.demo) throw pageError('not_found');
    const { ctx } = await page(partner, request, reply);
    const [customers, links, withTokens, verifications] = await Promise.all([
      partner.stores.customers.list(),
      partner.stores.links.list(),
      partner.stores.tokens.customersWithTokens(),
      partner.stores.webhooks.verifications(),
    ]);
    const byId = new Map(links.map((l) => [l.customerId, l]));
    const rows = customers.map((customer) => {
      const link = byId.get(customer.id) ?? null;
      const profileId = link?.wiseProfileId;
      return {
        customer,
        link,
        hasTokens: withTokens.has(customer.id),
        verification: (profileId ? verifications.get(profileId) : undefined) ?? null,
      };
    });
    return send(reply, adminPage(ctx, rows));
  });
}
