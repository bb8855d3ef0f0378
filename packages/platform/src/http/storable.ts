import { firstUnstorable } from '@account-access/kit';
import type { FastifyRequest } from 'fastify';
import {
  InvalidRequest,
  OAuthError,
  PageError,
  type PlatformError,
  ValidationError,
} from '../errors/errors.js';
import { familyForPath, isHostedPage } from './render-error.js';

/**
 * `message` as the error of the family the route speaks (contract "Error bodies: two families"): OAuth's
 * `invalid_request` under /oauth, the hosted error page on hosted pages, Wise's `errors[]` elsewhere.
 */
export function badRequestFor(url: string, message: string, path?: string): PlatformError {
  if (isHostedPage(url)) return new PageError(400, 'Please try again', message);
  if (familyForPath(url) === 'oauth') return new InvalidRequest(message);
  return new ValidationError(400, [{ code: 'BAD_REQUEST', message, ...(path ? { path } : {}) }]);
}

/**
 * A body parser's 400 (http/json.ts, http/form.ts) in the route's family: the JSON parser speaks `errors[]`,
 * the form parser OAuth; on another route each becomes that route's kind of 400 with the same message.
 */
export function parserErrorFor(url: string, error: unknown): unknown {
  const message =
    error instanceof ValidationError && error.status === 400
      ? error.errors.map((e) => e.message).join(' ')
      : error instanceof OAuthError && error.code === 'invalid_request' && error.status === 400
        ? error.description
        : null;
  if (message === null) return error;
  const wanted = badRequestFor(url, message);
  // Already the route's family: kept as it is, with the field it names.
  return wanted.family === (error as PlatformError).family ? error : wanted;
}

/**
 * Route config of a route that refuses unstorable query values itself, because it must answer them its own
 * way: the authorize endpoint redirects the error to a known client's redirect_uri (RFC 6749 §4.1.2.1).
 */
export const CHECKS_OWN_QUERY = { checksOwnQuery: true } as const;

const WHY = '(a NUL character or half of a UTF-16 surrogate pair, which cannot be stored)';

/**
 * An onRequest hook (app.ts), before any route reads the request: a path parameter, query value or header
 * that PostgreSQL could not store (it refuses 0x00 in text, and a lone surrogate has no UTF-8 form) is a 400
 * in the route's family, never a database error turned 500 (issue 12). Bodies are refused by their parsers
 * (http/json.ts, http/form.ts), which see the decoded strings.
 */
export async function refuseUnstorable(request: FastifyRequest): Promise<void> {
  const ownQuery = (request.routeOptions.config as { checksOwnQuery?: boolean }).checksOwnQuery === true;
  const places: [string, object | undefined][] = [
    ['path parameter', request.params as object | undefined],
    ['query parameter', ownQuery ? undefined : (request.query as object | undefined)],
    ['header', request.headers],
  ];
  for (const [place, values] of places) {
    const name = firstUnstorable(values);
    if (name === null) continue;
    throw badRequestFor(
      request.url,
      `The ${place}${name ? ` ${name}` : ''} contains characters that are not allowed ${WHY}.`,
      name || undefined,
    );
  }
}
