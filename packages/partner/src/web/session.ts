import {
  appendSetCookie,
  cookieName,
  csrfToken,
  csrfValid,
  randomToken,
  readCookie,
  serializeCookie,
} from '@account-access/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Partner } from '../context.js';
import { hashValue } from '../onboarding/hash.js';

/**
 * Browser sessions. The cookie holds a random id (32 bytes, base64url); a `web_sessions` row (keyed by the
 * id's hash) exists only once something is kept in it, i.e. someone signed in. An anonymous visitor who is
 * shown a form gets the cookie alone: its id is what the form's CSRF token is bound to, and nothing is
 * stored, so a crawler, a 404 or a health check never writes to the database.
 */
export const SESSION_COOKIE = 'bank_session';
export const SESSION_TTL_SECONDS = 8 * 3600;
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** The browser session of a request: the cookie's id (null until one is needed), and who is signed in. */
export interface RequestSession {
  readonly id: string | null;
  readonly customerId: string | null;
}

const loaded = new WeakMap<FastifyRequest, RequestSession>();

const secure = (partner: Partner) => partner.config.publicUrl.startsWith('https:');
const name = (partner: Partner) => cookieName(SESSION_COOKIE, secure(partner));

/** Sets the cookie (SameSite=Lax: it must come back on the platform's redirect to the callback, §4). */
function setCookie(partner: Partner, reply: FastifyReply, id: string): void {
  const options = { maxAgeSeconds: SESSION_TTL_SECONDS, secure: secure(partner) };
  appendSetCookie(reply, serializeCookie(name(partner), id, options));
}

/** The request's session, read once: the cookie's id and, when a live row holds it, the customer. */
export async function sessionOf(partner: Partner, request: FastifyRequest): Promise<RequestSession> {
  const cached = loaded.get(request);
  if (cached) return cached;
  const cookie = readCookie(request.headers.cookie, name(partner));
  const id = cookie && SESSION_ID.test(cookie) ? cookie : null;
  const row = id ? await partner.stores.sessions.get(hashValue(id), partner.now()) : null;
  const session = { id, customerId: row?.customerId ?? null };
  loaded.set(request, session);
  return session;
}

/** The session's id, giving the browser one (cookie only, no row) when it has none yet. */
async function ensureId(partner: Partner, request: FastifyRequest, reply: FastifyReply): Promise<string> {
  const session = await sessionOf(partner, request);
  if (session.id) return session.id;
  const id = randomToken();
  setCookie(partner, reply, id);
  loaded.set(request, { id, customerId: null });
  return id;
}

/** The CSRF token for the forms of this page: an HMAC of the session id (`@account-access/kit`). */
export async function csrfFor(
  partner: Partner,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<string> {
  return csrfToken(partner.config.sessionSecret, await ensureId(partner, request, reply));
}

/** Whether a POST's token was made for this browser's session id. */
export async function csrfAccepted(
  partner: Partner,
  request: FastifyRequest,
  token: string | null,
): Promise<boolean> {
  const { id } = await sessionOf(partner, request);
  return id !== null && csrfValid(partner.config.sessionSecret, id, token);
}

/**
 * What the linking `state` is bound to (contract §10.3). A request without a session gets a fresh id that
 * matches no stored state, so a callback arriving in a cookie-less browser is refused, not consumed.
 */
export async function sessionBinding(partner: Partner, request: FastifyRequest): Promise<string> {
  return (await sessionOf(partner, request)).id ?? randomToken();
}

/**
 * A new session id on sign-in and sign-out, so an id seen before is worth nothing after. Signing in stores
 * the row (and purges expired ones: sign-in is when rows are made); signing out keeps only the cookie.
 */
export async function replaceSession(
  partner: Partner,
  request: FastifyRequest,
  reply: FastifyReply,
  customerId: string | null,
): Promise<void> {
  const old = await sessionOf(partner, request);
  if (old.id) await partner.stores.sessions.delete(hashValue(old.id));
  const id = randomToken();
  if (customerId !== null) {
    const now = partner.now();
    await partner.stores.sessions.purge(now);
    await partner.stores.sessions.create({
      idHash: hashValue(id),
      customerId,
      expiresAt: new Date(now.getTime() + SESSION_TTL_SECONDS * 1000),
    });
  }
  setCookie(partner, reply, id);
  loaded.set(request, { id, customerId });
}
