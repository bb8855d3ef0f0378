import {
  CSRF_EXAMPLE,
  csrfForm,
  formBody,
  hostedPage,
  json,
  object,
  type RouteDescriptions,
  wiseErrors,
  withExamples,
} from '../http/describe.js';
import { CLOCK_CHANGE } from './clock.js';
import { AT, JOURNAL, STATE } from './description-examples.js';
import {
  CLIENT_LIST,
  DELIVERIES,
  FAULT,
  FAULT_SPEC_BODY,
  FAULTS,
  GRANT_LIST,
  NEW_USER_BODY,
  OUTBOX,
  REDELIVERED,
  USER_LIST,
  USER_STATE,
  USER_STATE_CHANGE,
} from './description-shapes.js';

const string = { type: 'string' } as const;
const integer = { type: 'integer' } as const;
const boolean = { type: 'boolean' } as const;
const objects = { type: 'array', items: { type: 'object' } } as const;
const tags: ['sandbox'] = ['sandbox'];
/** The sandbox key, or its login cookie; from this machine in development and test mode, neither. */
const security: Record<string, string[]>[] = [{ sandboxKey: [] }, { sandboxSession: [] }, {}];
/** An example of a JSON shape: realistic values of our own (the control plane is not Wise's API). */
const eg = withExamples;

/** A control-plane JSON operation: its summary, what it answers (200 unless `status`), its errors. */
function operation(
  summary: string,
  answer: object,
  more: { body?: object; params?: object; querystring?: object; status?: number; description?: string } = {},
) {
  const { status = 200, body, ...rest } = more;
  return {
    summary,
    tags,
    security,
    ...rest,
    ...(body ? { body: { content: { 'application/json': { schema: body } } } } : {}),
    response: { [status]: json(answer, summary), ...wiseErrors },
  };
}

/** The inspector's buttons: each a form with the page's `csrf`, answered with 303 back to the page. */
function inspectorAction(summary: string, params?: object) {
  return {
    summary,
    tags,
    security,
    ...(params ? { params } : {}),
    body: csrfForm(),
    response: hostedPage('A page saying what went wrong.', 'The inspector, with the outcome.'),
  };
}

const id = (description: string, example: string) =>
  object({ id: { ...string, description, examples: [example] } }, ['id']);
const grantId = id('a grant id (digits; anything else is an unknown grant, 404)', '42');
const deliveryId = id('the delivery’s X-Delivery-Id (a UUID)', '3f0c8d2e-5b7a-4c1e-9f6d-2a8b4e1c7d90');
const email = object({ email: { ...string, examples: ['new.user@example.com'] } }, ['email']);
const clock = object({ now: { type: 'string', format: 'date-time' }, offsetSeconds: integer }, [
  'now',
  'offsetSeconds',
]);
const token = (names: string[]) =>
  object(Object.fromEntries(names.map((n) => [n, string])), []) as unknown as object;
const ACCESS_TOKEN = 'ba8k9b6a-6c8f-4a4b-9d7a-3f5e2c1d0e9f';

/**
 * The sandbox control plane under `/_sandbox/` (contract §13; issue 11): not part of Wise's API. The JSON
 * operations' schemas validate, with Wise-style `errors[]` (http/schema-errors.ts); each route's own code
 * keeps what a schema cannot say (ranges it words itself, one field of several, cross-field rules).
 */
