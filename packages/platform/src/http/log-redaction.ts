import type { FastifyRequest } from 'fastify';
import { OPTIONAL_VERSION_PREFIX } from './version-prefix.js';

/** Query parameters whose values are secrets or bearer-like: never logged (contract §4, §6, §7). */
const SECRET_PARAMS = new Set(['code', 'claim_account_code', 'state']);
/** Paths whose last segment is a single-use token: the emailed code link and the set-password link. */
const TOKEN_PATHS = ['/oauth/email-code/', '/account/set-password/'].map(
  (path) => new RegExp(`^(${OPTIONAL_VERSION_PREFIX}${path})[^/?#]+`),
);
const REDACTED = '[redacted]';

/** The URL as it may be logged: tokens in the path and secret query values blanked. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  let path = at < 0 ? url : url.slice(0, at);
  for (const pattern of TOKEN_PATHS) path = path.replace(pattern, `$1${REDACTED}`);
  if (at < 0) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name: string;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        name = rawName;
      }
      return SECRET_PARAMS.has(name) && eq >= 0 ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

/** Fastify's `serializers.req`: what a request log line says of the request, with no token in it. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.originalUrl ?? request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
