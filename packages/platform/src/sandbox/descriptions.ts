import { formBody, hostedPage, json, object, type RouteDescriptions, wiseErrors } from '../http/describe.js';
import { CLOCK_CHANGE } from './clock.js';
import { FAULT_SPEC } from './faults.js';

const string = { type: 'string' } as const;
const integer = { type: 'integer' } as const;
const boolean = { type: 'boolean' } as const;
const objects = { type: 'array', items: { type: 'object' } } as const;
const tags: ['sandbox'] = ['sandbox'];
/** The sandbox key, or its login cookie; from this machine in development and test mode, neither. */
const security: Record<string, string[]>[] = [{ sandboxKey: [] }, { sandboxSession: [] }, {}];

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
    body: formBody({ csrf: 'the inspector page’s form token' }, ['csrf']),
    response: hostedPage('A page saying what went wrong.', 'The inspector, with the outcome.'),
  };
}

/** A field's error in the words of its rule (seed.ts `parseSeedUser`, which checks the rest). */
const bad = (message: string) => ({ code: 'BAD_REQUEST', message });

const id = object({ id: string }, ['id']);
const email = object({ email: string }, ['email']);
const clock = object({ now: { type: 'string', format: 'date-time' }, offsetSeconds: integer }, [
  'now',
  'offsetSeconds',
]);
const token = (names: string[]) =>
  object(Object.fromEntries(names.map((n) => [n, string])), []) as unknown as object;

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
    body: formBody({ csrf: 'the form’s token', key: 'the sandbox key' }, ['csrf']),
    response: hostedPage('The form with its error (429 past the attempt limit).', 'The inspector.'),
  },
  'POST /_sandbox/logout': {
    summary: 'Log out of the inspector',
    tags,
    body: formBody({ csrf: 'the inspector page’s form token' }, ['csrf']),
    response: hostedPage('A page saying what went wrong.', 'The login form.'),
  },
  'GET /assets/inspector.css': {
    summary: 'The inspector’s stylesheet',
    tags: ['operations'],
    response: { 200: { description: 'CSS.', content: { 'text/css': { schema: string } } } },
  },
  'GET /_sandbox/outbox': operation('The mail the platform wrote, newest first', objects, {
    querystring: object({ to: { ...string, description: 'only the mail to this address' } }),
  }),
  'POST /_sandbox/users/:email/reclaim': operation(
    'Reclaim an account: the person sets a password and takes it over (contract §7)',
    object({ email: string, reclaimedAt: string }, ['email', 'reclaimedAt']),
    { params: email },
  ),
  'POST /_sandbox/tokens/revoke': operation(
    'Revoke an access token, or a refresh token’s whole grant',
    object({ revoked: { enum: ['accessToken', 'refreshToken'] } }, ['revoked']),
    { body: token(['accessToken', 'refreshToken']) },
  ),
  'POST /_sandbox/tokens/expire': operation(
    'Expire an access token now',
    object({ expired: { const: 'accessToken' } }, ['expired']),
    { body: token(['accessToken']) },
  ),
  'POST /_sandbox/users/:userId/state': operation(
    'Move a user to one of Wise’s user states (publishes users#state-change)',
    object({ userId: integer, previousState: string, currentState: string, changed: boolean }, [
      'userId',
      'currentState',
      'changed',
    ]),
    {
      params: object({ userId: string }, ['userId']),
      body: object(
        {
          state: { ...string, examples: ['DEACTIVATED'] },
          deactivationType: string,
          deactivationReason: string,
        },
        ['state'],
      ),
    },
  ),
  'POST /_sandbox/webhooks/deliver': operation(
    'Deliver every webhook that is due now',
    object({ delivered: integer, retried: integer, failed: integer }, ['delivered', 'retried', 'failed']),
  ),
  'GET /_sandbox/webhooks': operation('Webhook deliveries with their attempts, newest first', objects, {
    querystring: object({ clientId: string, limit: string }),
  }),
  'POST /_sandbox/webhooks/deliveries/:id/redeliver': operation(
    'Send a webhook delivery again (same X-Delivery-Id)',
    { type: 'object' },
    { params: id },
  ),
  'GET /_sandbox/requests': operation(
    'The request journal, newest first',
    object({ requests: objects }, ['requests']),
    { querystring: object({ clientId: string, path: string, status: string, limit: string }) },
  ),
  'POST /_sandbox/faults': operation(
    'Add a fault: the next matching requests get this status, body, delay or a dropped connection',
    { type: 'object' },
    {
      status: 201,
      body: FAULT_SPEC,
    },
  ),
  'GET /_sandbox/faults': operation('The active faults', object({ faults: objects }, ['faults'])),
  'DELETE /_sandbox/faults': operation('Clear every fault', object({ deleted: integer }, ['deleted'])),
  'GET /_sandbox/clock': operation('The sandbox clock', clock),
  'POST /_sandbox/clock': operation('Move the sandbox clock forward, or back to real time', clock, {
    body: CLOCK_CHANGE,
  }),
  'GET /_sandbox/users': operation('Every user, with profiles', object({ users: objects }, ['users'])),
  'GET /_sandbox/clients': operation('Every partner client', object({ clients: objects }, ['clients'])),
  'GET /_sandbox/grants': operation(
    'Grants (live ones unless all=true)',
    object({ grants: objects }, ['grants']),
    {
      querystring: object({ clientId: string, userId: string, all: { enum: ['true', 'false'] } }),
    },
  ),
  'POST /_sandbox/grants/:id/revoke': operation(
    'Revoke a grant',
    object({ grantId: string, revokedAt: string }, ['grantId', 'revokedAt']),
    { params: id },
  ),
  'POST /_sandbox/grants/:id/expire': operation(
    'Expire a grant’s access tokens (and its refresh token, when asked)',
    object({ grantId: string, expiredAccessTokens: integer, refreshTokenExpired: boolean }, ['grantId']),
    { params: id, body: object({ refreshToken: boolean }) },
  ),
  'POST /_sandbox/users': operation(
    'Create a user, with password, 2FA and profiles as in the seed file',
    object({ id: integer, email: string }, ['id', 'email']),
    {
      status: 201,
      body: object(
        {
          email: { ...string, 'x-error': bad('email must be an email address') },
          password: { ...string, 'x-error': bad('password must be a non-empty string') },
          totpSecret: string,
          profiles: { ...objects, 'x-error': bad('profiles must be a list of profile objects') },
        },
        ['email'],
      ),
    },
  ),
  'POST /_sandbox/users/:email/unlock': operation(
    'Lift a user’s login lockout',
    object({ userId: integer, email: string, unlocked: { const: true } }, ['email', 'unlocked']),
    { params: email },
  ),
  'GET /_sandbox/state': operation(
    'Export the whole sandbox state',
    object({ version: integer, migration: string }, ['version']),
  ),
  'POST /_sandbox/state': operation(
    'Import a state an export wrote',
    object({ imported: object({ tables: integer, rows: integer }) }, ['imported']),
    { body: { type: 'object', description: 'what GET /_sandbox/state answered' } },
  ),
  'POST /_sandbox/reset': operation(
    'Empty the sandbox and apply the start seed again',
    object({ reset: { type: 'object' } }, ['reset']),
  ),
  'POST /_sandbox/inspector/clock': {
    ...inspectorAction('Inspector: move the clock'),
    body: formBody({ csrf: 'the form token', advanceSeconds: 'seconds forward', reset: 'true to reset' }, [
      'csrf',
    ]),
  },
  'POST /_sandbox/inspector/faults/clear': inspectorAction('Inspector: clear the faults'),
  'POST /_sandbox/inspector/grants/:id/revoke': inspectorAction('Inspector: revoke a grant', id),
  'POST /_sandbox/inspector/grants/:id/expire': inspectorAction('Inspector: expire a grant’s tokens', id),
  'POST /_sandbox/inspector/users/:email/unlock': inspectorAction('Inspector: unlock a user', email),
  'POST /_sandbox/inspector/webhooks/:id/redeliver': inspectorAction('Inspector: redeliver a webhook', id),
};