export const SANDBOX_DESCRIPTIONS: RouteDescriptions = {
  'GET /_sandbox': {
    summary: 'The inspector: users, grants, mail, webhooks, requests, faults and the clock',
    tags,
    security,
    response: hostedPage('The inspector page.', 'The login form, without the key.'),
  },
  'GET /_sandbox/login': {
    summary: 'The inspector’s login form',
    tags,
    response: hostedPage('The form.'),
  },
  'POST /_sandbox/login': {
    summary: 'Log in to the inspector with the sandbox key',
    tags,
    body: formBody(
      { csrf: 'the form’s token', key: 'the sandbox key' },
      ['csrf'],
      [{ csrf: CSRF_EXAMPLE, key: 'sandbox-key-from-PLATFORM_SANDBOX_KEY' }],
    ),
    response: hostedPage('The form with its error (429 past the attempt limit).', 'The inspector.'),
  },
  'POST /_sandbox/logout': {
    summary: 'Log out of the inspector',
    tags,
    body: csrfForm(),
    response: hostedPage('A page saying what went wrong.', 'The login form.'),
  },
  'GET /assets/inspector.css': {
    summary: 'The inspector’s stylesheet',
    tags: ['operations'],
    response: { 200: { description: 'CSS.', content: { 'text/css': { schema: string } } } },
  },
  'GET /_sandbox/outbox': operation('The mail the platform wrote, newest first (at most 100)', OUTBOX, {
    querystring: object({
      to: {
        ...string,
        description: 'only the mail to this address',
        examples: ['existing.user@example.com'],
      },
    }),
  }),
  'POST /_sandbox/users/:email/reclaim': operation(
    'Reclaim an account: the person sets a password and takes it over (contract §7)',
    eg(object({ email: string, reclaimedAt: string }, ['email', 'reclaimedAt']), [
      { email: 'new.user@example.com', reclaimedAt: AT },
    ]),
    { params: email },
  ),
  'POST /_sandbox/tokens/revoke': operation(
    'Revoke an access token, or a refresh token’s whole grant',
    eg(object({ revoked: { enum: ['accessToken', 'refreshToken'] } }, ['revoked']), [
      { revoked: 'accessToken' },
    ]),
    { body: eg(token(['accessToken', 'refreshToken']), [{ accessToken: ACCESS_TOKEN }]) },
  ),
  'POST /_sandbox/tokens/expire': operation(
    'Expire an access token now',
    eg(object({ expired: { const: 'accessToken' } }, ['expired']), [{ expired: 'accessToken' }]),
    { body: eg(token(['accessToken']), [{ accessToken: ACCESS_TOKEN }]) },
  ),
  'POST /_sandbox/users/:userId/state': operation(
    'Move a user to one of Wise’s user states (publishes users#state-change)',
    USER_STATE,
    {
      params: object(
        {
          userId: { ...string, description: 'a user id (digits; anything else is 404)', examples: ['12345'] },
        },
        ['userId'],
      ),
      body: USER_STATE_CHANGE,
    },
  ),
  'POST /_sandbox/webhooks/deliver': operation(
    'Deliver every webhook that is due now',
    eg(
      object({ delivered: integer, retried: integer, failed: integer }, ['delivered', 'retried', 'failed']),
      [{ delivered: 2, retried: 1, failed: 0 }],
    ),
  ),
  'GET /_sandbox/webhooks': operation('Webhook deliveries with their attempts, newest first', DELIVERIES, {
    querystring: object({
      clientId: { ...string, examples: ['bank'] },
      limit: { ...string, description: '1 to 500 (100)', examples: ['20'] },
    }),
  }),
  'POST /_sandbox/webhooks/deliveries/:id/redeliver': operation(
    'Send a webhook delivery again (same X-Delivery-Id)',
    REDELIVERED,
    {
      description:
        'Contract §11 "Sandbox": due again now, whatever its status; the next round sends it under the same ' +
        'X-Delivery-Id. Answers the delivery as listed; 404 for an unknown id.',
      params: deliveryId,
    },
  ),
  'GET /_sandbox/requests': operation(
    'The request journal, newest first',
    // Contract §13 "Journal": secrets and single-use links redacted, HTML kept as its type and size.
    eg(object({ requests: objects }, ['requests']), [JOURNAL]),
    {
      querystring: object({
        clientId: { ...string, examples: ['bank'] },
        path: { ...string, description: 'a prefix of the path with its query', examples: ['/oauth/token'] },
        status: { ...string, description: '0 for a connection a fault dropped', examples: ['401'] },
        limit: { ...string, description: '1 to 500 (100)', examples: ['20'] },
      }),
    },
  ),
  'POST /_sandbox/faults': operation(
    'Add a fault: the next matching requests get this status, body, delay or a dropped connection',
    FAULT,
    { status: 201, body: FAULT_SPEC_BODY },
  ),
  'GET /_sandbox/faults': operation('The active faults (uses left), oldest first', FAULTS),
  'DELETE /_sandbox/faults': operation(
    'Clear every fault',
    eg(object({ deleted: integer }, ['deleted']), [{ deleted: 2 }]),
  ),
  'GET /_sandbox/clock': operation('The sandbox clock', eg(clock, [{ now: AT, offsetSeconds: 3600 }])),
  'POST /_sandbox/clock': operation(
    'Move the sandbox clock forward, or back to real time',
    eg(clock, [{ now: AT, offsetSeconds: 3600 }]),
    {
      body: eg(CLOCK_CHANGE, {
        advance: { summary: 'an hour forward', value: { advanceSeconds: 3600 } },
        reset: { summary: 'back to real time', value: { reset: true } },
      }),
    },
  ),
  'GET /_sandbox/users': operation('Every user, with profiles', USER_LIST),
  'GET /_sandbox/clients': operation('Every partner client', CLIENT_LIST),
  'GET /_sandbox/grants': operation('Grants (live ones unless all=true), newest first', GRANT_LIST, {
    querystring: object({
      clientId: { ...string, examples: ['bank'] },
      userId: { ...string, description: 'a user id (digits)', examples: ['12345'] },
      all: { enum: ['true', 'false'] },
    }),
  }),
  'POST /_sandbox/grants/:id/revoke': operation(
    'Revoke a grant',
    eg(object({ grantId: string, revokedAt: string }, ['grantId', 'revokedAt']), [
      { grantId: '42', revokedAt: AT },
    ]),
    { params: grantId },
  ),
  'POST /_sandbox/grants/:id/expire': operation(
    'Expire a grant’s access tokens (and its refresh token, when asked)',
    eg(object({ grantId: string, expiredAccessTokens: integer, refreshTokenExpired: boolean }, ['grantId']), [
      { grantId: '42', expiredAccessTokens: 1, refreshTokenExpired: true },
    ]),
    { params: grantId, body: eg(object({ refreshToken: boolean }), [{ refreshToken: true }]) },
  ),
  'POST /_sandbox/users': operation(
    'Create a user, with password, 2FA and profiles as in the seed file',
    eg(object({ id: integer, email: string }, ['id', 'email']), [
      { id: 12346, email: 'test.user@example.com' },
    ]),
    {
      status: 201,
      body: NEW_USER_BODY,
    },
  ),
  'POST /_sandbox/users/:email/unlock': operation(
    'Lift a user’s login lockout',
    eg(object({ userId: integer, email: string, unlocked: { const: true } }, ['email', 'unlocked']), [
      { userId: 12345, email: 'new.user@example.com', unlocked: true },
    ]),
    { params: email },
  ),
  'GET /_sandbox/state': operation(
    'Export the whole sandbox state',
    eg(
      object(
        { version: integer, migration: string, tables: { type: 'object' }, sequences: { type: 'object' } },
        ['version'],
      ),
      [STATE],
    ),
  ),
  'POST /_sandbox/state': operation(
    'Import a state an export wrote',
    eg(object({ imported: object({ tables: integer, rows: integer }) }, ['imported']), [
      { imported: { tables: 31, rows: 214 } },
    ]),
    {
      body: eg({ type: 'object', description: 'what GET /_sandbox/state answered' }, [STATE]),
    },
  ),
  'POST /_sandbox/reset': operation(
    'Empty the sandbox and apply the start seed again',
    eg(object({ reset: object({ clients: integer, users: integer }) }, ['reset']), [
      { reset: { clients: 1, users: 3 } },
    ]),
  ),
  'POST /_sandbox/inspector/clock': {
    ...inspectorAction('Inspector: move the clock'),
    body: formBody(
      { csrf: 'the form token', advanceSeconds: 'seconds forward', reset: 'true to reset' },
      ['csrf'],
      [{ csrf: CSRF_EXAMPLE, advanceSeconds: '3600' }],
    ),
  },
  'POST /_sandbox/inspector/faults/clear': inspectorAction('Inspector: clear the faults'),
  'POST /_sandbox/inspector/grants/:id/revoke': inspectorAction('Inspector: revoke a grant', grantId),
  'POST /_sandbox/inspector/grants/:id/expire': inspectorAction(
    'Inspector: expire a grant’s tokens',
    grantId,
  ),
  'POST /_sandbox/inspector/users/:email/unlock': inspectorAction('Inspector: unlock a user', email),
  'POST /_sandbox/inspector/webhooks/:id/redeliver': inspectorAction(
    'Inspector: redeliver a webhook',
    deliveryId,
  ),
};
