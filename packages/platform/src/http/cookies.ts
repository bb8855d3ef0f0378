import {
  appendSetCookie,
  cookieName as kitCookieName,
  readCookie as kitReadCookie,
  serializeCookie,
} from '@account-access/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { randomToken } from '../crypto/secrets.js';

/**
 * The hosted pages' cookies, on the kit's codec (RFC 6265): HttpOnly, SameSite=Lax (the partner's redirect
 * into /oauth/authorize is a top-level GET, which Lax allows), and on https Secure with the `__Host-` prefix.
 */
export type CookieName = 'session' | 'browser' | 'sandbox';

const secure = (platform: Platform) => platform.config.issuer.startsWith('https:');

export function cookieName(platform: Platform, name: CookieName): string {
  return kitCookieName(`aa_${name}`, secure(platform));
}

export function readCookie(
  platform: Platform,
  request: FastifyRequest,
  name: CookieName,
): string | undefined {
  return kitReadCookie(request.headers.cookie, cookieName(platform, name));
}

/** `maxAgeSeconds` 0 deletes the cookie. */
export function setCookie(
  platform: Platform,
  reply: FastifyReply,
  name: CookieName,
  value: string,
  maxAgeSeconds: number,
): void {
  const secureCookie = secure(platform);
  appendSetCookie(
    reply,
    serializeCookie(cookieName(platform, name), value, { maxAgeSeconds, secure: secureCookie }),
  );
}

/** The browser cookie the interactions are bound to lives a year; it names a browser, not a person. */
export const BROWSER_COOKIE_SECONDS = 365 * 24 * 3600;

/** The browser cookie, set when this browser has none yet. */
export function ensureBrowser(platform: Platform, request: FastifyRequest, reply: FastifyReply): string {
  let browser = readCookie(platform, request, 'browser');
  if (!browser) {
    browser = randomToken();
    setCookie(platform, reply, 'browser', browser, BROWSER_COOKIE_SECONDS);
  }
  return browser;
}
