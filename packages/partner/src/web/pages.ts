import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PartnerConfig } from '../config/config.js';
import type { Partner } from '../context.js';
import type { Customer } from '../store/customers.js';
import { pageError } from './errors.js';
import { csrfFor, sessionOf } from './session.js';
import type { PageContext } from './views.js';

/** What every route handler works with: the page's context and the signed-in customer, if any. */
export interface Page {
  readonly ctx: PageContext;
  readonly customer: Customer | null;
}

export function send(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page);
}

async function signedInCustomer(partner: Partner, request: FastifyRequest): Promise<Customer | null> {
  const session = await sessionOf(partner, request);
  return session.customerId ? await partner.stores.customers.get(session.customerId) : null;
}

async function pageFor(
  partner: Partner,
  request: FastifyRequest,
  reply: FastifyReply,
  customer: Customer | null,
): Promise<Page> {
  const csrf = await csrfFor(partner, request, reply);
  return {
    ctx: { csrf, signedIn: customer, demo: partner.config.demo, provider: partner.config.wise.name },
    customer,
  };
}

/** The session's customer and the CSRF token for the page's forms. */
export async function page(partner: Partner, request: FastifyRequest, reply: FastifyReply): Promise<Page> {
  return pageFor(partner, request, reply, await signedInCustomer(partner, request));
}

/** As `page`, for pages of a signed-in customer only (refused before any cookie is set). */
export async function signedInPage(
  partner: Partner,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Page & { customer: Customer }> {
  const customer = await signedInCustomer(partner, request);
  if (!customer) throw pageError('sign_in_required');
  const { ctx } = await pageFor(partner, request, reply, customer);
  return { ctx, customer };
}

/** A field of the POSTed form. */
export function field(request: FastifyRequest, name: string): string | null {
  return request.body instanceof URLSearchParams ? request.body.get(name) : null;
}

/** The context of a page drawn without a session: error pages (no forms, nobody signed in). */
export function bare(config: Pick<PartnerConfig, 'wise'>): PageContext {
  return { csrf: '', signedIn: null, demo: false, provider: config.wise.name };
}
