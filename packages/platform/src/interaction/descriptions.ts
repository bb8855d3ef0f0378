import {
  CSRF_EXAMPLE,
  csrfForm,
  formBody,
  hostedPage,
  object,
  type RouteDescriptions,
} from '../http/describe.js';

/** An interaction id as the authorize endpoint makes it (32 random bytes, base64url). */
const UID_EXAMPLE = 'mT4cW9hQ2zR7bX0vK5nJ8sLd1eYg6pUa3oFi0CqHwBk';
const PASSWORD = 'correct horse battery staple';

const uidParam = {
  type: 'string',
  description: 'the interaction (one authorization)',
  examples: [UID_EXAMPLE],
} as const;
const uid = object({ uid: uidParam }, ['uid']);
const step = object(
  {
    uid: uidParam,
    step: { enum: ['login', 'second-factor', 'secure-account', 'profile', 'consent'], examples: ['login'] },
  },
  ['uid', 'step'],
);
const provider = {
  type: 'string',
  description: 'the provider’s configured id',
  examples: ['google'],
} as const;

/**
 * The hosted pages of an authorization (contract §4, issue 13): one URL per step, its page on GET, its form
 * on POST (answered with 303 to the step the flow is then at). Every form carries the page's `csrf`.
 */
export const INTERACTION_DESCRIPTIONS: RouteDescriptions = {
  'GET /oauth/interaction/:uid': {
    summary: 'The authorization’s current page',
    tags: ['hosted pages'],
    params: uid,
    response: hostedPage('A finished authorization’s outcome.', 'The step the flow is at.'),
  },
  'GET /oauth/interaction/:uid/:step': {
    summary: 'A step’s page: login, second factor, password, profile or consent',
    tags: ['hosted pages'],
    params: step,
    response: hostedPage('The step’s page.', 'The step the flow is at.'),
  },
  'POST /oauth/interaction/:uid/:step': {
    summary: 'Answer a step’s form',
    description:
      'The fields are the step’s: login `email`, `password`; second-factor `code`; secure-account ' +
      '`password`, `confirmPassword`; profile `profileId` (or a new profile’s fields); consent `decision`.',
    tags: ['hosted pages'],
    params: step,
    body: formBody(
      {
        csrf: 'the page’s form token',
        email: 'login',
        password: 'login, secure-account',
        confirmPassword: 'secure-account',
        code: 'second-factor: the 6-digit TOTP code',
        profileId: 'profile: the chosen profile',
        type: 'profile: PERSONAL or BUSINESS, for a new profile',
        decision: 'consent: allow or deny',
      },
      ['csrf'],
      {
        login: {
          summary: 'login',
          value: { csrf: CSRF_EXAMPLE, email: 'new.user@example.com', password: PASSWORD },
        },
        secondFactor: { summary: 'second-factor', value: { csrf: CSRF_EXAMPLE, code: '123456' } },
        secureAccount: {
          summary: 'secure-account',
          value: { csrf: CSRF_EXAMPLE, password: PASSWORD, confirmPassword: PASSWORD },
        },
        profile: {
          summary: 'profile: an existing one',
          value: { csrf: CSRF_EXAMPLE, profileId: '30000001' },
        },
        consent: { summary: 'consent', value: { csrf: CSRF_EXAMPLE, decision: 'allow' } },
      },
    ),
    response: hostedPage('A page of the flow.', 'The same step (with its errors) or the next one.'),
  },
  'POST /oauth/interaction/:uid/signout': {
    summary: 'Sign out of the authorization (another person continues)',
    tags: ['hosted pages'],
    params: uid,
    body: csrfForm(),
    response: hostedPage('A page of the flow.', 'The flow’s first page.'),
  },
  'GET /oauth/interaction/:uid/callback': {
    summary: 'Finish the authorization: back to the partner with a code, or the code shown',
    tags: ['hosted pages'],
    params: uid,
    response: hostedPage(
      'The code shown for the person to type (display delivery), or the outcome.',
      'The partner’s redirect_uri with `code` (or `error`), `state` and `iss`.',
    ),
  },
  'POST /oauth/interaction/:uid/federated/:provider': {
    summary: 'Continue with a configured OpenID provider (issue 16)',
    description:
      'Leaves the login page for the provider’s authorization endpoint (code flow with PKCE, `state` and ' +
      '`nonce`). Offered only at the login step, for a configured provider, and never in a WebView.',
    tags: ['hosted pages'],
    params: object({ uid: uidParam, provider }, ['uid', 'provider']),
    body: csrfForm(),
    response: hostedPage(
      'An error page.',
      'The provider’s authorization endpoint, or the flow’s current step.',
    ),
  },
  'GET /oauth/federated/:provider/callback': {
    summary: 'Where the OpenID provider sends the person back (issue 16)',
    description:
      'The provider’s authorization response (`code`, `state`, or `error`). The ID token is validated ' +
      '(issuer, audience, signature, expiry, nonce) before an identity signs in or is linked.',
    tags: ['hosted pages'],
    params: object({ provider }, ['provider']),
    querystring: object({
      code: { type: 'string' },
      state: { type: 'string' },
      iss: { type: 'string' },
      error: { type: 'string' },
      error_description: { type: 'string' },
    }),
    response: hostedPage('A page that says why the sign-in cannot be used.', 'The flow’s current step.'),
  },
  'GET /assets/platform.css': {
    summary: 'The hosted pages’ stylesheet',
    tags: ['operations'],
    response: { 200: { description: 'CSS.', content: { 'text/css': { schema: { type: 'string' } } } } },
  },
};
