import type { FastifyRequest } from 'fastify';
import { OAUTH_CODES, VALIDATION_CODES } from '../errors/catalogue.js';
import { OPTIONAL_VERSION_PREFIX } from './version-prefix.js';

/**
 * Names (of query parameters, form fields and JSON keys) whose values are secrets or bearer-like: never
 * logged or journaled (contract §1, §3–§7). Compared without case, `_` or `-`: `client_secret`,
 * `clientSecret` and `Client-Secret` are one name.
 */
const SECRET_NAMES = new Set([
  'code',
  'claimaccountcode',
  'codeverifier',
  'registrationcode',
  'csrf',
  'key',
  'otp',
  'totp',
  'totpcode',
  'assertion',
  // Issue 16: a federated login's OpenID Connect nonce (its state and code are covered above).
  'nonce',
]);
/** Any name ending in one of these is secret too: `client_secret`, `new_password`, `refresh_token`, … */
const SECRET_ENDINGS = ['secret', 'password', 'token', 'apikey', 'sandboxkey'];

/**
 * Whether a value under this name is a secret. `state` (the partner's CSRF value, contract §4) is one as a
 * URL or form parameter; as a JSON key it is an account's or a profile's state, which is not.
 */
export function secretName(name: string, where: 'param' | 'json' = 'param'): boolean {
  const plain = name.toLowerCase().replace(/[-_]/g, '');
  if (plain === 'state') return where === 'param';
  return SECRET_NAMES.has(plain) || SECRET_ENDINGS.some((ending) => plain.endsWith(ending));
}

/** Paths whose last segment is a single-use token: the emailed code link and the set-password link. */
const TOKEN_PATHS = ['/oauth/email-code/', '/account/set-password/'].map(
  (path) => new RegExp(`^(${OPTIONAL_VERSION_PREFIX}${path})[^/?#]+`),
);
export const REDACTED = '[redacted]';

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
      return secretName(name) && eq >= 0 ? `${rawName}=${REDACTED}` : pair;
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

/** Headers that carry credentials or sessions: never journaled. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** Headers whose value is a URL: a redirect back carries the code and state (contract §4). */
const URL_HEADERS = new Set(['location', 'content-location', 'referer']);

/** A header set as it may be journaled: credentials blanked, URLs redacted, one string per header. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    const text = Array.isArray(value) ? value.map(String).join(', ') : String(value);
    out[name] =
      SECRET_HEADERS.has(name) || secretName(name, 'json')
        ? REDACTED
        : URL_HEADERS.has(name)
          ? redactText(text)
          : text;
  }
  return out;
}

const TOKEN_IN_TEXT = new RegExp(
  String.raw`(${OPTIONAL_VERSION_PREFIX}/(?:oauth/email-code|account/set-password)/)[^/?#\s"'<>&]+`,
  'g',
);
const PARAM_IN_TEXT = /([?&](?:amp;)?)([A-Za-z_%-]+)=([^&#\s"'<>]*)/g;

/** Free text (a mail, a URL) with the single-use links and secret query values in it blanked. */
export function redactText(text: string): string {
  return text
    .replace(TOKEN_IN_TEXT, `$1${REDACTED}`)
    .replace(PARAM_IN_TEXT, (all, lead: string, name: string) =>
      secretName(name) ? `${lead}${name}=${REDACTED}` : all,
    );
}

/** Error codes are not secrets: `{"errors":[{"code":"NOT_FOUND"}]}` keeps its code. */
const ERROR_CODES = new Set<string>([...Object.keys(OAUTH_CODES), ...Object.keys(VALIDATION_CODES)]);

/**
 * A JSON value (a parsed body) as it may be journaled: every value under a secret name blanked, links in
 * strings redacted, at any depth.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 20) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(value)) {
    const keep = name === 'code' && typeof v === 'string' && ERROR_CODES.has(v);
    out[name] = secretName(name, 'json') && !keep && v !== null ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
}
