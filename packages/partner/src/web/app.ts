import { randomUUID } from 'node:crypto';
import { isRelinkRequired, type Profile } from '@account-access/client';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Partner } from '../context.js';
import type { OnboardingOutcome } from '../onboarding/outcome.js';
import { csrfToken, csrfValid, loadSession, replaceSession, sessionOf } from './session.js';
import { STYLESHEET } from './style.js';
import { accountPage, adminPage, codePage, messagePage, type PageContext, signInPage } from './views.js';

/**
 * The linked customer's Wise profile, read with the central token store: this is where tokens are
 * refreshed ahead of expiry, recovered from the registration code, or found dead, which marks the customer
 * as needing to link again (contract §10.8) before the page is drawn.
 */
async function wiseProfile(
  partner: Partner,
  customerId: string,
): Promise<{ kind: 'none' } | { kind: 'profile'; profile: Profile } | { kind: 'unreachable' }> {
  const link = await partner.stores.links.get(customerId);
  if (link?.state !== 'linked' || !link.wiseProfileId) return { kind: 'none' };
  const profileId = link.wiseProfileId;
  try {
    const profile = await partner.tokens.withAccessToken(customerId, (token) =>
      partner.client.getProfile(token, profileId, { timeoutMs: 5000 }),
    );
    return { kind: 'profile', profile };
  } catch (error) {
    return isRelinkRequired(error) ? { kind: 'none' } : { kind: 'unreachable' };
  }
}

/** Thrown for a refused request: rendered as a plain page with this status, never a stack trace. */
export class PageError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

function securityHeaders(partner: Partner): Record<string, string> {
  const authorizeOrigin = new URL(partner.config.wise.authorizeUrl).origin;
  return {
    'cache-control': 'no-store',
    // form-action also governs where a form's POST may redirect: the connect form redirects to the
    // platform's authorize page (contract §10.3), so its origin is allowed, nothing else.
    'content-security-policy':
      `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' ${authorizeOrigin}; ` +
      "frame-ancestors 'none'; base-uri 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // The callback URL carries a code: it must never leak to another site in a Referer.
    'referrer-policy': 'no-referrer',
  };
}

/**
 * The bank's web app: server-rendered pages, a session cookie, CSRF on every POST. Never listens
 * (`startPartner` does), so tests inject requests or start it on any port.
 */
