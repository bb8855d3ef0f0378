/**
 * Issue 15: the schema pieces every API area shares, stated once: the two error bodies (contract "Error
 * bodies: two families"), the security requirements and the responses every authenticated route can give.
 * The scheme names (`clientToken`, `userToken`) are the ones the OpenAPI components declare.
 */

/** `{"errors": [{code, message, path?, arguments?}]}`: Wise's validation family. */
export const wiseErrors = {
  type: 'object',
  description: "Wise's validation error body (https://docs.wise.com/guides/developer/errors).",
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string' },
          message: { type: 'string' },
          path: { type: 'string' },
          arguments: { type: 'array' },
        },
      },
    },
  },
  examples: [{ errors: [{ code: 'NotNull', message: 'must not be null', path: 'email', arguments: [] }] }],
} as const;

/** `{"error": code, "error_description": text}`: OAuth's family (RFC 6749 §5.2, RFC 6750 §3.1). */
export const oauthError = {
  type: 'object',
  description: 'OAuth error body (RFC 6749 §5.2, RFC 6750 §3.1).',
  required: ['error', 'error_description'],
  properties: { error: { type: 'string' }, error_description: { type: 'string' } },
  examples: [{ error: 'invalid_token', error_description: 'The access token is invalid or has expired.' }],
} as const;

export const CLIENT_TOKEN = [{ clientToken: [] }];
export const USER_TOKEN = [{ userToken: [] }];

/** What a bearer-authenticated route answers besides its own: a bad token, a token of the wrong kind. */
export const bearerErrors = {
  401: {
    ...oauthError,
    description: 'A missing, unknown, expired or revoked bearer token (`invalid_token`).',
  },
  403: { ...oauthError, description: 'A valid token of the wrong kind (`insufficient_scope`, ours).' },
  429: { ...wiseErrors, description: 'Rate limited; `Retry-After` says when to retry.' },
  500: { ...wiseErrors, description: 'Something failed on our side; the body names only the request id.' },
} as const;

/** The 400 of a JSON route: the body not JSON, not an object, or a field of the wrong shape. */
export const badRequest = {
  ...wiseErrors,
  description: 'The body is not a JSON object, or a field is missing or malformed.',
};
export const notFound = {
  ...wiseErrors,
  description: 'No such resource, or one this token was not granted (`NOT_FOUND`).',
};
export const unprocessable = {
  ...wiseErrors,
  description: 'A value of the right type that is not acceptable.',
};
export const conflict = { ...wiseErrors, description: 'Already exists, or the state does not allow it.' };

/** A path or query id: digits (the handlers answer 404 for anything else, as for an unknown id). */
export const idParam = (name: string, description: string) =>
  ({
    type: 'object',
    required: [name],
    properties: { [name]: { type: 'string', description } },
  }) as const;
