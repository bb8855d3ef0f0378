import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { FormParams } from './form.js';
import { AJV_OPTIONS } from './schema-errors.js';

/**
 * The route validators (issue 15), one owner for both: JSON routes' and form routes'. Each compiles its schema
 * on the route's first request, not when the route is registered (issue 14: compiling every route's schemas
 * was 390 ms of a platform's start, paid again by every test platform; `test/http-validators.test.ts`
 * compiles them all, so a schema that cannot compile still fails a test rather than a first request).
 *
 * JSON bodies, query strings and path parameters: Fastify's own ajv set-up (@fastify/ajv-compiler: ajv-formats,
 * used schemas not added) with the options of http/schema-errors.ts (no coercion or defaults, every error).
 */
const jsonAjv = new Ajv({ ...AJV_OPTIONS, keywords: [...AJV_OPTIONS.keywords], addUsedSchema: false });
(addFormats as unknown as (ajv: Ajv) => void)(jsonAjv);

/**
 * Form bodies (`application/x-www-form-urlencoded`, and the token endpoint's `multipart/form-data`): the
 * parameters the form parser read (`FormParams`, which has already refused a repeated parameter: RFC 6749
 * §3.2), seen as a plain object of the non-empty ones. The same options, and the `discriminator` keyword on,
 * so a body that is a `oneOf` by a parameter (the token endpoint's by `grant_type`) reports the errors of the
 * one branch that parameter names.
 */
const formAjv = new Ajv({
  ...AJV_OPTIONS,
  keywords: [...AJV_OPTIONS.keywords],
  discriminator: true,
  // OpenAPI keywords (`description`, `examples`) ride along in the schemas.
  strict: false,
});

/** A validator of `schema` as Fastify calls one (true or false, then `errors`), compiled on first use. */
function compiledOnUse(ajv: Ajv, schema: object, input: (data: unknown) => unknown = (data) => data) {
  let validate: ValidateFunction | undefined;
  const check = (data: unknown): boolean => {
    validate ??= ajv.compile(schema);
    const valid = validate(input(data));
    check.errors = validate.errors;
    return valid;
  };
  check.errors = null as ErrorObject[] | null | undefined;
  return check;
}

/** The validator compiler of every route (app.ts); a form route's is `formValidatorCompiler`. */
export const jsonValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema }) =>
  compiledOnUse(jsonAjv, schema as object);

/** The validator compiler of a route whose body is a form: its form parameters against the schema. */
export const formValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema }) =>
  compiledOnUse(formAjv, schema as object, (data) => (data instanceof FormParams ? data.toObject() : data));

/** Whether a route's body schema is (also) a form's. */
export function hasFormBody(schema: { body?: unknown } | undefined): boolean {
  const content = (schema?.body as { content?: Record<string, unknown> } | undefined)?.content ?? {};
  return 'application/x-www-form-urlencoded' in content || 'multipart/form-data' in content;
}
