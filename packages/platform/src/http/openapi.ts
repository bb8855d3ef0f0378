import { readFileSync } from 'node:fs';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { cookieName } from './cookies.js';

/** Issue 15: the machine-readable description and the reference page rendered from it. */
export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

/** The platform package's own version (src/ and dist/ sit at the same depth below it). */
const VERSION: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

/** The tags every operation is filed under, in the order the reference page shows them. */
export const TAGS = [
  {
    name: 'oauth',
    description: 'OAuth 2.0: the token, revocation and introspection endpoints, the metadata.',
  },
  { name: 'users', description: 'Users: sign-up, existence, the user behind a token, contact email.' },
  { name: 'profiles', description: 'Personal and business profiles, addresses, business people, updates.' },
  { name: 'verification', description: 'Verification documents, status and trusted verification.' },
  { name: 'webhooks', description: 'Webhook subscriptions of an application, and their test notifications.' },
  { name: 'simulation', description: 'Sandbox simulation endpoints, as Wise’s sandbox has them.' },
  {
    name: 'hosted pages',
    description:
      'HTML pages a person sees: the authorization, login, consent and emailed-code pages, the account pages.',
  },
  {
    name: 'sandbox',
    description:
      'The sandbox control plane under /_sandbox/: not part of Wise’s API. Mounted in sandbox mode only, and ' +
      'locked by the sandbox key except to this machine in development and test mode.',
  },
  { name: 'operations', description: 'Health, readiness, metrics, this description and the icons.' },
] as const;

export type Tag = (typeof TAGS)[number]['name'];

/**
 * How a caller proves who it is; route schemas name these in `security`. The sandbox key is what
 * sandbox/guard.ts accepts: `Authorization: Bearer <PLATFORM_SANDBOX_KEY>` or the inspector's login cookie.
 */
function securitySchemes(platform: Platform) {
  return {
    clientBasic: {
      type: 'http',
      scheme: 'basic',
      description:
        'The partner’s client id and client secret (HTTP Basic), at the token endpoint and its peers.',
    },
    clientToken: {
      type: 'http',
      scheme: 'bearer',
      description: 'An access token of the client_credentials grant: the partner acting as itself.',
    },
    userToken: {
      type: 'http',
      scheme: 'bearer',
      description: 'A user access token (authorization_code, registration_code or refresh_token grant).',
    },
    sandboxKey: {
      type: 'http',
      scheme: 'bearer',
      description:
        'The sandbox key, PLATFORM_SANDBOX_KEY, as a Bearer token. Not needed from this machine in ' +
        'development and test mode; wrong keys are counted per address (429 past the limit).',
    },
    sandboxSession: {
      type: 'apiKey',
      in: 'cookie',
      name: cookieName(platform, 'sandbox'),
      description: 'The inspector’s login cookie, set by POST /_sandbox/login with the sandbox key.',
    },
  } as const;
}

/**
 * The reference page's Content-Security-Policy: everything from this origin only (the bundle, its styles
 * and the document), inline styles for the renderer's own markup, the logo as a data: image. The hosted
 * pages' policy (page-headers.ts) forbids scripts; this page is one.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The OpenAPI 3.1 document, generated from every route's schema: `@fastify/swagger` collects the routes as
 * they are added, so this is registered before any route.
 */
export function registerOpenApi(app: FastifyInstance, platform: Platform): void {
  app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `${platform.config.platformName} platform`,
        version: VERSION,
        description:
          'A Wise-compatible OAuth 2.0 authorization server and partner account API (docs/wise-contract.md). ' +
          'The `sandbox` tag is this platform’s own control plane, not part of Wise’s API.',
      },
      servers: [{ url: platform.config.issuer }],
      components: { securitySchemes: securitySchemes(platform) },
      tags: [...TAGS],
    },
    transformObject: (built) =>
      'openapiObject' in built ? examplesOnMediaTypes(built.openapiObject) : built.swaggerObject,
  });
}

type MediaType = {
  schema?: { examples?: unknown[]; 'x-examples'?: Record<string, object> };
  example?: unknown;
  examples?: object;
};

/**
 * Where the examples are: on the media type, as `example` (one) or `examples` (several, named), which is what
 * Swagger UI shows and what a mock server (Prism) answers with. A body's or response's schema says them at
 * its top, as `examples` (a list) or `x-examples` (named, with a summary each); @fastify/swagger moves a
 * plain schema's there itself, and this does the same for the responses given as `content` (describe.ts
 * `json`), so every operation has them in the one place. A nested schema keeps its own `examples` (JSON
 * Schema 2020-12 §9.5, which OpenAPI 3.1 schemas are).
 */
export function examplesOnMediaTypes<T>(document: T): T {
  const lift = (media: MediaType) => {
    const { schema } = media;
    if (!schema || media.example !== undefined || media.examples !== undefined) return;
    const { examples, 'x-examples': named } = schema;
    if (named !== undefined) media.examples = named;
    else if (Array.isArray(examples) && examples.length === 1) media.example = examples[0];
    else if (Array.isArray(examples))
      media.examples = Object.fromEntries(examples.map((value, i) => [`example${i + 1}`, { value }]));
    delete schema.examples;
    delete schema['x-examples'];
  };
  const paths = (document as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  for (const item of Object.values(paths))
    for (const operation of Object.values(item)) {
      const { requestBody, responses } = operation as {
        requestBody?: { content?: Record<string, MediaType> };
        responses?: Record<string, { content?: Record<string, MediaType> }>;
      };
      for (const media of Object.values(requestBody?.content ?? {})) lift(media);
      for (const response of Object.values(responses ?? {}))
        for (const media of Object.values(response?.content ?? {})) lift(media);
    }
  return document;
}

/**
 * `GET /openapi.json`, the document, and `GET /docs`, the reference page rendered from it, whose bundle
 * the platform serves itself (no CDN). Registered after the hooks that wrap every route (log, metrics).
 */
export function registerApiReference(app: FastifyInstance, platform: Platform): void {
  app.register(swaggerUi, {
    routePrefix: DOCS_PATH,
    staticCSP: DOCS_CONTENT_SECURITY_POLICY,
    // The document is the platform's own; no request leaves for a validator service.
    validatorUrl: null,
    theme: { title: `${platform.config.platformName} platform API` },
  } as never);
  app.register(async (scope) => {
    scope.get(
      OPENAPI_PATH,
      {
        schema: {
          summary: 'This OpenAPI 3.1 document',
          tags: ['operations'],
          response: {
            200: {
              description: 'The OpenAPI document.',
              type: 'object',
              required: ['openapi', 'info', 'paths'],
              properties: {
                openapi: { const: '3.1.0' },
                info: { type: 'object' },
                paths: { type: 'object' },
              },
              examples: [
                {
                  openapi: '3.1.0',
                  info: { title: 'Account access platform', version: VERSION },
                  paths: { '/health': { get: { summary: 'Liveness: the process answers' } } },
                },
              ],
            },
          },
        },
      },
      async () => scope.swagger(),
    );
  });
}
