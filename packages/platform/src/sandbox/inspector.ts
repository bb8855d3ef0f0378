import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { PageError } from '../errors/errors.js';
import { csrfFor, requireCsrf } from '../http/csrf.js';
import { FormParams } from '../http/form.js';
import { PAGE_HEADERS } from '../http/page-headers.js';
import { INSPECTOR_STYLESHEET, INSPECTOR_STYLESHEET_PATH, inspectorPage } from '../views/inspector.js';
import type { InspectorData, InspectorDocument } from '../views/inspector-data.js';
import { readClock } from './clock.js';
import { listFaults } from './faults.js';
import { listRequests } from './journal.js';
import { listClients, listGrants, listUsers } from './listings.js';
import { LOGOUT_PATH, logoutCsrf } from './login.js';
import { listOutbox } from './outbox.js';
import { readSandboxSession } from './session.js';
import { listDeliveries } from './webhooks.js';

const FORM = 'sandbox-inspector';
const SHOWN = 50;

/** What each action did, said after the redirect: a fixed text per action, never what was typed. */
const NOTICES = {
  revoked: 'The grant is revoked: its access and refresh tokens now answer 401.',
  expired: 'The grant’s access tokens have expired; its refresh token still works.',
  unlocked: 'The account is unlocked: its login, 2FA and code limits are cleared.',
  redelivered: 'The delivery is due again; the webhook worker sends it on its next round.',
  clock: 'The clock has moved.',
  faults: 'Every fault is cleared.',
} as const;
type Notice = keyof typeof NOTICES;

/** Verification documents as the inspector lists them: what a document says, never its identifier's hash. */
export async function listDocuments(platform: Platform, limit: number): Promise<InspectorDocument[]> {
  const documents = await platform.stores.verificationDocuments.listRecent(limit);
  return documents.map((d) => ({
    id: d.id,
    profileId: d.profileId,
    clientId: d.clientId,
    type: d.type,
    identifierLastDigits: d.identifierLastDigits,
    firstName: d.firstName,
    lastName: d.lastName,
    createdAt: d.createdAt.toISOString(),
  }));
}

/** Everything the page shows, through the sandbox's services (views never touch stores). */
async function gather(platform: Platform): Promise<Omit<InspectorData, 'csrf' | 'notice'>> {
  const [clock, users, clients, grants, outbox, webhooks, documents, requests, faults] = await Promise.all([
    readClock(platform),
    listUsers(platform),
    listClients(platform),
    listGrants(platform),
    listOutbox(platform, null, SHOWN),
    listDeliveries(platform, null, SHOWN),
    listDocuments(platform, SHOWN),
    listRequests(platform, { limit: SHOWN }),
    listFaults(platform),
  ]);
  return {
    clock: { now: clock.now.toISOString(), offsetSeconds: clock.offsetSeconds },
    users,
    clients,
    grants,
    outbox,
    webhooks,
    documents,
    requests,
    faults,
  };
}

/** The message of a control-plane error body, in either family. */
function messageOf(body: unknown): string {
  const b = (body ?? {}) as { errors?: { message?: unknown }[]; error_description?: unknown };
  const text = b.errors?.[0]?.message ?? b.error_description;
  return typeof text === 'string' ? text : 'The sandbox could not do this.';
}

interface Call {
  method: 'POST' | 'DELETE';
  url: string;
  body?: Record<string, unknown>;
}

/** The clock form: `advanceSeconds` as the number typed (the clock call checks it), or `reset`. */
function clockCall(form: FormParams): Call {
  if (form.get('reset') === 'true') return { method: 'POST', url: '/_sandbox/clock', body: { reset: true } };
  const typed = form.get('advanceSeconds')?.trim() ?? '';
  const seconds = /^-?\d{1,16}$/.test(typed) ? Number(typed) : typed;
  return { method: 'POST', url: '/_sandbox/clock', body: { advanceSeconds: seconds } };
}

