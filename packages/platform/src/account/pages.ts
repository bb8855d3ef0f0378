import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionUser } from '../auth/sessions.js';
import type { Platform } from '../context.js';
import { readCookie } from '../http/cookies.js';
import { requireCsrf } from '../http/csrf.js';
import { FormParams } from '../http/form.js';
import { PAGE_HEADERS } from '../http/page-headers.js';

/** What every account page shares: post/redirect/get, the CSRF check, who is signed in. */

/** The CSRF form name (http/csrf.ts) of every form on a signed-in account page. */
export const ACCOUNT_FORM = 'account';

export const seeOther = (reply: FastifyReply, path: string) =>
  reply.headers(PAGE_HEADERS).redirect(path, 303);

/** The form's body, once its CSRF token is checked (403 otherwise, nothing changed). No body has no token. */
export function checkedForm(platform: Platform, request: FastifyRequest, form: string): FormParams {
  const body = request.body instanceof FormParams ? request.body : new FormParams('');
  requireCsrf(platform, request, form, body.get('csrf'));
  return body;
}

/** The person signed in on this browser (an active account with a live session), or null. */
export async function signedInUser(platform: Platform, request: FastifyRequest) {
  const userId = await sessionUser(platform, readCookie(platform, request, 'session'));
  const user = userId === null ? null : await platform.stores.users.findById(userId);
  return user?.active ? user : null;
}
