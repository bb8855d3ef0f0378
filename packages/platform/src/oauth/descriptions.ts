import {
  formBody,
  hostedPage,
  json,
  oauthErrors,
  object,
  type RouteDescription,
  type RouteDescriptions,
} from '../http/describe.js';
import { tokenBodySchema } from './token-body.js';

const string = { type: 'string' } as const;
const integer = { type: 'integer' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;

/** Contract §1, §3, §5: the token body; a user token has the refresh token and its lifetime too. */
const TOKEN = {
  ...object(
    {
      access_token: string,
      token_type: { const: 'bearer' },
      expires_in: integer,
      expires_at: dateTime,
      scope: { const: 'transfers' },
      refresh_token: string,
      refresh_token_expires_in: integer,
      refresh_token_expires_at: dateTime,
      created_at: dateTime,
    },
    ['access_token', 'token_type', 'expires_in', 'expires_at', 'scope'],
  ),
  // Wise's own examples (docs/wise-contract.md §1 and §5).
  examples: [
    {
      access_token: 'ba8k9b6a-6c8f-4a4b-9d7a-3f5e2c1d0e9f',
      token_type: 'bearer',
      expires_in: 43199,
      expires_at: '2026-07-01T23:59:59.000Z',
      scope: 'transfers',
    },
    {
      access_token: 'ba8k9b6a-6c8f-4a4b-9d7a-3f5e2c1d0e9f',
      token_type: 'bearer',
      refresh_token: '6e1f4b0a-2f4c-4b9e-8d8e-2c3b4a5d6e7f',
      expires_in: 43199,
      expires_at: '2026-07-01T23:59:59.000Z',
      refresh_token_expires_in: 628639555,
      refresh_token_expires_at: '2046-06-30T12:00:00.000Z',
      scope: 'transfers',
      created_at: '2026-07-01T12:00:00.000Z',
    },
  ],
};

/** Built from the grant table (oauth/token-body.ts): every grant's parameters, by grant_type. */
const TOKEN_BODY = { schema: tokenBodySchema() };

const TOKEN_HINT = {
  token: 'the access or refresh token',
  token_type_hint: 'access_token or refresh_token (RFC 7009 §2.1)',
  client_id: 'client_secret_post or a public client',
  client_secret: 'client_secret_post only',
};

const INTROSPECTION = object(
  {
    active: { type: 'boolean' },
    scope: string,
    client_id: string,
    token_type: { const: 'bearer' },
    token_use: { enum: ['access_token', 'refresh_token'] },
    exp: integer,
    iat: integer,
    sub: string,
    iss: string,
  },
  ['active'],
);

const AUTHORIZE_QUERY = object({
  client_id: { ...string, description: 'the partner’s client id' },
  redirect_uri: { ...string, description: 'one of the client’s registered redirect URIs, byte for byte' },
  state: { ...string, description: 'returned unchanged on the redirect back' },
  code_challenge: { ...string, description: 'PKCE (S256 only); required of public clients' },
  code_challenge_method: { const: 'S256' },
  claim_account_code: { ...string, description: 'the code of an account the partner created (contract §6)' },
  display: { ...string, description: 'how the pages are shown' },
});

const METADATA = object(
  {
    issuer: string,
    authorization_endpoint: string,
    token_endpoint: string,
    revocation_endpoint: string,
    introspection_endpoint: string,
    grant_types_supported: { type: 'array', items: string },
    response_types_supported: { type: 'array', items: string },
    response_modes_supported: { type: 'array', items: string },
    scopes_supported: { type: 'array', items: string },
    code_challenge_methods_supported: { type: 'array', items: string },
    authorization_response_iss_parameter_supported: { type: 'boolean' },
    token_endpoint_auth_methods_supported: { type: 'array', items: string },
    revocation_endpoint_auth_methods_supported: { type: 'array', items: string },
    introspection_endpoint_auth_methods_supported: { type: 'array', items: string },
  },
  ['issuer', 'authorization_endpoint', 'token_endpoint', 'grant_types_supported', 'response_types_supported'],
);

const AUTHORIZE: RouteDescription = {
  summary: 'Start an authorization (the person’s browser)',
  description:
    'Contract §4: checks the client and redirect_uri, then sends the browser to the hosted login and ' +
    'consent pages; errors a partner caused go back to its redirect_uri, others are a page.',
  tags: ['hosted pages'],
  querystring: AUTHORIZE_QUERY,
  response: hostedPage('An error page for a request that cannot go back.', 'The hosted pages, or back.'),
};

/** The OAuth endpoints (contract §1–§5, RFC 7009, RFC 7662, RFC 8414). */
export const OAUTH_DESCRIPTIONS: RouteDescriptions = {
  'POST /oauth/token': {
    summary: 'Issue tokens',
    description:
      'Contract §1, §3, §4, §5: the client authenticates with HTTP Basic (or client_secret_post; a public ' +
      'client names itself). Form or multipart bodies; a repeated parameter is invalid_request.',
    tags: ['oauth'],
    security: [{ clientBasic: [] }, {}],
    body: {
      content: { 'application/x-www-form-urlencoded': TOKEN_BODY, 'multipart/form-data': TOKEN_BODY },
    },
    response: {
      200: json(TOKEN, 'The tokens (a client_credentials token has no refresh token).'),
      ...oauthErrors,
    },
  },
  'POST /oauth/revoke': {
    summary: 'Revoke a token (RFC 7009)',
    description:
      'An access token revokes itself; a refresh token its whole grant. Unknown tokens answer the same 200.',
    tags: ['oauth'],
    security: [{ clientBasic: [] }, {}],
    body: formBody(TOKEN_HINT, ['token']),
    response: { 200: { description: 'Revoked, or nothing to revoke: no body.' }, ...oauthErrors },
  },
  'POST /oauth/introspect': {
    summary: 'Introspect a token (RFC 7662)',
    description: 'Confidential clients only, about their own tokens; anything else is {"active": false}.',
    tags: ['oauth'],
    security: [{ clientBasic: [] }],
    body: formBody(TOKEN_HINT, ['token']),
    response: {
      200: json(
        { ...INTROSPECTION, examples: [{ active: true, scope: 'transfers', client_id: 'bank', sub: '42' }] },
        'What the token is, or only active: false.',
      ),
      ...oauthErrors,
    },
  },
  'GET /.well-known/oauth-authorization-server': {
    summary: 'Authorization server metadata (RFC 8414)',
    tags: ['oauth'],
    response: { 200: json(METADATA, 'The metadata, for this issuer.') },
  },
  'GET /oauth/authorize': AUTHORIZE,
  'GET /oauth/authorize/': { ...AUTHORIZE, summary: 'Start an authorization (trailing slash)' },
};
