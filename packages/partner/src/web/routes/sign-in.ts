import type { FastifyInstance } from 'fastify';
import type { Partner } from '../../context.js';
import { pageError } from '../errors.js';
import { field, page, send } from '../pages.js';
import { replaceSession } from '../session.js';
import { messagePage, signInPage } from '../views.js';

/** The front page and the demo sign-in (pick a customer; never in production) and sign-out. */
export function signInRoutes(app: FastifyInstance, partner: Partner): void {
  app.get('/', async (request, reply) => {
    const { ctx, customer } = await page(partner, request, reply);
    if (customer) return reply.redirect('/account', 303);
    if (!partner.config.demo)
      return send(reply, messagePage(ctx, 'Demo Bank', 'Sign-in is not available here.'));
    return send(reply, signInPage(ctx, await partner.stores.customers.list()));
  });

  app.post('/sign-in', async (request, reply) => {
    if (!partner.config.demo) throw pageError('not_found');
    const customer = await partner.stores.customers.get(field(request, 'customerId') ?? '');
    if (!customer) throw pageError('unknown_customer');
    await replaceSession(partner, request, reply, customer.id);
    return reply.redirect('/account', 303);
  });

  app.post('/sign-out', async (request, reply) => {
    await replaceSession(partner, request, reply, null);
    return reply.redirect('/', 303);
  });
}
