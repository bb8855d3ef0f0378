import {
  CSRF_EXAMPLE,
  csrfForm,
  formBody,
  hostedPage,
  object,
  type RouteDescriptions,
} from '../http/describe.js';

const tags: ['hosted pages'] = ['hosted pages'];
const csrf = { csrf: 'the page’s form token' };
const token = object(
  {
    token: {
      type: 'string',
      description: 'the single-use token of the email',
      examples: ['q2V9xJ0bL7mZs4Kc8fTn1wRd5yHa3uEo6iGp0NvBkXg'],
    },
  },
  ['token'],
);
/** A person of Wise's examples (contract §2) and a password only a test would use. */
const EMAIL = 'new.user@example.com';
const PASSWORD = 'correct horse battery staple';

/** Contract §7: the person's own pages on the platform (sign-in, password, 2FA, connected partners). */
export const ACCOUNT_DESCRIPTIONS: RouteDescriptions = {
  'GET /account': {
    summary: 'The partners this account is connected to',
    tags,
    response: hostedPage('The account page.', 'The sign-in page, for a person not signed in.'),
  },
  'GET /account/disconnect': {
    summary: 'Confirm disconnecting a partner',
    tags,
    querystring: object({ clientId: { type: 'string', examples: ['bank'] } }),
    response: hostedPage('The confirmation page.', 'The account page.'),
  },
  'POST /account/disconnect': {
    summary: 'Disconnect a partner: its grants are revoked',
    tags,
    body: formBody(
      { ...csrf, clientId: 'the partner to disconnect' },
      ['csrf'],
      [{ csrf: CSRF_EXAMPLE, clientId: 'bank' }],
    ),
    response: hostedPage('A page saying what went wrong.', 'The account page.'),
  },
  'GET /account/forgot-password': {
    summary: 'Ask for a set-password email',
    tags,
    response: hostedPage('The form.'),
  },
  'POST /account/forgot-password': {
    summary: 'Send a set-password email (the same answer whether or not the address has an account)',
    tags,
    body: formBody(
      { ...csrf, email: 'the account’s email' },
      ['csrf'],
      [{ csrf: CSRF_EXAMPLE, email: EMAIL }],
    ),
    response: hostedPage('The form with its error.', 'The page saying an email is on its way.'),
  },
  'GET /account/forgot-password/sent': {
    summary: 'The email is on its way',
    tags,
    response: hostedPage('The page.'),
  },
  'GET /account/set-password/:token': {
    summary: 'The set-password form of an emailed link',
    tags,
    params: token,
    response: hostedPage('The form, or a page saying the link is no longer valid.'),
  },
  'POST /account/set-password/:token': {
    summary: 'Set the password (contract §7)',
    tags,
    params: token,
    body: formBody(
      { ...csrf, password: 'the new password', confirmPassword: 'the same again' },
      ['csrf'],
      [{ csrf: CSRF_EXAMPLE, password: PASSWORD, confirmPassword: PASSWORD }],
    ),
    response: hostedPage('The form with its error.', 'The page saying the password is set.'),
  },
  'GET /account/password-set': {
    summary: 'The password is set',
    tags,
    response: hostedPage('The page.'),
  },
  'GET /account/sign-in': {
    summary: 'Sign in to the account pages',
    tags,
    response: hostedPage('The form.', 'The account page, for a person signed in.'),
  },
  'POST /account/sign-in': {
    summary: 'Sign in with email and password',
    tags,
    body: formBody(
      { ...csrf, email: 'the account’s email', password: 'its password' },
      ['csrf'],
      [{ csrf: CSRF_EXAMPLE, email: EMAIL, password: PASSWORD }],
    ),
    response: hostedPage('The form with its error.', 'The account page, or the second-factor form.'),
  },
  'GET /account/sign-in/code': {
    summary: 'The second-factor form of the sign-in',
    tags,
    response: hostedPage('The form.', 'The sign-in page.'),
  },
  'POST /account/sign-in/code': {
    summary: 'Answer the second factor',
    tags,
    body: formBody(
      { ...csrf, code: 'the 6-digit TOTP code' },
      ['csrf'],
      [{ csrf: CSRF_EXAMPLE, code: '123456' }],
    ),
    response: hostedPage('The form with its error.', 'The account page.'),
  },
  'POST /account/sign-out': {
    summary: 'Sign out of the account pages',
    tags,
    body: csrfForm(),
    response: hostedPage('A page saying what went wrong.', 'The signed-out page.'),
  },
  'GET /account/signed-out': {
    summary: 'Signed out',
    tags,
    response: hostedPage('The page.'),
  },
  'GET /account/two-factor': {
    summary: 'Turn on two-factor authentication (a TOTP seed to scan)',
    tags,
    querystring: object({ error: { type: 'string' } }),
    response: hostedPage('The page with the seed.', 'The sign-in page.'),
  },
  'POST /account/two-factor': {
    summary: 'Confirm two-factor authentication with a code from the seed',
    tags,
    body: formBody(
      { ...csrf, code: 'a 6-digit TOTP code of the offered seed' },
      ['csrf'],
      [{ csrf: CSRF_EXAMPLE, code: '123456' }],
    ),
    response: hostedPage('A page saying what went wrong.', 'The page again, with its outcome.'),
  },
};
