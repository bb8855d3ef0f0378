import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Partner } from '../context.js';
import { hashValue } from '../onboarding/hash.js';

export const SESSION_COOKIE = 'bank_session';
const SESSION_TTL_SECONDS = 8 * 3600;

/** The browser session of a request: its id (only ever in the cookie), and who is signed in. */
export interface RequestSession {
  id: string;
  customerId: string | null;
}

const sessions = new WeakMap<FastifyRequest, RequestSession>();

export function sessionOf(request: FastifyRequest): RequestSession {
  const s = sessions.get(request);
  if (!s) throw new Error('no session loaded for this request');
  return s;
}

function readCookie(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function setCookie(partner: Partner, reply: FastifyReply, id: string): void {
  const secure = partner.config.publicUrl.startsWith('https:') ? '; Secure' : '';
  // SameSite=Lax: the cookie must come back on the top-level GET from the platform's redirect (contract
  // §4 callback), which is what binds the linking state to this browser; cross-site POSTs never carry it.
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_SECONDS}${secure}`,
  );
}

/** Loads the request's session, or starts one (every page needs one: its forms carry a CSRF token). */
export async function loadSession(
  partner: Partner,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const id = readCookie(request, SESSION_COOKIE);
  if (id && /^[A-Za-z0-9_-]{43}$/.test(id)) {
    const found = await partner.stores.sessions.get(hashValue(id), partner.now());
    if (found) {
      sessions.set(request, { id, customerId: found.customerId });
      return;
    }
  }
  sessions.set(request, await startSession(partner, reply, null));
}

/** A new session id (also on sign-in and sign-out, so an id seen before sign-in is worth nothing after). */
export async function startSession(
  partner: Partner,
  reply: FastifyReply,
  customerId: string | null,
): Promise<RequestSession> {
  const id = randomBytes(32).toString('base64url');
  await partner.stores.sessions.purge(partner.now());
  await partner.stores.sessions.create({
    idHash: hashValue(id),
    customerId,
    expiresAt: new Date(partner.now().getTime() + SESSION_TTL_SECONDS * 1000),
  });
  setCookie(partner, reply, id);
  return { id, customerId };
}

export async function replaceSession(
  partner: Partner,
  request: FastifyRequest,
  reply: FastifyReply,
  customerId: string | null,
): Promise<void> {
  await partner.stores.sessions.delete(hashValue(sessionOf(request).id));
  sessions.set(request, await startSession(partner, reply, customerId));
}

/** The CSRF token of a session: an HMAC of its id, so nothing more is stored (synchronizer token). */
export function csrfToken(partner: Partner, session: RequestSession): string {
  return createHmac('sha256', partner.config.sessionSecret)
    .update('csrf\0')
    .update(session.id)
    .digest('base64url');
}

export function csrfValid(partner: Partner, session: RequestSession, token: string | null): boolean {
  if (!token) return false;
  const expected = Buffer.from(csrfToken(partner, session));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
