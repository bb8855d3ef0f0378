import type { OAuthCode } from '../errors/catalogue.js';
import {
  type BodyFamily,
  type FieldError,
  InvalidRequest,
  OAuthError,
  PageError,
  PlatformError,
  ValidationError,
} from '../errors/errors.js';
import { errorPage } from '../views/error.js';
import { PAGE_HEADERS } from './page-headers.js';
import { withoutVersionPrefix } from './version-prefix.js';

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * The hosted pages (contract §4, §6, §7): the authorize entry, the interaction, the emailed link and the
 * account pages. A person reads their errors, so every error there is an HTML page.
 */
const HOSTED_PAGE = /^\/(oauth\/(authorize|interaction|email-code)|account)(\/|\?|$)/;

/** Whether `path` (version prefix allowed) is a hosted page, whose errors are the HTML error page. */
export function isHostedPage(path: string): boolean {
  return HOSTED_PAGE.test(withoutVersionPrefix(path));
}

function asPage(error: PlatformError | null, requestId: string): PageError {
  if (error instanceof PageError) return error;
  if (error instanceof OAuthError) return new PageError(error.status, 'Please try again', error.description);
  if (error instanceof ValidationError)
    return new PageError(error.status, 'Please try again', error.errors.map((e) => e.message).join(' '));
  return new PageError(
    500,
    'Something went wrong',
    `Something went wrong on our side. Request id: ${requestId}`,
  );
}

/** Routes under /oauth speak the OAuth error family; everything else the validation family. */
export function familyForPath(path: string): BodyFamily {
  return withoutVersionPrefix(path).startsWith('/oauth/') ? 'oauth' : 'validation';
}

/** Fastify's own 4xx errors (body limits, media types) mapped onto the contract's bodies. */
function fromFramework(
  error: { code?: string; statusCode?: number },
  family: BodyFamily,
): PlatformError | null {
  const status = error.statusCode ?? 500;
  if (status < 400 || status >= 500) return null;
  const message =
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? 'Request body is larger than 1 MB'
      : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'Unsupported content type'
        : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? 'Request body is empty'
          : error.code === 'FST_ERR_BAD_URL'
            ? 'The URL is not valid: a percent-encoded part of its path is not UTF-8 text.'
            : 'Malformed request';
  return family === 'oauth'
    ? new InvalidRequest(message, status)
    : new ValidationError(status, [{ code: 'BAD_REQUEST', message }]);
}

/**
 * The one error renderer. Anything that is not a PlatformError or a framework 4xx is a 500 whose body says
 * only the request id; the detail goes to the log (architecture "Errors").
 */
export function renderError(
  error: unknown,
  path: string,
  requestId: string,
): RenderedError & { unexpected: boolean } {
  const family = familyForPath(path);
  const known =
    error instanceof PlatformError
      ? error
      : fromFramework((error ?? {}) as { code?: string; statusCode?: number }, family);
  if (known instanceof PageError || isHostedPage(path)) {
    const page = asPage(known, requestId);
    return {
      status: page.status,
      headers: { ...PAGE_HEADERS, ...page.headers },
      body: errorPage(page.title, page.description),
      unexpected: known === null,
    };
  }
  if (known instanceof ValidationError) {
    return {
      status: known.status,
      headers: known.headers,
      body: { errors: known.errors },
      unexpected: false,
    };
  }
  if (known instanceof OAuthError) {
    return {
      status: known.status,
      headers: known.headers,
      body: { error: known.code, error_description: known.description },
      unexpected: false,
    };
  }
  const message = `Something went wrong on our side. Request id: ${requestId}`;
  return {
    status: 500,
    headers: {},
    body:
      family === 'oauth'
        ? { error: 'server_error' satisfies OAuthCode, error_description: message }
        : { errors: [{ code: 'INTERNAL_ERROR', message } satisfies FieldError] },
    unexpected: true,
  };
}
