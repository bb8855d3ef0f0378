import { PAGE_HEADERS } from '../http/page-headers.js';
import { errorPage } from '../views/error.js';
import {
  type BodyFamily,
  InvalidRequest,
  OAuthError,
  PageError,
  PlatformError,
  ValidationError,
} from './errors.js';

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Routes under /oauth speak the OAuth error family; everything else the validation family. */
export function familyForPath(path: string): BodyFamily {
  return /^\/(\d{4}Q[1-4]\/)?oauth\//.test(path) ? 'oauth' : 'validation';
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
  if (known instanceof PageError) {
    return {
      status: known.status,
      headers: { ...PAGE_HEADERS, ...known.headers },
      body: errorPage(known.title, known.description),
      unexpected: false,
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
        ? { error: 'server_error', error_description: message }
        : { errors: [{ code: 'INTERNAL_ERROR', message }] },
    unexpected: true,
  };
}
