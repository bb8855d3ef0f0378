import {
  formBody,
  hostedPage,
  json,
  oauthErrors,
  object,
  type RouteDescription,
  type RouteDescriptions,
  withExamples,
} from '../http/describe.js';
import { tokenBodySchema } from './token-body.js';

const string = { type: 'string' } as const;
const integer = { type: 'integer' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;

const ISSUER = 'http://localhost:4000';
const REGISTRATION_CODE = '2b4a1e0c-31f1-4f5e-9d61-6d8f4f1c2a77';
const ACCESS_TOKEN = 'ba8k9b6a-6c8f-4a4b-9d7a-3f5e2c1d0e9f';
const REFRESH_TOKEN = '6e1f4b0a-2f4c-4b9e-8d8e-2c3b4a5d6e7f';

/** Contract §1, §3, §5: the token body; a user token has the refresh token and its lifetime too. */
const TOKEN = withExamples(
  object(
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
  // The contract's bodies (docs/wise-contract.md §1 and §5, from https://docs.wise.com/api-reference/user-tokens
  // and https://docs.wise.com/api-reference/client-credentials-token), its elided values filled in.
  {
    clientCredentials: {
      summary: 'client_credentials (contract §1): no refresh token',
      value: {
        access_token: ACCESS_TOKEN,
        token_type: 'bearer',
        expires_in: 43199,
        expires_at: '2026-07-01T23:59:59.000Z',
        scope: 'transfers',
      },
    },
    userToken: {
      summary: 'registration_code, authorization_code or refresh_token (contract §5)',
      value: {
        access_token: ACCESS_TOKEN,
        token_type: 'bearer',
        refresh_token: REFRESH_TOKEN,
        expires_in: 43199,
        expires_at: '2026-07-01T23:59:59.000Z',
        refresh_token_expires_in: 628639555,
        refresh_token_expires_at: '2046-06-30T12:00:00.000Z',
        scope: 'transfers',
        created_at: '2026-07-01T12:00:00.000Z',
      },
    },
  },
);

/**
 * Built from the grant table (oauth/token-body.ts): every grant's parameters, by grant_type; the token
 * requests of contract §1, §3, §4 and §5 as its examples, one per grant.
 */
const TOKEN_BODY = {
  schema: withExamples(tokenBodySchema(), {
    clientCredentials: { summary: 'client_credentials (§1)', value: { grant_type: 'client_credentials' } },
    registrationCode: {
      summary: 'registration_code (§3)',
      value: {
        grant_type: 'registration_code',
        client_id: 'bank',
        email: 'new.user@example.com',
        registration_code: REGISTRATION_CODE,
      },
    },
    authorizationCode: {
      summary: 'authorization_code (§4)',
      value: {
        grant_type: 'authorization_code',
        client_id: 'bank',
        code: 'Ab12Cd',
        redirect_uri: 'https://bank.example/callback',
      },
    },
    refreshToken: {
      summary: 'refresh_token (§5)',
      value: { grant_type: 'refresh_token', refresh_token: REFRESH_TOKEN },
    },
  }),
};

const TOKEN_HINT = {
  token: 'the access or refresh token',
  token_type_hint: 'access_token or refresh_token (RFC 7009 §2.1)',
  client_id: 'client_secret_post or a public client',
  client_secret: 'client_secret_post only',
};

const INTROSPECTION = withExamples(
  object(
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
  ),
  // Contract §12 (RFC 7662 §2.2): a live token of the asking client, and anything else.
  {
    accessToken: {
      summary: 'a live user access token',
      value: {
        active: true,
        scope: 'transfers',
        client_id: 'bank',
        token_type: 'bearer',
        token_use: 'access_token',
        exp: 1782950399,
        iat: 1782907200,
        sub: '12345',
        iss: ISSUER,
      },
    },
    refreshToken: {
      summary: 'a refresh token without expiry: no exp, no token_type',
      value: {
        active: true,
        scope: 'transfers',
        client_id: 'bank',
        token_use: 'refresh_token',
        iat: 1782907200,
        sub: '12345',
        iss: ISSUER,
      },
    },
    inactive: { summary: 'unknown, expired, revoked or another client’s', value: { active: false } },
  },
);

/** The form of revocation and introspection (contract §12, RFC 7009 §2.1, RFC 7662 §2.1). */
const TOKEN_HINT_BODY = formBody(
  TOKEN_HINT,
  ['token'],
  [{ token: REFRESH_TOKEN, token_type_hint: 'refresh_token' }],
);

/** Contract §4: what the authorize endpoint reads (`response_type=code` may be sent and is ignored). */
const AUTHORIZE_QUERY = object({
  client_id: { ...string, description: 'the partner’s client id', examples: ['bank'] },
  redirect_uri: {
    ...string,
    description: 'one of the client’s registered redirect URIs, byte for byte',
    examples: ['https://bank.example/callback'],
  },
  state: {
    ...string,
    description: 'returned unchanged on the redirect back',
    examples: ['b3JkZXItNDIxMzc'],
  },
  code_challenge: {
    ...string,
    description: 'PKCE (S256 only); required of public clients',
    // RFC 7636 Appendix B.
    examples: ['E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'],
  },
  code_challenge_method: { const: 'S256' },
  claim_account_code: { ...string, description: 'the code of an account the partner created (contract §7)' },
  forwardingMode: {
    const: 'showCode',
    description: 'the code is shown to the person instead of sent to the redirect_uri (contract §4)',
  },
});

const METADATA = withExamples(
  object(
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
    [
      'issuer',
      'authorization_endpoint',
      'token_endpoint',
      'grant_types_supported',
      'response_types_supported',
    ],
  ),
  // Contract §12 (RFC 8414 §3), for the issuer of the committed document.
  [
    {
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/oauth/authorize`,
      token_endpoint: `${ISSUER}/oauth/token`,
      revocation_endpoint: `${ISSUER}/oauth/revoke`,
      introspection_endpoint: `${ISSUER}/oauth/introspect`,
      grant_types_supported: [
        'client_credentials',
        'registration_code',
        'refresh_token',
        'authorization_code',
      ],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      scopes_supported: ['transfers'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    },
  ],
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
    body: TOKEN_HINT_BODY,
    response: {
      200: { type: 'null', description: 'Revoked, or nothing to revoke: no body.' },
      ...oauthErrors,
    },
  },
  'POST /oauth/introspect': {
    summary: 'Introspect a token (RFC 7662)',
    description: 'Confidential clients only, about their own tokens; anything else is {"active": false}.',
    tags: ['oauth'],
    security: [{ clientBasic: [] }],
    body: TOKEN_HINT_BODY,
    response: {
      200: json(INTROSPECTION, 'What the token is, or only active: false.'),
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
