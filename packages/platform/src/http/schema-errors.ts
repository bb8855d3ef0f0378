import type {
  FastifyInstance,
  FastifyRequest,
  FastifySchema,
  FastifySchemaValidationError,
  RouteOptions,
} from 'fastify';
import type { SchemaErrorDataVar, SchemaErrorFormatter } from 'fastify/types/schema.js';
import type { ValidationCode } from '../errors/catalogue.js';
import {
  type BodyFamily,
  type FieldError,
  InvalidRequest,
  type PlatformError,
  ValidationError,
} from '../errors/errors.js';
import { familyForPath } from './render-error.js';

/**
 * Issue 15: route schemas validate through Fastify's ajv, and this module turns ajv's errors into the
 * contract's bodies ("Error bodies: two families"). The family of a route is the one the renderer already
 * gives its path (`familyForPath`: `/oauth/*` speaks OAuth, the rest Wise's validation family); a route may
 * say otherwise with `config: { errorFamily: 'oauth' | 'validation' }`.
 *
 * Wise's validation family, one entry per field, in the order of the schema's `properties`:
 * - a required field absent or null: `NotNull` "must not be null";
 * - another JSON type: `TypeMismatch` "must be a string" (an object, an integer, ...);
 * - `minLength`/`maxLength`: `Size` "size must be between N and M", arguments `[M, N]` as Wise sends them;
 * - `pattern`, `enum`, `format`: `Pattern`;
 * - a schema may name its own error with the annotation `x-error: {code, message, arguments?}` (any
 *   violation of that schema gives it), e.g. a language that is not one of the list;
 * - the body itself not an object: `BAD_REQUEST` "The request body must be a JSON object." (or the root
 *   schema's `x-error`).
 *
 * Order of checks: a route's authentication comes before its validation (a missing token is a 401 whatever
 * the body), so schemas are validated with `attachValidation` and the handler calls `validated(request)`
 * after authenticating. The `onSend` net below refuses to answer 2xx for a request whose validation failed,
 * so a handler that forgot the call cannot let bad input through.
 */

/** The ajv options: no coercion or defaults (the handlers see the body as sent), every field's error. */
export const AJV_OPTIONS = {
  coerceTypes: false,
  useDefaults: false,
  removeAdditional: false,
  // Every field's error, as the hand-written checks gave: bodies are bounded by bodyLimit and arrays by
  // `maxItems` in their schemas, so collecting all errors stays cheap.
  allErrors: true,
  // `data` and `parentSchema` on each error: null versus another type, and the field's own `x-error`.
  verbose: true,
  keywords: ['x-error', 'example', 'x-examples'],
} as const;

/** A schema's own error for any violation of it (annotation keyword, also shown in OpenAPI). */
export interface SchemaError {
  code: ValidationCode;
  message: string;
  arguments?: unknown[];
}

interface AjvError extends FastifySchemaValidationError {
  data?: unknown;
  schema?: unknown;
  parentSchema?: Record<string, unknown>;
}

const MAX_INT = 2147483647;

/** `/delivery/url` → `delivery.url`, `/items/0/name` → `items[0].name` (the paths the contract uses). */
export function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (extra !== undefined) parts.push(extra);
  let path = '';
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : path ? `.${part}` : part;
  return path;
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** The JSON type a `type` keyword asked for, without null (`["string","null"]` → string). */
function wantedType(params: Record<string, unknown>): string {
  const raw = params['type'];
  const types = (Array.isArray(raw) ? raw : String(raw).split(',')).filter((t) => t !== 'null');
  return types.length > 0 ? types.join(' or ') : 'null';
}

/** The schema of the field an error is about, and its path. */
function subject(error: AjvError): { path: string; schema: Record<string, unknown> | undefined } {
  if (error.keyword === 'required') {
    const missing = String(error.params['missingProperty']);
    const properties = error.parentSchema?.['properties'] as
      | Record<string, Record<string, unknown>>
      | undefined;
    return { path: fieldPath(error.instancePath, missing), schema: properties?.[missing] };
  }
  return { path: fieldPath(error.instancePath), schema: error.parentSchema };
}

function fieldError(error: AjvError): FieldError {
  const { path, schema } = subject(error);
  const own = schema?.['x-error'] as SchemaError | undefined;
  if (own) return { code: own.code, message: own.message, path, arguments: own.arguments ?? [] };
  const missing = error.keyword === 'required' || (error.keyword === 'type' && error.data === null);
  if (missing) return { code: 'NotNull', message: 'must not be null', path, arguments: [] };
  switch (error.keyword) {
    case 'type':
      return {
        code: 'TypeMismatch',
        message: `must be ${article(wantedType(error.params))}`,
        path,
        arguments: [],
      };
    case 'minLength':
    case 'maxLength': {
      const min = Number(schema?.['minLength'] ?? 0);
      const max = Number(schema?.['maxLength'] ?? MAX_INT);
      return {
        code: 'Size',
        message: `size must be between ${min} and ${max}`,
        path,
        arguments: [String(max), String(min)],
      };
    }
    case 'enum':
      return {
        code: 'Pattern',
        message: `must be one of ${(error.params['allowedValues'] as unknown[]).join(', ')}`,
        path,
        arguments: [],
      };
    case 'pattern':
      return {
        code: 'Pattern',
        message: `must match "${String(error.params['pattern'])}"`,
        path,
        arguments: [],
      };
    default:
      return { code: 'Pattern', message: error.message ?? 'is not valid', path, arguments: [] };
  }
}

