import {
  badRequest,
  bearerErrors,
  CLIENT_TOKEN,
  conflict,
  notFound,
  USER_TOKEN,
  unprocessable,
} from '../../http/schema-bodies.js';

/**
 * Contract §2 (https://docs.wise.com/api-reference/user): create a user with a registration code, does an
 * account exist, and the person behind a user token (§8).
 */

/**
 * Contract §2: the languages a partner may give a new user. The client states the same list (its
 * `LANGUAGES`): it depends on nothing, so it cannot import this one; the contract is the shared source.
 */
export const LANGUAGES = [
  'EN',
  'US',
  'PT',
  'ES',
  'FR',
  'DE',
  'IT',
  'JA',
  'RU',
  'PL',
  'HU',
  'TR',
  'RO',
  'NL',
  'HK',
];

/** The user object of contract §2 and §8. */
export const userObject = {
  type: 'object',
  required: ['id', 'name', 'email', 'active', 'details'],
  properties: {
    id: { type: 'integer' },
    name: { type: ['string', 'null'] },
    email: { type: 'string' },
    active: { type: 'boolean' },
    details: {
      type: ['object', 'null'],
      description: 'From the personal profile this token was granted; null without one.',
    },
  },
  examples: [{ id: 12345, name: null, email: 'new.user@example.com', active: true, details: null }],
} as const;

/** `language`, any case: a letter pair of the list (a value that is none, or no string, is `Pattern`). */
const languagePattern = `^(${LANGUAGES.map((l) => [...l].map((c) => `[${c}${c.toLowerCase()}]`).join('')).join('|')})$`;

export const signupSchema = {
  summary: 'Create a user with a registration code',
  description:
    'Contract §2, https://docs.wise.com/api-reference/user "Create user with registration code". Missing or ' +
    'malformed fields are 400 (one entry per field), then a malformed email 422 `ERROR`, then an email ' +
    'already registered 409 `NOT_UNIQUE` (with `sendAuthorizationCodeAsEmail`, the person is emailed a code, §6).',
  tags: ['users'],
  security: CLIENT_TOKEN,
  body: {
    type: 'object',
    required: ['email', 'registrationCode'],
    properties: {
      email: { type: 'string', description: 'The unique identity of a user.' },
      registrationCode: {
        type: 'string',
        minLength: 32,
        description: 'Chosen by the partner per user, password-like; kept only as a keyed hash.',
      },
      language: {
        type: ['string', 'null'],
        pattern: languagePattern,
        description: `One of ${LANGUAGES.join(' ')} (any case); default EN.`,
        'x-error': { code: 'Pattern', message: `must be one of ${LANGUAGES.join(', ')}` },
      },
      sendAuthorizationCodeAsEmail: {
        type: ['boolean', 'null'],
        description: 'If the email is already registered, email the person a code to grant access (§6).',
      },
    },
    examples: [
      {
        email: 'new.user@example.com',
        registrationCode: '2b4a1e0c-31f1-4f5e-9d61-6d8f4f1c2a77',
        language: 'EN',
        sendAuthorizationCodeAsEmail: false,
      },
    ],
  },
  response: {
    200: { ...userObject, description: 'The user created (201 with the createUserStatus compat setting).' },
    201: { ...userObject, description: 'The user created, with the createUserStatus compat setting 201.' },
    400: badRequest,
    409: { ...conflict, description: 'The email is already registered (`NOT_UNIQUE`, email masked).' },
    415: { ...badRequest, description: 'The body is not application/json.' },
    422: { ...unprocessable, description: 'The email is not an email (`ERROR`).' },
    ...bearerErrors,
  },
} as const;

export const existsSchema = {
  summary: 'Does an account exist for this email',
  description:
    'Contract §2 (ours beside https://docs.wise.com/api-reference/user): `{"exists": true|false}`.',
  tags: ['users'],
  security: CLIENT_TOKEN,
  body: {
    type: 'object',
    required: ['email'],
    properties: { email: { type: 'string' } },
    examples: [{ email: 'new.user@example.com' }],
  },
  response: {
    200: {
      type: 'object',
      required: ['exists'],
      properties: { exists: { type: 'boolean' } },
      examples: [{ exists: true }],
    },
    400: badRequest,
    415: { ...badRequest, description: 'The body is not application/json.' },
    ...bearerErrors,
  },
} as const;