export function createPartnerApp(partner: Partner): FastifyInstance {
  const app = Fastify({
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 64 * 1024,
    logger:
      partner.config.logLevel === 'silent'
        ? false
        : {
            level: partner.config.logLevel,
            // The callback query holds a code and the cookie a session: neither is logged.
            serializers: { req: (req) => ({ method: req.method, path: req.url.split('?')[0] }) },
          },
  });
  const headers = securityHeaders(partner);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, new URLSearchParams(body as string)),
  );

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(headers);
    if (request.url.startsWith('/static/') || request.url === '/health') return;
    await loadSession(partner, request, reply);
  });
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST') return;
    const form = request.body instanceof URLSearchParams ? request.body : null;
    if (!form || !csrfValid(partner, sessionOf(request), form.get('_csrf'))) {
      throw new PageError(
        403,
        'Request refused',
        'This form has expired. Go back, reload the page and try again.',
      );
    }
  });

  const ctx = async (request: FastifyRequest): Promise<PageContext> => {
    const session = sessionOf(request);
    const customer = session.customerId ? await partner.stores.customers.get(session.customerId) : null;
    return { csrf: csrfToken(partner, session), customer, demo: partner.config.demo };
  };
  const send = (reply: FastifyReply, page: string, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').send(page);
  const signedIn = async (request: FastifyRequest) => {
    const c = await ctx(request);
    if (!c.customer) throw new PageError(401, 'Please sign in', 'Sign in to see your account.');
    return { ctx: c, customer: c.customer };
  };
  const field = (request: FastifyRequest, name: string) =>
    request.body instanceof URLSearchParams ? request.body.get(name) : null;

  app.setErrorHandler(async (error, request, reply) => {
    const page = error instanceof PageError ? error : null;
    if (!page) request.log.error({ err: error }, 'unexpected error');
    const status = page?.status ?? (error as { statusCode?: number }).statusCode ?? 500;
    const safe = status >= 400 && status < 500;
    const c: PageContext = { csrf: '', customer: null, demo: partner.config.demo };
    return send(
      reply,
      messagePage(
        c,
        page?.title ?? (safe ? 'Request refused' : 'Something went wrong'),
        page?.message ??
          (safe
            ? 'The request was not understood.'
            : `Something went wrong on our side (reference ${request.id}).`),
      ),
      status,
    );
  });
  app.setNotFoundHandler(async (_request, reply) =>
    send(
      reply,
      messagePage({ csrf: '', customer: null, demo: false }, 'Not found', 'There is no such page.'),
      404,
    ),
  );

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/static/app.css', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(STYLESHEET),
  );

  app.get('/', async (request, reply) => {
    const c = await ctx(request);
    if (c.customer) return reply.redirect('/account', 303);
    if (!partner.config.demo)
      return send(reply, messagePage(c, 'Demo Bank', 'Sign-in is not available here.'));
    const customers = await partner.stores.customers.list();
    return send(reply, signInPage(c, customers));
  });

  app.post('/sign-in', async (request, reply) => {
    if (!partner.config.demo) throw new PageError(404, 'Not found', 'There is no such page.');
    const customer = await partner.stores.customers.get(field(request, 'customerId') ?? '');
    if (!customer) throw new PageError(400, 'Sign-in refused', 'There is no such customer.');
    await replaceSession(partner, request, reply, customer.id);
    return reply.redirect('/account', 303);
  });

  app.post('/sign-out', async (request, reply) => {
    await replaceSession(partner, request, reply, null);
    return reply.redirect('/', 303);
  });

  app.get('/account', async (request, reply) => {
    const { ctx: c, customer } = await signedIn(request);
    const busy = typeof (request.query as Record<string, unknown>)['busy'] === 'string';
    let notice = busy
      ? 'We are still working on your Wise account. This page shows where it stands.'
      : undefined;
    const wise = await wiseProfile(partner, customer.id);
    if (wise.kind === 'unreachable')
      notice = 'We could not reach Wise just now; what you see may be out of date.';
    const link = await partner.stores.links.get(customer.id);
    if (!link) throw new PageError(500, 'Something went wrong', 'Your account has no Wise record.');
    const profile = wise.kind === 'profile' ? wise.profile : null;
    return send(
      reply,
      accountPage(c, customer, link, { termsUrl: partner.client.termsUrl(), notice, profile }),
    );
  });

  const outcome = async (request: FastifyRequest, reply: FastifyReply, result: OnboardingOutcome) => {
    const c = await ctx(request);
    switch (result.kind) {
      case 'linked':
        return send(reply, messagePage(c, 'Wise account connected', 'Your Wise account is connected.', 'ok'));
      case 'redirect':
        // A full-page navigation to the platform (contract §10.3: never an embedded view).
        return reply.redirect(result.authorizeUrl, 303);
      case 'enter_code':
        return result.message
          ? send(reply, codePage(c, result.message), 400)
          : reply.redirect('/wise/code', 303);
      case 'busy':
        return reply.redirect('/account?busy=1', 303);
      case 'code_not_expected':
        return send(reply, messagePage(c, 'Code not used', result.message), 409);
      case 'failed':
        return send(reply, messagePage(c, 'Wise account not connected', result.message), 200);
      case 'state_refused':
        return send(reply, messagePage(c, 'Connection refused', result.message), 400);
    }
  };

  app.post('/wise/connect', async (request, reply) => {
    const { customer } = await signedIn(request);
    return outcome(request, reply, await partner.onboarding.connect(customer.id, sessionOf(request).id));
  });

  app.get('/wise/callback', async (request, reply) => {
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    return outcome(request, reply, await partner.onboarding.callback(sessionOf(request).id, query));
  });

  app.get('/wise/code', async (request, reply) => {
    const { ctx: c } = await signedIn(request);
    return send(reply, codePage(c));
  });

  app.post('/wise/code', async (request, reply) => {
    const { customer } = await signedIn(request);
    const code = field(request, 'code') ?? '';
    return outcome(request, reply, await partner.onboarding.submitEmailCode(customer.id, code));
  });

  app.get('/admin', async (request, reply) => {
    if (!partner.config.demo) throw new PageError(404, 'Not found', 'There is no such page.');
    const c = await ctx(request);
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
    return send(reply, adminPage(c, rows));
  });

  return app;
}