/**
 * Where a field comes in its schema: the index of each path segment among its object's `properties`
 * (an array item keeps its index), so errors list in the schema's order at every level, not ajv's.
 */
function rankOf(schema: unknown, path: string): number[] {
  const rank: number[] = [];
  let at = schema as Record<string, unknown> | undefined;
  for (const segment of path.match(/[^.[\]]+/g) ?? []) {
    if (/^\d+$/.test(segment)) {
      rank.push(Number(segment));
      at = at?.['items'] as Record<string, unknown> | undefined;
      continue;
    }
    const properties = (at?.['properties'] ?? {}) as Record<string, Record<string, unknown>>;
    const index = Object.keys(properties).indexOf(segment);
    rank.push(index === -1 ? Number.MAX_SAFE_INTEGER : index);
    at = properties[segment];
  }
  return rank;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** The Wise validation-family error for ajv's errors on one part of a request. */
export function wiseSchemaError(
  errors: readonly FastifySchemaValidationError[],
  dataVar: SchemaErrorDataVar,
  partSchema?: unknown,
): ValidationError {
  const list = errors as readonly AjvError[];
  const root = list.find((e) => e.instancePath === '' && e.keyword === 'type');
  if (root && dataVar === 'body') {
    const own = (root.parentSchema?.['x-error'] as SchemaError | undefined) ?? {
      code: 'BAD_REQUEST' as const,
      message: 'The request body must be a JSON object.',
    };
    return new ValidationError(400, [{ code: own.code, message: own.message }]);
  }
  const byKey = new Map<string, FieldError>();
  for (const error of list) {
    const field = fieldError(error);
    // One entry per field and rule: a type error hides the keywords that follow it; two rules of one
    // field (its own `x-error`s in an `allOf`) are two entries, as the hand-written checks gave.
    const key = `${field.path}\u0000${field.code}\u0000${field.message}`;
    if (!byKey.has(key)) byKey.set(key, field);
  }
  const fields = [...byKey.values()]
    .map((field) => ({ field, rank: rankOf(partSchema, field.path ?? '') }))
    .sort((a, b) => compareRanks(a.rank, b.rank))
    .map(({ field }) => field);
  return new ValidationError(400, fields);
}

/** The OAuth-family error: `invalid_request` naming the first parameter that is wrong. */
export function oauthSchemaError(
  errors: readonly FastifySchemaValidationError[],
  dataVar: SchemaErrorDataVar,
): InvalidRequest {
  const first = errors[0] as AjvError | undefined;
  if (!first) return new InvalidRequest('The request is not valid.');
  const { path } = subject(first);
  const where = dataVar === 'body' ? 'parameter' : dataVar === 'headers' ? 'header' : `${dataVar} parameter`;
  if (path === '') return new InvalidRequest('The request body is not valid.');
  const own = (subject(first).schema?.['x-error'] as SchemaError | undefined)?.message;
  if (own) return new InvalidRequest(`The ${where} ${path} ${own}.`);
  const missing = first.keyword === 'required' || (first.keyword === 'type' && first.data === null);
  return new InvalidRequest(
    missing ? `The ${where} ${path} is missing.` : `The ${where} ${path} ${first.message ?? 'is not valid'}.`,
  );
}

/** The formatter of one route: its family, and the order of its schema's properties. */
export function schemaErrorFormatterFor(
  family: BodyFamily,
  schema: FastifySchema | undefined,
): SchemaErrorFormatter {
  if (family === 'oauth') return oauthSchemaError;
  const parts: Record<SchemaErrorDataVar, unknown> = {
    body: schema?.body,
    querystring: schema?.querystring,
    params: schema?.params,
    headers: schema?.headers,
  };
  return (errors, dataVar) => wiseSchemaError(errors, dataVar, parts[dataVar]);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The error family of this route's schema errors, when not the one of its path (`familyForPath`). */
    errorFamily?: BodyFamily;
  }
}

/**
 * Registers the formatters on `app`: the default one (Wise's family), and per route with a schema the one of
 * its family, with `attachValidation` so the handler authenticates first. Call before any route.
 */
export function registerSchemaErrors(app: FastifyInstance): void {
  app.setSchemaErrorFormatter((errors, dataVar) => wiseSchemaError(errors, dataVar));
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.schema) validatesBySchema(route);
  });
  // The net: a request whose validation failed never gets a success answer, even if its handler forgot.
  app.addHook('onSend', async (request, reply, payload) => {
    const error = request.validationError as PlatformError | undefined;
    if (error && reply.statusCode < 400) {
      request.log.error(
        { route: request.routeOptions.url },
        'the route answered without checking its schema',
      );
      throw error;
    }
    return payload;
  });
}

/**
 * Makes a route's schema validate in its family, reported by `validated(request)` after authentication:
 * for a route with a schema from the start (above), and for one described by a table (http/describe.ts).
 */
export function validatesBySchema(route: RouteOptions): void {
  const family = route.config?.errorFamily ?? familyForPath(route.url);
  route.schemaErrorFormatter ??= schemaErrorFormatterFor(family, route.schema);
  // Fastify has set it false by now; every route with a schema calls validated() after its token check.
  route.attachValidation = true;
}

/** After authentication: throws the request's schema error, if its validation failed. */
export function validated(request: FastifyRequest): void {
  if (request.validationError) throw request.validationError;
}