export const meSchema = {
  summary: 'The person behind a user token',
  description: 'Contract §8, https://docs.wise.com/api-reference/user "Get user by token".',
  tags: ['users'],
  security: USER_TOKEN,
  response: {
    200: userObject,
    404: { ...notFound, description: 'The user is gone (`NOT_FOUND`).' },
    ...bearerErrors,
  },
} as const;

const userIdParams = {
  type: 'object',
  required: ['userId'],
  properties: {
    userId: {
      type: 'string',
      description: "The token's own user id (digits); any other answers 404 as an unknown user.",
      examples: ['12345'],
    },
  },
} as const;

const contactEmail = {
  type: 'object',
  required: ['email'],
  properties: { email: { type: 'string' } },
  examples: [{ email: 'new-user@email.com' }],
} as const;

export const userByIdSchema = {
  summary: 'A user by id',
  description:
    'https://docs.wise.com/api-reference/user "Get user by ID": the user object of `GET /v1/me`; a user token ' +
    'acts for its own user only (contract §2).',
  tags: ['users'],
  security: USER_TOKEN,
  params: userIdParams,
  response: { 200: userObject, 404: { ...notFound, description: '`User not found`.' }, ...bearerErrors },
} as const;

export const putContactEmailSchema = {
  summary: "Set the user's contact email",
  description:
    'https://docs.wise.com/api-reference/user "Update contact email": the address Wise notifies when the ' +
    'account email is a dummy. Checked as create-user checks its email (contract §2).',
  tags: ['users'],
  security: USER_TOKEN,
  params: userIdParams,
  body: contactEmail,
  response: {
    200: contactEmail,
    400: badRequest,
    404: { ...notFound, description: '`User not found`.' },
    415: { ...badRequest, description: 'The body is not application/json.' },
    422: { ...unprocessable, description: '`Please provide a valid email`.' },
    ...bearerErrors,
  },
} as const;

export const getContactEmailSchema = {
  summary: "The user's contact email",
  description: 'https://docs.wise.com/api-reference/user "Get contact email"; none set yet: 404 (ours).',
  tags: ['users'],
  security: USER_TOKEN,
  params: userIdParams,
  response: { 200: contactEmail, 404: notFound, ...bearerErrors },
} as const;

export const claimAccountSchema = {
  summary: 'A claim-account code',
  description:
    'Contract §7 (https://docs.wise.com/guides/product/kyc/partner-kyc/claim-account): with a user token from ' +
    'the registration-code grant of a user this partner created, the registration code once more gives a ' +
    '`claimAccountCode` that sends the person to the authorize page. 400 (the schema), then 409 ' +
    '`ACCOUNT_ALREADY_CLAIMED`, then 422 `ERROR` for a wrong code, 429 past the registration-code limit.',
  tags: ['users'],
  security: USER_TOKEN,
  body: {
    type: 'object',
    required: ['registrationCode'],
    properties: { registrationCode: { type: 'string' } },
    examples: [{ registrationCode: '2b4a1e0c-31f1-4f5e-9d61-6d8f4f1c2a77' }],
  },
  response: {
    200: {
      type: 'object',
      required: ['claimAccountCode'],
      properties: { claimAccountCode: { type: 'string' } },
      // Contract §7: valid 5 minutes, then sent as `claim_account_code` to the authorize page.
      examples: [{ claimAccountCode: 'hV3tJm9qXw2LcZr7bN0sKd4fYa8uEg1oPi6yTlQe5xM' }],
    },
    400: badRequest,
    409: {
      ...conflict,
      description: 'The owner has already claimed this account (`ACCOUNT_ALREADY_CLAIMED`).',
    },
    415: { ...badRequest, description: 'The body is not application/json.' },
    422: { ...unprocessable, description: 'The registration code does not match this user (`ERROR`).' },
    ...bearerErrors,
  },
} as const;

export const termsSchema = {
  summary: 'The terms a user accepts',
  description:
    "Contract §7: the general terms for `default`, the terms as a partner's customers see them for a known " +
    'client id; an HTML page, no authentication.',
  tags: ['users'],
  security: [],
  params: {
    type: 'object',
    properties: {
      clientId: { type: 'string', description: '`default`, or a client id.', examples: ['default'] },
    },
  },
  response: {
    200: { description: 'The terms page.', content: { 'text/html': { schema: { type: 'string' } } } },
    404: { ...notFound, description: 'There are no terms for this client.' },
  },
} as const;
