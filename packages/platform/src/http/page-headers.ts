import type { FastifyReply, FastifyRequest } from 'fastify';
import { namePlatform } from '../views/layout.js';
import { LOCAL_TIME_SCRIPT_PATH } from '../views/local-time.js';

/**
 * Headers of every hosted page (issue 3, contract §4): never cached, never framed (clickjacking on a consent
 * page), forms post only to the platform, no third-party resources, no referrer leaking codes or states.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});

/**
 * The headers of a page whose forms may end, after the platform's own 303 and 302, at the partner's
 * redirect_uri. Browsers apply `form-action` to every hop of a form's redirect chain, so that target (its
 * origin, or its scheme for a custom-scheme deep link) is allowed too; nothing else is. `also`: the origins
 * of the OpenID providers the login page's "Continue with …" buttons lead to (issue 16; each provider's
 * issuer origin, where its authorization endpoint is).
 */
export function pageHeadersFor(
  redirectUri: string | null,
  also: readonly string[] = [],
): Record<string, string> {
  const target = redirectUri === null ? null : formTarget(redirectUri);
  const targets = [...(target === null ? [] : [target]), ...also.map(formTarget).filter((t) => t !== null)];
  if (targets.length === 0) return { ...PAGE_HEADERS };
  return {
    ...PAGE_HEADERS,
    'content-security-policy': CONTENT_SECURITY_POLICY.replace(
      "form-action 'self'",
      `form-action 'self' ${[...new Set(targets)].join(' ')}`,
    ),
  };
}

function formTarget(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  return /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) ? url.protocol : null;
}

const OWN_SCRIPT = `<script src="${LOCAL_TIME_SCRIPT_PATH}"`;

/**
 * An `onSend` hook (issue 13, item 5): a page that loads the platform's one script (views/local-time.ts, a
 * file of this origin, never inline) may run scripts from 'self'; every other page keeps `script-src 'none'`.
 * The page's own markup is the sign: the escaping `html` template never lets a value write a `<script` tag.
 */
export async function allowOwnScript(_request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const policy = reply.getHeader('content-security-policy');
  if (typeof payload === 'string' && typeof policy === 'string' && payload.includes(OWN_SCRIPT))
    reply.header('content-security-policy', policy.replace("script-src 'none'", "script-src 'self'"));
  return payload;
}

/** An `onSend` hook: every page the platform sends names it as its config does (`PLATFORM_NAME`, issue 13). */
export function nameEveryPage(name: string) {
  return async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const type = reply.getHeader('content-type');
    return typeof payload === 'string' && typeof type === 'string' && type.startsWith('text/html')
      ? namePlatform(payload, name)
      : payload;
  };
}
