import { OAUTH_CODES, type OAuthCode, VALIDATION_CODES, type ValidationCode } from './catalogue.js';

/**
 * Every error the platform sends is one of these classes. A class knows its wire code (from catalogue.ts),
 * its HTTP status and its body family (contract "Error bodies: two families"); `http/render-error.ts` is the
 * only place that writes them.
 */
export type BodyFamily = 'oauth' | 'validation' | 'page';

export abstract class PlatformError extends Error {
  abstract readonly status: number;
  abstract readonly family: BodyFamily;
  /** Extra response headers (WWW-Authenticate, Retry-After). */
  headers: Record<string, string> = {};
}

/** `{"error": code, "error_description": text}`: the token endpoint and bearer authentication. */
export class OAuthError extends PlatformError {
  readonly family = 'oauth' as const;
  constructor(
    readonly code: OAuthCode,
    readonly description: string,
    readonly status: number = OAUTH_CODES[code].status[0],
  ) {
    super(description);
  }
}

export class InvalidRequest extends OAuthError {
  constructor(description: string, status?: number) {
    super('invalid_request', description, status);
  }
}

export class InvalidClient extends OAuthError {
  /** 401 with a Basic challenge (RFC 6749 §5.2); 429 when too many wrong secrets were tried (issue 12). */
  constructor(description = 'Client authentication failed.', status?: 401 | 429) {
    super('invalid_client', description, status);
    if (this.status === 401)
      this.headers['www-authenticate'] = 'Basic realm="account-access", charset="UTF-8"';
  }
}

export class InvalidGrant extends OAuthError {
  constructor(description: string, status?: number) {
    super('invalid_grant', description, status);
  }
}

export class UnauthorizedClient extends OAuthError {
  constructor(description: string) {
    super('unauthorized_client', description);
  }
}

export class UnsupportedGrantType extends OAuthError {
  constructor(description: string) {
    super('unsupported_grant_type', description);
  }
}

/** RFC 6750 §3.1: a missing, unknown, expired or revoked bearer token. */
export class InvalidToken extends OAuthError {
  constructor(description = 'The access token is invalid or has expired.') {
    super('invalid_token', description);
    this.headers['www-authenticate'] = `Bearer realm="account-access", error="invalid_token"`;
  }
}

/** RFC 6750 §3.1: a valid token of the wrong kind (a user token where a client token is needed). (ours) */
export class InsufficientScope extends OAuthError {
  constructor(description: string) {
    super('insufficient_scope', description);
    this.headers['www-authenticate'] = `Bearer realm="account-access", error="insufficient_scope"`;
  }
}

export interface FieldError {
  code: ValidationCode;
  message: string;
  path?: string;
  arguments?: unknown[];
}

/** `{"errors": [...]}`: the REST API. Clients key on status + code (+ path), never on message. */
export class ValidationError extends PlatformError {
  readonly family = 'validation' as const;
  constructor(
    readonly status: number,
    readonly errors: FieldError[],
  ) {
    super(errors.map((e) => e.message).join('; '));
  }
}

export class NotFound extends ValidationError {
  constructor(message = 'Not found') {
    super(VALIDATION_CODES.NOT_FOUND.status[0], [{ code: 'NOT_FOUND', message }]);
  }
}

export class TooManyRequests extends ValidationError {
  constructor(retryAfterSeconds: number) {
    super(VALIDATION_CODES.TOO_MANY_REQUESTS.status[0], [
      { code: 'TOO_MANY_REQUESTS', message: 'Too many requests, try again later' },
    ]);
    this.headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}

/** `/ready` while this instance cannot serve (issue 15): the database, or a pending migration, says why. */
export class ServiceUnavailable extends ValidationError {
  constructor(message: string) {
    super(VALIDATION_CODES.SERVICE_UNAVAILABLE.status[0], [{ code: 'SERVICE_UNAVAILABLE', message }]);
    this.headers['retry-after'] = '5';
  }
}

/**
 * An HTML error page of the hosted flow: what must not go back to the partner (unknown client, unregistered
 * redirect_uri: contract §4 "never a redirect"), a missing CSRF token, an expired or unknown interaction.
 */
export class PageError extends PlatformError {
  readonly family = 'page' as const;
  constructor(
    readonly status: number,
    readonly title: string,
    readonly description: string,
  ) {
    super(description);
  }
}
