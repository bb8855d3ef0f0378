import { formBody, hostedPage, object, type RouteDescriptions } from '../http/describe.js';

const uid = object({ uid: { type: 'string', description: 'the interaction (one authorization)' } }, ['uid']);
const step = object(
  {
    uid: { type: 'string', description: 'the interaction (one authorization)' },
    step: { enum: ['login', 'second-factor', 'secure-account', 'profile', 'consent'] },
  },
  ['uid', 'step'],
);

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
    ),
    response: hostedPage('A page of the flow.', 'The same step (with its errors) or the next one.'),
  },
  'POST /oauth/interaction/:uid/signout': {
    summary: 'Sign out of the authorization (another person continues)',
    tags: ['hosted pages'],
    params: uid,
    body: formBody({ csrf: 'the page’s form token' }, ['csrf']),
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
    params: object(
      {
        uid: { type: 'string', description: 'the interaction (one authorization)' },
        provider: { type: 'string', description: 'the provider’s configured id' },
      },
      ['uid', 'provider'],
    ),
    body: formBody({ csrf: 'the page’s form token' }, ['csrf']),
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
    params: object({ provider: { type: 'string', description: 'the provider’s configured id' } }, [
      'provider',
    ]),
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
