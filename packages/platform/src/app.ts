import { randomUUID } from 'node:crypto';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerFactory,
  LogController,
  type RouteOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import { ACCOUNT_DESCRIPTIONS } from './account/descriptions.js';
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
import { EMAIL_CODE_DESCRIPTIONS } from './email-code/descriptions.js';
import { registerEmailCodeRoutes } from './email-code/routes.js';
import { InvalidRequest, NotFound } from './errors/errors.js';
import { HOME_DESCRIPTIONS } from './home/descriptions.js';
import { registerHomeRoutes } from './home/routes.js';
import { describeRoutes } from './http/describe.js';
import { FormParams } from './http/form.js';
import { jsonValidatorCompiler } from './http/form-schema.js';
import { parseJsonBody } from './http/json.js';
import { serializeRequest } from './http/log-redaction.js';
import { registerObservability } from './http/observe.js';
import { registerApiReference, registerOpenApi } from './http/openapi.js';
import { allowOwnScript, nameEveryPage } from './http/page-headers.js';
import { familyForPath, renderError } from './http/render-error.js';
import { checkResponses } from './http/response-check.js';
import { registerSchemaErrors } from './http/schema-errors.js';
import { parserErrorFor, refuseUnstorable } from './http/storable.js';
import { routedUrl } from './http/version-prefix.js';
import { INTERACTION_DESCRIPTIONS } from './interaction/descriptions.js';
import { registerInteractionRoutes } from './interaction/routes.js';
import { registerAuthorize } from './oauth/authorize.js';
import { OAUTH_DESCRIPTIONS } from './oauth/descriptions.js';
import { registerIntrospectionEndpoint } from './oauth/introspect.js';
import { registerMetadata } from './oauth/metadata.js';
import { registerRevokeEndpoint } from './oauth/revoke.js';
import { registerTokenEndpoint } from './oauth/token-endpoint.js';
import { SANDBOX_DESCRIPTIONS } from './sandbox/descriptions.js';
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
    /** Told of every route as Fastify registers it (the OpenAPI tests compare them with the document). */
    onRoute?: (route: RouteOptions) => void;
  } = {},
): FastifyInstance {
  const app = Fastify({
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
    bodyLimit: platform.config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    rewriteUrl: (req) => routedUrl(req.url ?? '/', platform.now()),
    return503OnClosing: true,
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

  // Issue 15: route schemas validate the input as sent (no coercion, no defaults; http/schema-errors.ts), each
  // compiled on its route's first request (issue 14, http/form-schema.ts).
  app.setValidatorCompiler(jsonValidatorCompiler);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  // Issue 15: route schemas describe and (in tests) check responses; they never reshape them. Fastify's
  // default serializer would drop every property a schema does not name, so bodies are plain JSON.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  if (platform.config.mode === 'test') checkResponses(app);

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
  // Issue 15: the OpenAPI document collects every route as it is added, so it is registered first, and the
  // routes are added in a plugin loaded after it (fastify-plugin: on the app itself, not a child scope).
  registerOpenApi(app, platform);
  app.register(
    fp(async (routes: FastifyInstance) => {
      // Issue 15: the request log line and metrics, /health, /ready and /metrics.
      registerObservability(routes, platform);
      // Issue 11: the request journal and the faults wrap every route, so they are added before any.
      registerSandboxHooks(routes, platform);
      registerApiReference(routes, platform);
      // Issue 15: the schemas of the routes whose code checks its own input (http/describe.ts).
      describeRoutes(
        routes,
        HOME_DESCRIPTIONS,
        OAUTH_DESCRIPTIONS,
        INTERACTION_DESCRIPTIONS,
        EMAIL_CODE_DESCRIPTIONS,
        ACCOUNT_DESCRIPTIONS,
        SANDBOX_DESCRIPTIONS,
      );
      registerHomeRoutes(routes, platform);
      registerTokenEndpoint(routes, platform);
      registerRevokeEndpoint(routes, platform);
      registerIntrospectionEndpoint(routes, platform);
      registerMetadata(routes, platform);
      registerUserRoutes(routes, platform);
      registerUserContactRoutes(routes, platform);
      registerProfileV2Routes(routes, platform);
      registerProfileV1Routes(routes, platform);
      registerAddressRoutes(routes, platform);
      registerBusinessPeopleRoutes(routes, platform);
      registerVerificationDocumentRoutes(routes, platform);
      registerVerificationStatusRoutes(routes, platform);
      registerTrustedVerificationRoutes(routes, platform);
      registerClaimAccountRoutes(routes, platform);
      registerTermsRoutes(routes, platform);
      registerWebhookRoutes(routes, platform);
      registerSandboxRoutes(routes, platform, { seed: options.seed ?? null });
      registerSimulationRoutes(routes, platform);
      registerAuthorize(routes, platform);
      registerInteractionRoutes(routes, platform);
      registerEmailCodeRoutes(routes, platform);
      registerAccountRoutes(routes, platform);
    }),
  );
  return app;
}
