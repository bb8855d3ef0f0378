import { randomUUID } from 'node:crypto';
import { READY_BODY, readinessProblem } from '@account-access/db';
import { FAVICON_CACHE_CONTROL, FAVICONS, firstUnstorable, requestRecorder } from '@account-access/kit';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerFactory,
  LogController,
} from 'fastify';
import type { PartnerConfig } from '../config/config.js';
import type { Partner } from '../context.js';
import { pendingPartnerMigrations } from '../store/open.js';
import { PageError, pageError } from './errors.js';
import { securityHeaders } from './headers.js';
import { bare, send } from './pages.js';
import { accountRoutes } from './routes/account.js';
import { adminRoutes } from './routes/admin.js';
import { disconnectRoutes } from './routes/disconnect.js';
import { signInRoutes } from './routes/sign-in.js';
import { WEBHOOK_ROUTE, webhookRoutes } from './routes/webhooks.js';
import { wiseRoutes } from './routes/wise.js';
import { csrfAccepted } from './session.js';
import { STYLESHEET } from './style.js';
import { messagePage } from './views.js';

export { PageError } from './errors.js';

/**
 * The bank's web app: server-rendered pages, a session cookie, CSRF on every POST. Never listens
 * (`startPartner` does), so tests inject requests or start it on any port.
 */
export function createPartnerApp(
  partner: Partner,
  /** The server to answer on, already listening (`startPartner` binds it first, for the public URL's port). */
  serverFactory?: FastifyServerFactory,
): FastifyInstance {
  const app = fastifyFor(partner.config, serverFactory);
  acceptForms(app);
  guardRequests(app, partner);
  renderErrors(app, partner);
  observe(app, partner);
  app.get('/static/app.css', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(STYLESHEET),
  );
  // The kit's icon, shared with the platform (issue 13 item 8).
  for (const [path, icon] of Object.entries(FAVICONS)) {
    app.get(path, async (_request, reply) =>
      reply.header('cache-control', FAVICON_CACHE_CONTROL).type(icon.type).send(icon.body),
    );
  }
  signInRoutes(app, partner);
  accountRoutes(app, partner);
  wiseRoutes(app, partner);
  disconnectRoutes(app, partner);
  adminRoutes(app, partner);
  webhookRoutes(app, partner);
  return app;
}

function fastifyFor(
  config: Pick<PartnerConfig, 'logLevel' | 'wise'>,
  serverFactory: FastifyServerFactory | undefined,
): FastifyInstance {
  return Fastify({
    ...(serverFactory ? { serverFactory } : {}),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 64 * 1024,
    // Issue 15: one line per request, written by `observe`, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // A path that is not valid percent-encoded UTF-8 (a lone surrogate) is the plain refusal page (issue 12).
    frameworkErrors: (_error, _request, reply) => {
      const { title, message, status } = pageError('bad_request');
      send(reply as FastifyReply, messagePage(bare(config), title, message), status);
    },
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // The callback query holds a code and the cookie a session: neither is logged.
            serializers: { req: (req) => ({ method: req.method, path: req.url.split('?')[0] }) },
          },
  });
}

/**
 * Issue 15, what an operator watches: one log line and the metrics of every request (the kit's recorder; the
 * path only, since the callback's query holds a code), liveness `/health`, readiness `/ready` (the database
 * answers, every migration applied) and `/metrics` here when PARTNER_METRICS is `public` (server.ts: `port`).
 */
function observe(app: FastifyInstance, partner: Partner): void {
  app.addHook(
    'onResponse',
    requestRecorder<FastifyRequest>(partner.metrics, { url: (request) => request.url.split('?')[0] ?? '/' }),
  );
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    const problem = await readinessProblem(() => pendingPartnerMigrations(partner.db));
    if (!problem) return READY_BODY;
    return reply
      .code(503)
      .header('retry-after', '5')
      .send({ errors: [{ code: 'SERVICE_UNAVAILABLE', message: problem }] });
  });
  if (partner.config.metrics === 'public')
    app.get('/metrics', async (_request, reply) =>
      reply.type(partner.metrics.contentType).send(await partner.metrics.text()),
    );
}

/** Only HTML forms are accepted, parsed into `URLSearchParams`. */
function acceptForms(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    const form = new URLSearchParams(body as string);
    // Issue 12: a field PostgreSQL could not store is refused here, never met inside a query.
    if (firstUnstorable(form) !== null) done(pageError('unstorable'), undefined);
    else done(null, form);
  });
  // The same for path parameters, query values and headers, before any route reads them.
  app.addHook('onRequest', async (request) => {
    for (const values of [request.params, request.query, request.headers] as (object | undefined)[]) {
      if (firstUnstorable(values) !== null) throw pageError('unstorable');
    }
  });
}

/**
 * Security headers on every response; every POST must carry the CSRF token of its session, except the
 * webhook receiver's, which is authenticated by its signature instead (contract §11).
 */
function guardRequests(app: FastifyInstance, partner: Partner): void {
  const headers = securityHeaders(partner.config);
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST') return;
    const route = request.routeOptions.config as Partial<typeof WEBHOOK_ROUTE>;
    if (route.webhook === WEBHOOK_ROUTE.webhook) return;
    const form = request.body instanceof URLSearchParams ? request.body : null;
    if (!form || !(await csrfAccepted(partner, request, form.get('_csrf')))) throw pageError('csrf_failed');
  });
}

/** One renderer for every refusal and failure: a plain page, never a stack trace. */
function renderErrors(app: FastifyInstance, partner: Partner): void {
  app.setErrorHandler(async (error, request, reply) => {
    const known = error instanceof PageError ? error : null;
    if (!known) request.log.error({ err: error }, 'unexpected error');
    const status = known?.status ?? (error as { statusCode?: number }).statusCode ?? 500;
    const refused = status >= 400 && status < 500 ? pageError('bad_request') : null;
    const shown = known ?? refused;
    const ctx = { ...bare(partner.config), demo: partner.config.demo };
    const title = shown?.title ?? 'Something went wrong';
    const message = shown?.message ?? `Something went wrong on our side (reference ${request.id}).`;
    return send(reply, messagePage(ctx, title, message), status);
  });
  app.setNotFoundHandler(async (_request, reply) => {
    const { title, message } = pageError('not_found');
    return send(reply, messagePage(bare(partner.config), title, message), 404);
  });
}
