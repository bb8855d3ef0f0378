import type { FastifyInstance } from 'fastify';
import type { Partner } from '../../context.js';
import { pageError } from '../errors.js';
import { page, send } from '../pages.js';
import { adminPage } from '../views.js';

/** `/admin` (demo only): each customer's link state and whether tokens are held, never the tokens. */
export function adminRoutes(app: FastifyInstance, partner: Partner): void {
  app.get('/admin', async (request, reply) => {
    if (!partner.config.demo) throw pageError('not_found');
    const { ctx } = await page(partner, request, reply);
    const [customers, links, withTokens] = await Promise.all([
      partner.stores.customers.list(),
      partner.stores.links.list(),
      partner.stores.tokens.customersWithTokens(),
    ]);
    const byId = new Map(links.map((l) => [l.customerId, l]));
    const rows = customers.map((customer) => ({
      customer,
      link: byId.get(customer.id) ?? null,
      hasTokens: withTokens.has(customer.id),
    }));
    return send(reply, adminPage(ctx, rows));
  });
}
