import type { FastifyInstance, FastifySchema } from 'fastify';
import { formValidatorCompiler, hasFormBody } from './form-schema.js';
import type { Tag } from './openapi.js';
import { validatesBySchema } from './schema-errors.js';

/**
 * Issue 15: how a feature describes the routes it registers without a schema of their own (the OAuth
 * endpoints, the hosted pages, the control plane): a table of `"METHOD /url"` → schema beside the routes,
 * attached as Fastify registers them. Their `response` entries are checked in test mode
 * (http/response-check.ts). The request part validates as a route's own schema does (http/schema-errors.ts:
 * the family of its path, reported by `validated(request)` after authentication; a form body through
 * http/form-schema.ts), except on the routes that answer HTML pages.
 */
export interface RouteDescription extends FastifySchema {
  summary: string;
  description?: string;
  tags: [Tag];
  security?: Record<string, string[]>[];
}

export type RouteDescriptions = Readonly<Record<string, RouteDescription>>;

/** Attaches each description to its route as the route is registered; a route with a schema keeps its own. */
export function describeRoutes(app: FastifyInstance, ...tables: RouteDescriptions[]): void {
  const table = Object.assign({}, ...tables) as RouteDescriptions;
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const description = table[`${method} ${route.url}`];
      if (!description || route.schema) continue;
      route.schema = description;
      if (answersPages(description)) {
        // Described, not validated: a hosted page's errors are the form shown again with a message at each
        // field (or an error page), not a body of either family, so its own code reads and checks the form.
        route.validatorCompiler = () => () => true;
        continue;
      }
      if (hasFormBody(description)) route.validatorCompiler = formValidatorCompiler;
      validatesBySchema(route);
    }
  });
}

/** Whether a route's errors are HTML pages (`hostedPage`): its input is then described, not validated. */
function answersPages(description: RouteDescription): boolean {
  const fallback = (description.response as Record<string, { content?: object }> | undefined)?.['default'];
  return fallback?.content !== undefined && 'text/html' in fallback.content;
}

const string = { type: 'string' } as const;

/** OAuth's error body (RFC 6749 §5.2), as every /oauth route but the hosted pages answers. */
export const OAUTH_ERROR = {
  type: 'object',
  required: ['error'],
  properties: { error: string, error_description: string },
  examples: [{ error: 'invalid_grant', error_description: 'Invalid user credentials.' }],
} as const;

/** Wise's validation error body (contract "Errors"): `errors[]` of code, message, path and arguments. */
export const WISE_ERRORS = {
  type: 'object',
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: string, message: string, path: string, arguments: { type: 'array' } },
      },
    },
  },
  examples: [{ errors: [{ code: 'NOT_FOUND', message: 'There is no GET /_sandbox/nothing.' }] }],
} as const;

/** Named examples, each with a summary: what Swagger UI offers in its list and Prism answers by name. */
export type NamedExamples = Readonly<Record<string, { summary: string; value: unknown }>>;

/**
 * A schema's examples at its top: a list (`examples`), or named (`x-examples`). The document shows them on
 * the media type either way (http/openapi.ts `examplesOnMediaTypes`).
 */
export const withExamples = <S extends object>(schema: S, examples: readonly unknown[] | NamedExamples) =>
  Array.isArray(examples) ? { ...schema, examples } : { ...schema, 'x-examples': examples };

const json = (schema: object, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Any error of the OAuth family. */
export const oauthErrors = { default: json(OAUTH_ERROR, 'An OAuth error (RFC 6749 §5.2).') };

/** Any error of the validation family. */
export const wiseErrors = { default: json(WISE_ERRORS, 'An error: Wise’s `errors[]` body.') };

/** An HTML page (a hosted page's errors are pages too: http/render-error.ts). */
export const page = (description: string) => ({
  description,
  content: { 'text/html': { schema: string } },
});

/** A redirect (302 or 303) to the next page or to the partner's redirect_uri. */
export const redirect = (description: string) => ({
  description,
  headers: { location: { schema: string, description: 'Where the browser goes next.' } },
});

/** The responses of a hosted page: the page, or a redirect; any error is an HTML error page. */
export const hostedPage = (what: string, redirects?: string) => ({
  200: page(what),
  ...(redirects ? { 302: redirect(redirects), 303: redirect(redirects) } : {}),
  default: page('An error page (HTML) that says what went wrong.'),
});

/**
 * A form body (`application/x-www-form-urlencoded`) with these string fields, and what a browser or a
 * partner sends in it: every form has an example.
 */
export function formBody(
  fields: Record<string, string>,
  required: string[],
  examples: readonly Record<string, string>[] | NamedExamples,
) {
  const schema = {
    type: 'object',
    required,
    properties: Object.fromEntries(
      Object.entries(fields).map(([name, description]) => [name, { type: 'string', description }]),
    ),
  };
  return { content: { 'application/x-www-form-urlencoded': { schema: withExamples(schema, examples) } } };
}

/** A form token as the hosted pages' forms carry it (the kit's derived CSRF token, base64url). */
export const CSRF_EXAMPLE = 'Vt3lq0mX8c2kR9wYp4sJbN7eQa1uHf6zLd5oGi0TyKc';

/** The form of a page's button that sends only its form token. */
export const csrfForm = () => formBody({ csrf: 'the page’s form token' }, ['csrf'], [{ csrf: CSRF_EXAMPLE }]);

/** A JSON object with these properties (none required unless named), open to more. */
export function object(properties: Record<string, object>, required: string[] = []) {
  return { type: 'object', required, properties } as const;
}

export { json };