/** The inspector's stylesheet: no secret in it, so outside the key guard (the login page may use it too). */
export function registerInspectorAssets(app: FastifyInstance): void {
  app.get(INSPECTOR_STYLESHEET_PATH, async (_request, reply) =>
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(INSPECTOR_STYLESHEET),
  );
}

/**
 * The inspector (issue 11): `GET /_sandbox` renders the sandbox; each button posts a form (with the page's
 * CSRF token) to `/_sandbox/inspector/…`, which makes the very control-plane call a script would make (in
 * process, with this request's credentials, so the key guard, the checks and the journal are the same ones),
 * then redirects back (post/redirect/get). A refused call is an error page with the call's own message.
 */
export function registerSandboxInspector(app: FastifyInstance, platform: Platform): void {
  app.get('/_sandbox', async (request, reply) => {
    const key = (request.query as Record<string, unknown>)['done'];
    const notice = typeof key === 'string' && key in NOTICES ? NOTICES[key as Notice] : null;
    const csrf = csrfFor(platform, request, reply, FORM);
    // Only a login has something to end: a request let in by a bearer key or from loopback gets no button.
    const logout = readSandboxSession(platform, request, Date.now())
      ? { action: LOGOUT_PATH, csrf: logoutCsrf(platform, request, reply) }
      : null;
    const data = await gather(platform);
    return reply.headers(PAGE_HEADERS).send(inspectorPage({ ...data, csrf, notice, logout }));
  });

  const action = <P extends Record<string, string>>(
    path: string,
    notice: Notice,
    anchor: string,
    call: (params: P, form: FormParams) => Call,
  ) =>
    app.post<{ Params: P }>(path, async (request, reply) => {
      const form = request.body instanceof FormParams ? request.body : new FormParams('');
      requireCsrf(platform, request, FORM, form.get('csrf'));
      await forward(app, request, call(request.params as P, form));
      return seeOther(reply, `/_sandbox?done=${notice}#${anchor}`);
    });

  const segment = encodeURIComponent;
  action<{ id: string }>('/_sandbox/inspector/grants/:id/revoke', 'revoked', 'grants', (p) => ({
    method: 'POST',
    url: `/_sandbox/grants/${segment(p.id)}/revoke`,
    body: {},
  }));
  action<{ id: string }>('/_sandbox/inspector/grants/:id/expire', 'expired', 'grants', (p) => ({
    method: 'POST',
    url: `/_sandbox/grants/${segment(p.id)}/expire`,
    body: {},
  }));
  action<{ email: string }>('/_sandbox/inspector/users/:email/unlock', 'unlocked', 'users', (p) => ({
    method: 'POST',
    url: `/_sandbox/users/${segment(p.email)}/unlock`,
    body: {},
  }));
  action<{ id: string }>('/_sandbox/inspector/webhooks/:id/redeliver', 'redelivered', 'webhooks', (p) => ({
    method: 'POST',
    url: `/_sandbox/webhooks/deliveries/${segment(p.id)}/redeliver`,
    body: {},
  }));
  action('/_sandbox/inspector/clock', 'clock', 'clock', (_p, form) => clockCall(form));
  action('/_sandbox/inspector/faults/clear', 'faults', 'faults', () => ({
    method: 'DELETE',
    url: '/_sandbox/faults',
  }));
}

const seeOther = (reply: FastifyReply, path: string) => reply.headers(PAGE_HEADERS).redirect(path, 303);

/** One control-plane call, in process, carrying this request's credentials (the key or the login cookie). */
async function forward(app: FastifyInstance, request: FastifyRequest, call: Call): Promise<void> {
  const headers: Record<string, string> = {};
  for (const name of ['authorization', 'cookie', 'host'] as const) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (call.body) headers['content-type'] = 'application/json';
  const res = await app.inject({
    method: call.method,
    url: call.url,
    headers,
    ...(call.body ? { payload: JSON.stringify(call.body) } : {}),
  });
  if (res.statusCode >= 400) {
    let body: unknown = null;
    try {
      body = res.json();
    } catch {}
    throw new PageError(res.statusCode, 'That did not work', messageOf(body));
  }
}
