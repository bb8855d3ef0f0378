import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { randomToken } from '../crypto/secrets.js';

/**
 * The hosted pages' cookies: HttpOnly, SameSite=Lax (the partner's redirect into /oauth/authorize is a
 * top-level GET, which Lax allows), and on https Secure with the `__Host-` prefix (bound to this host, Path=/).
 */
export type CookieName = 'session' | 'browser';

const secure = (platform: Platform) => platform.config.issuer.startsWith('https:');

export function cookieName(platform: Platform, name: CookieName): string {
  return `${secure(platform) ? '__Host-' : ''}aa_${name}`;
}

export function readCookie(
  platform: Platform,
  request: FastifyRequest,
  name: CookieName,
): string | undefined {
  const wanted = cookieName(platform, name);
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === wanted) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** `maxAgeSeconds` 0 deletes the cookie. */
export function setCookie(
  platform: Platform,
  reply: FastifyReply,
  name: CookieName,
  value: string,
  maxAgeSeconds: number,
): void {
  const attributes = [
    `${cookieName(platform, name)}=${value}`,
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure(platform) ? ['Secure'] : []),
  ];
  const previous = reply.getHeader('set-cookie');
  const list = previous === undefined ? [] : Array.isArray(previous) ? previous : [String(previous)];
  reply.header('set-cookie', [...list, attributes.join('; ')]);
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
