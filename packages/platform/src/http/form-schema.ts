import { Ajv } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { FormParams } from './form.js';
import { AJV_OPTIONS } from './schema-errors.js';

/**
 * Issue 15: the schema of a form body (`application/x-www-form-urlencoded`, and the token endpoint's
 * `multipart/form-data`) validates the parameters the form parser read (`FormParams`, which has already
 * refused a repeated parameter: RFC 6749 §3.2), seen as a plain object of the non-empty ones. The options
 * are the JSON routes' (http/schema-errors.ts: no coercion, every error), and the `discriminator` keyword is
 * on, so a body that is a `oneOf` by a parameter (the token endpoint's by `grant_type`) reports the errors
 * of the one branch that parameter names.
 */
const ajv = new Ajv({
  ...AJV_OPTIONS,
  keywords: [...AJV_OPTIONS.keywords],
  discriminator: true,
  // OpenAPI keywords (`description`, `examples`) ride along in the schemas.
  strict: false,
});

/** The validator compiler of a route whose body is a form: its form parameters against the schema. */
export const formValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema }) => {
  const validate = ajv.compile(schema as object);
  const check = (data: unknown) => {
    const valid = validate(data instanceof FormParams ? data.toObject() : data);
    check.errors = validate.errors;
    return valid;
  };
  check.errors = validate.errors;
  return check;
};

/** Whether a route's body schema is (also) a form's. */
export function hasFormBody(schema: { body?: unknown } | undefined): boolean {
  const content = (schema?.body as { content?: Record<string, unknown> } | undefined)?.content ?? {};
  return 'application/x-www-form-urlencoded' in content || 'multipart/form-data' in content;
}
