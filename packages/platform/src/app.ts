import { randomUUID } from 'node:crypto';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerFactory,
  LogController,
} from 'fastify';
import { registerAccountRoutes } from './account/routes.js';
import { registerAddressRoutes } from './api/addresses.js';
import { registerBusinessPeopleRoutes } from './api/business-people.js';
import { registerClaimAccountRoutes } from './api/claim-account.js';
import { registerProfileV1Routes } from './api/profiles-v1.js';
import { registerProfileV2Routes } from './api/profiles-v2.js';
import { registerTermsRoutes } from './api/terms.js';
import { registerTrustedVerificationRoutes } from './api/trusted-verification.js';
import { registerUserContactRoutes } from './api/user-contact.js';
import { registerUserRoutes } from './api/users.js';
import { registerVerificationDocumentRoutes } from './api/verification-documents.js';
import { registerVerificationStatusRoutes } from './api/verification-status.js';
import { registerWebhookRoutes } from './api/webhooks.js';
import type { Platform } from './context.js';
import { registerEmailCodeRoutes } from './email-code/routes.js';
import { InvalidRequest, NotFound } from './errors/errors.js';
import { registerHomeRoutes } from './home/routes.js';
import { FormParams } from './http/form.js';
import { parseJsonBody } from './http/json.js';
import { serializeRequest } from './http/log-redaction.js';
import { registerObservability } from './http/observe.js';
import { allowOwnScript, nameEveryPage } from './http/page-headers.js';
import { familyForPath, renderError } from './http/render-error.js';
import { AJV_OPTIONS, registerSchemaErrors } from './http/schema-errors.js';
import { parserErrorFor, refuseUnstorable } from './http/storable.js';
import { routedUrl } from './http/version-prefix.js';
import { registerInteractionRoutes } from './interaction/routes.js';
import { registerAuthorize } from './oauth/authorize.js';
import { registerIntrospectionEndpoint } from './oauth/introspect.js';
import { registerMetadata } from './oauth/metadata.js';
import { registerRevokeEndpoint } from './oauth/revoke.js';
import { registerTokenEndpoint } from './oauth/token-endpoint.js';
import { registerSandboxHooks, registerSandboxRoutes } from './sandbox/index.js';
import type { SeedFile } from './seed.js';
import { registerSimulationRoutes } from './simulation/index.js';

/**
 * The platform's HTTP application. Registers every route and the single error renderer; never listens
 * (server.ts does), so tests and the CLI can start it on any port or inject requests in-process.
 */
/** A hop count becomes the function Fastify itself would build from it (its types take no number). */
function trustProxyOption(
  value: Platform['config']['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return typeof value === 'boolean' ? value : [...value];
}

export function createApp(
  platform: Platform,
  options: {
    logStream?: { write(line: string): void };
    /** The server to answer on, already listening (server.ts binds it first, for the issuer's port). */
    serverFactory?: FastifyServerFactory;
    /** The seed the platform started with: what `POST /_sandbox/reset` goes back to. */
    seed?: SeedFile | null;
  } = {},
): FastifyInstance {
  const app = Fastify({
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
    bodyLimit: platform.config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    rewriteUrl: (req) => routedUrl(req.url ?? '/', platform.now()),
    return503OnClosing: true,
    // Issue 15: route schemas validate the body as sent (no coercion, no defaults); http/schema-errors.ts.
    ajv: { customOptions: { ...AJV_OPTIONS, keywords: [...AJV_OPTIONS.keywords] } },
    // Issue 15: one line per request, written by http/observe.ts, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // A path that is not valid percent-encoded UTF-8 (`%ED%A0%80`, a lone surrogate) never reaches a route:
    // Fastify refuses it here, and the one renderer writes that 400 in the route's family (issue 12).
    frameworkErrors: (error, request, reply) => {
      const rendered = renderError(error, request.url, request.id);
      (reply as FastifyReply).code(rendered.status).headers(rendered.headers).send(rendered.body);
    },
    // Behind a reverse proxy every request comes from the proxy; `request.ip` is the person only if trusted.
    trustProxy: trustProxyOption(platform.config.trustProxy),
    logger:
      platform.config.logLevel === 'silent'
        ? false
        : {
            level: platform.config.logLevel,
            // Secrets travel in headers and bodies; neither is logged (architecture "Secrets at rest").
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            // Single-use tokens travel in URLs (emailed links, codes, claim codes): blanked in the log.
            serializers: { req: serializeRequest },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
  });

  // Responses are written as the handlers return them: a response schema describes, it never drops a field.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(parserErrorFor(req.url, error) as Error, undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
    try {
      done(null, new FormParams(body as string));
    } catch (error) {
      done(parserErrorFor(req.url, error) as Error, undefined);
    }
  });
  // Issue 12: values PostgreSQL cannot store are refused before any route reads them (http/storable.ts).
  app.addHook('onRequest', refuseUnstorable);

  // Issue 11: the sandbox clock is shared through the database; one cheap read per request keeps this
  // instance's platform.now() in step with an advance made on another instance.
  // A failed read keeps the offset held (the route meets a broken database on its own, /health does not).
  if (platform.config.sandbox)
    app.addHook('onRequest', async (request) => {
      await platform.clock.refresh().catch((error: unknown) => {
        request.log.warn({ err: error }, 'reading the sandbox clock failed; the held offset is used');
      });
    });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  app.addHook('onSend', allowOwnScript);
  app.addHook('onSend', nameEveryPage(platform.config.platformName));

  app.setErrorHandler((error, request, reply) => {
    const rendered = renderError(error, request.url, request.id);
    if (rendered.unexpected) request.log.error({ err: error }, 'unexpected error');
    reply.code(rendered.status).headers(rendered.headers).send(rendered.body);
  });
  app.setNotFoundHandler((request) => {
    throw familyForPath(request.url) === 'oauth'
      ? new InvalidRequest(`There is no ${request.method} ${request.url.split('?')[0]}.`, 404)
      : new NotFound(`There is no ${request.method} ${request.url.split('?')[0]}.`);
  });

  // Issue 15: schema errors in the contract's two families; before any route (it is an onRoute hook).
  registerSchemaErrors(app);
  // Issue 15: the request log line and metrics, /health, /ready and /metrics.
  registerObservability(app, platform);
  // Issue 11: the request journal and the faults wrap every route, so they are added before any.
  registerSandboxHooks(app, platform);
  registerHomeRoutes(app, platform);
  registerTokenEndpoint(app, platform);
  registerRevokeEndpoint(app, platform);
  registerIntrospectionEndpoint(app, platform);
  registerMetadata(app, platform);
  registerUserRoutes(app, platform);
  registerUserContactRoutes(app, platform);
  registerProfileV2Routes(app, platform);
  registerProfileV1Routes(app, platform);
  registerAddressRoutes(app, platform);
  registerBusinessPeopleRoutes(app, platform);
  registerVerificationDocumentRoutes(app, platform);
  registerVerificationStatusRoutes(app, platform);
  registerTrustedVerificationRoutes(app, platform);
  registerClaimAccountRoutes(app, platform);
  registerTermsRoutes(app, platform);
  registerWebhookRoutes(app, platform);
  registerSandboxRoutes(app, platform, { seed: options.seed ?? null });
  registerSimulationRoutes(app, platform);
  registerAuthorize(app, platform);
  registerInteractionRoutes(app, platform);
  registerEmailCodeRoutes(app, platform);
  registerAccountRoutes(app, platform);
  return app;
}
