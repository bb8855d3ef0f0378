import { object, withExamples } from '../http/describe.js';
import { AT, CLIENTS, GRANTS, NEW_USER, USERS } from './description-examples.js';
import { FAULT_SPEC } from './faults.js';
import { STATE_CHANGE } from './user-states.js';

/**
 * The answers of the control plane (contract §11 "Sandbox", §13), as the handlers build them, with an
 * example each: realistic values of our own shapes (the control plane is not Wise's API). faults.ts
 * `faultJson`, outbox.ts `listOutbox`, webhooks.ts `deliveryView`.
 */

const string = { type: 'string' } as const;
const integer = { type: 'integer' } as const;
const boolean = { type: 'boolean' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const nullable = (type: 'string' | 'integer') => ({ type: [type, 'null'] }) as const;
const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;

/** A field's error in the words of its rule (seed.ts `parseSeedUser`, which checks the rest). */
const bad = (message: string) => ({ code: 'BAD_REQUEST', message });

const LATER = '2026-07-01T12:00:05.000Z';

/** The body of `POST /_sandbox/faults` (contract §13 "Faults"), validated by faults.ts's `FAULT_SPEC`, with examples. */
export const FAULT_SPEC_BODY = withExamples(FAULT_SPEC, {
  status: {
    summary: 'the next token request answers 503 with a Retry-After',
    value: {
      method: 'POST',
      path: '/oauth/token',
      status: 503,
      headers: { 'retry-after': '30' },
      count: 1,
    },
  },
  delay: {
    summary: 'every profile call waits 3 s, ten times',
    value: { method: 'GET', path: '/v2/profiles*', delayMs: 3000, count: 10 },
  },
  drop: {
    summary: 'the next create-user loses its connection',
    value: { method: 'POST', path: '/v1/user/signup/registration_code', drop: true, count: 1 },
  },
});

/** A fault as the control plane shows it (faults.ts `faultJson`). */
const FAULT_EXAMPLE = {
  id: '7',
  method: 'POST',
  path: '/oauth/token',
  status: 503,
  headers: { 'retry-after': '30' },
  delayMs: 0,
  drop: false,
  count: 1,
  remaining: 1,
  createdAt: AT,
};
const fault = object(
  {
    id: string,
    method: string,
    path: string,
    status: nullable('integer'),
    body: { description: 'only when the fault names one' },
    headers: { type: 'object', additionalProperties: string },
    delayMs: integer,
    drop: boolean,
    count: integer,
    remaining: { ...integer, description: 'uses left' },
    createdAt: dateTime,
  },
  ['id', 'method', 'path', 'status', 'headers', 'delayMs', 'drop', 'count', 'remaining', 'createdAt'],
);
export const FAULT = withExamples(fault, [FAULT_EXAMPLE]);
export const FAULTS = withExamples(object({ faults: { type: 'array', items: fault } }, ['faults']), [
  { faults: [FAULT_EXAMPLE] },
]);

/** One mail of the outbox (outbox.ts `listOutbox`): its text's links listed for scripts to follow. */
const mail = object(
  {
    id: integer,
    to: string,
    subject: string,
    text: { ...string, description: 'empty once sent, when the platform forgets sent bodies' },
    html: string,
    links: { type: 'array', items: string },
    createdAt: dateTime,
    deliveredAt: nullableTime,
  },
  ['id', 'to', 'subject', 'text', 'html', 'links', 'createdAt', 'deliveredAt'],
);
const LINK = 'http://localhost:4000/oauth/email-code/q2V9xJ0bL7mZs4Kc8fTn1wRd5yHa3uEo6iGp0NvBkXg';
export const OUTBOX = withExamples({ type: 'array', items: mail } as const, [
  [
    {
      id: 3,
      to: 'existing.user@example.com',
      subject: 'Connect your account to Bank',
      text: `Bank asked to connect to your account. Open this link to continue:\n\n${LINK}\n`,
      html: `<p>Bank asked to connect to your account.</p><p><a href="${LINK}">Continue</a></p>`,
      links: [LINK],
      createdAt: AT,
      deliveredAt: null,
    },
  ],
]);

/** One webhook delivery with its attempts (webhooks.ts `deliveryView`), as listed and as redelivered. */
const delivery = object(
  {
    deliveryId: { ...string, format: 'uuid', description: 'X-Delivery-Id, the same on every attempt' },
    subscriptionId: { ...string, format: 'uuid' },
    clientId: string,
    eventType: string,
    url: string,
    test: { ...boolean, description: 'a test notification (X-Test-Notification: true)' },
    status: { enum: ['pending', 'delivered', 'failed'] },
    data: { description: 'the event’s `data`, as the event-types page documents it' },
    createdAt: dateTime,
    nextAttemptAt: nullableTime,
    deliveredAt: nullableTime,
    failedAt: nullableTime,
    attempts: {
      type: 'array',
      items: object(
        {
          attempt: integer,
          attemptedAt: dateTime,
          status: {
            ...nullable('integer'),
            description: 'the receiver’s status; null when it never answered',
          },
          error: nullable('string'),
        },
        ['attempt', 'attemptedAt', 'status', 'error'],
      ),
    },
  },
  [
    'deliveryId',
    'subscriptionId',
    'clientId',
    'eventType',
    'url',
    'test',
    'status',
    'data',
    'createdAt',
    'nextAttemptAt',
    'deliveredAt',
    'failedAt',
    'attempts',
  ],
);
// Contract §11 and "Verification": a profiles#verification-state-change, refused once, then delivered.
const DELIVERY_EXAMPLE = {
  deliveryId: '3f0c8d2e-5b7a-4c1e-9f6d-2a8b4e1c7d90',
  subscriptionId: '72195556-e5cb-495e-a010-b37a4f2a3043',
  clientId: 'bank',
  eventType: 'profiles#verification-state-change',
  url: 'https://your.webhook.url/12345',
  test: false,
  status: 'delivered',
  data: {
    resource: { type: 'profile', id: 30000001 },
    current_state: 'verified',
    occurred_at: '2026-07-01T12:00:00Z',
  },
  createdAt: AT,
  nextAttemptAt: null,
  deliveredAt: '2026-07-01T12:01:05.000Z',
  failedAt: null,
  attempts: [
    { attempt: 1, attemptedAt: LATER, status: 500, error: 'answered 500' },
    { attempt: 2, attemptedAt: '2026-07-01T12:01:05.000Z', status: 200, error: null },
  ],
};
export const DELIVERIES = withExamples({ type: 'array', items: delivery } as const, [[DELIVERY_EXAMPLE]]);
export const REDELIVERED = withExamples(delivery, [
  { ...DELIVERY_EXAMPLE, status: 'pending', nextAttemptAt: '2026-07-01T13:00:00.000Z', deliveredAt: null },
]);

// Contract "Verification", the sandbox control plane: `POST /_sandbox/users/{userId}/state`.
export const USER_STATE_CHANGE = withExamples(STATE_CHANGE, [
  { state: 'DEACTIVATED', deactivationType: 'ACCOUNT_CLOSURE', deactivationReason: 'Closed on request' },
]);
export const USER_STATE = withExamples(
  object({ userId: integer, previousState: string, currentState: string, changed: boolean }, [
    'userId',
    'currentState',
    'changed',
  ]),
  [{ userId: 12345, previousState: 'ACTIVE', currentState: 'DEACTIVATED', changed: true }],
);

/** `POST /_sandbox/users`: a person as the seed file has one (seed.ts `parseSeedUser`). */
export const NEW_USER_BODY = withExamples(
  object(
    {
      email: { ...string, 'x-error': bad('email must be an email address') },
      password: { ...string, 'x-error': bad('password must be a non-empty string') },
      totpSecret: string,
      sandboxTotp: { ...boolean, 'x-error': bad('sandboxTotp must be true or false') },
      profiles: {
        type: 'array',
        items: { type: 'object' },
        'x-error': bad('profiles must be a list of profile objects'),
      },
    },
    ['email'],
  ),
  [NEW_USER],
);

/** The listings of sandbox/listings.ts (contract §13 "Sandbox state, people and grants"): never a secret. */
const profileListing = object(
  {
    id: integer,
    publicId: string,
    type: { enum: ['PERSONAL', 'BUSINESS'] },
    name: nullable('string'),
    createdByClientId: nullable('string'),
    createdByGrantId: nullable('string'),
    verificationState: { enum: ['not_verified', 'verified'] },
    createdAt: dateTime,
  },
  ['id', 'type', 'verificationState'],
);
const userListing = object(
  {
    id: integer,
    email: string,
    state: { enum: ['ACTIVE', 'WITHDRAW_ONLY', 'DEACTIVATED'] },
    createdByClientId: nullable('string'),
    hasRegistrationCode: boolean,
    passwordSet: boolean,
    twoFactor: boolean,
    sandboxTotp: boolean,
    locked: boolean,
    reclaimed: boolean,
    reclaimedAt: nullableTime,
    createdAt: dateTime,
    linkedIdentities: { type: 'array', items: { type: 'object' } },
    profiles: { type: 'array', items: profileListing },
  },
  ['id', 'email', 'state', 'passwordSet', 'twoFactor', 'locked', 'reclaimed', 'profiles'],
);
export const USER_LIST = withExamples(object({ users: { type: 'array', items: userListing } }, ['users']), [
  USERS,
]);
const clientListing = object(
  {
    clientId: string,
    name: string,
    redirectUris: { type: 'array', items: string },
    public: boolean,
    hasSecret: boolean,
    refreshTokenTtlSeconds: nullable('integer'),
    createdAt: dateTime,
  },
  ['clientId', 'name', 'redirectUris', 'public', 'hasSecret'],
);
export const CLIENT_LIST = withExamples(
  object({ clients: { type: 'array', items: clientListing } }, ['clients']),
  [CLIENTS],
);
const grantListing = object(
  {
    id: string,
    clientId: string,
    userId: nullable('integer'),
    grantType: string,
    profileIds: { type: 'array', items: integer },
    createdAt: dateTime,
    revokedAt: nullableTime,
    refreshToken: {
      type: ['object', 'null'],
      required: ['expiresAt', 'expired'],
      properties: { expiresAt: nullableTime, expired: boolean },
    },
    accessTokens: {
      type: 'array',
      items: object({ id: integer, createdAt: dateTime, expiresAt: dateTime, revokedAt: nullableTime }, [
        'id',
        'createdAt',
        'expiresAt',
        'revokedAt',
      ]),
    },
  },
  [
    'id',
    'clientId',
    'userId',
    'grantType',
    'profileIds',
    'createdAt',
    'revokedAt',
    'refreshToken',
    'accessTokens',
  ],
);
export const GRANT_LIST = withExamples(
  object({ grants: { type: 'array', items: grantListing } }, ['grants']),
  [GRANTS],
);
