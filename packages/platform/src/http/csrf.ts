import { csrfToken, csrfValid } from '@account-access/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { PageError } from '../errors/errors.js';
import { ensureBrowser, readCookie } from './cookies.js';

/**
 * The one CSRF defence of the hosted pages, on the kit's derived tokens (OWASP CSRF Prevention Cheat Sheet,
 * HMAC-based synchronizer token): `keyedHash(serverSecret, 'csrf', form + ':' + browser)`, where `form` names
 * what the form belongs to (an interaction uid, `forgot-password`, `set-password:<token>`, `two-factor`) and
 * `browser` is this browser's cookie. Derived, not stored: the same on every instance, and useless without
 * the cookie.
 */
export function csrfFor(
  platform: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
  form: string,
): string {
  return csrfToken(platform.config.serverSecret, `${form}:${ensureBrowser(platform, request, reply)}`);
}

/** Rejects a form without the CSRF token of `form` in this browser: 403, nothing changed. */
export function requireCsrf(
  platform: Platform,
  request: FastifyRequest,
  form: string,
  presented: string | undefined,
): void {
  const browser = readCookie(platform, request, 'browser');
  if (!browser || !csrfValid(platform.config.serverSecret, `${form}:${browser}`, presented)) {
    throw new PageError(
      403,
      'Please try again',
      'This form could not be checked (it may be from an old page). Reload the page and try again.',
    );
  }
}
