import type { FastifySchemaValidationError } from 'fastify';
import type { SchemaErrorDataVar } from 'fastify/types/schema.js';
import { InvalidRequest, UnsupportedGrantType } from '../errors/errors.js';
import { oauthSchemaError } from '../http/schema-errors.js';
import type { Grant, GrantParameter } from './grants/grant.js';
import { GRANTS } from './grants/index.js';

/** The client authentication parameters every grant takes (client_secret_post, a public client's id). */
const CLIENT_PARAMETERS: Record<string, GrantParameter> = {
  client_id: {
    type: 'string',
    description: 'client_secret_post and public clients (HTTP Basic is preferred); RFC 6749 §2.3.1',
  },
  client_secret: { type: 'string', description: 'client_secret_post only (HTTP Basic is preferred)' },
};

/** One grant's body: its `grant_type`, the client's parameters and its own (grants/*.ts `parameters`). */
function grantBody(grant: Grant) {
  return {
    type: 'object',
    title: grant.grantType,
    required: ['grant_type', ...grant.parameters.required],
    properties: {
      // `enum` of one rather than `const`: OpenAPI 3.0 tools read it, and the document writes `const` so.
      grant_type: { type: 'string', enum: [grant.grantType] },
      ...CLIENT_PARAMETERS,
      ...grant.parameters.properties,
    },
  };
}

/**
 * Issue 15: the token request's form (contract §1, §3, §4, §5) as one schema built from the grant table, so
 * a grant's parameters cannot go undocumented: a `oneOf` of every grant's body, told apart by `grant_type`
 * (OpenAPI's `discriminator`, which ajv also validates by). Unnamed parameters are ignored (RFC 6749 §3.2:
 * "MUST ignore unrecognized request parameters"), so no `additionalProperties`.
 */
export function tokenBodySchema(grants: Iterable<Grant> = GRANTS.values()) {
  return {
    type: 'object',
    required: ['grant_type'],
    discriminator: { propertyName: 'grant_type' },
    oneOf: [...grants].map(grantBody),
  };
}

interface DiscriminatorError extends FastifySchemaValidationError {
  params: { error?: 'tag' | 'mapping'; tag?: string; tagValue?: unknown };
}

/**
 * What the schema cannot say, next to it: which grant a missing or unknown `grant_type` is (RFC 6749 §5.2).
 * A missing one answers Wise's own text (https://docs.wise.com/api-reference/user-tokens, 400 example), an
 * unknown one `unsupported_grant_type`; a grant's missing parameter is the OAuth family's `invalid_request`
 * naming it (http/schema-errors.ts), the first in the grant's `required` order.
 */
export function tokenSchemaError(
  errors: readonly FastifySchemaValidationError[],
  dataVar: SchemaErrorDataVar,
): Error {
  const grantType = errors.find(
    (e) =>
      (e.keyword === 'required' && e.instancePath === '' && e.params['missingProperty'] === 'grant_type') ||
      e.keyword === 'discriminator',
  ) as DiscriminatorError | undefined;
  if (grantType?.params.error === 'mapping')
    return new UnsupportedGrantType(`The grant type ${String(grantType.params.tagValue)} is not supported.`);
  if (grantType) return new InvalidRequest('Missing grant type');
  return oauthSchemaError(errors, dataVar);
}
