/**
 * Token revocation (RFC 7009) and introspection (RFC 7662) at `POST {apiUrl}/oauth/revoke` and
 * `POST {apiUrl}/oauth/introspect`. Wise documents neither; the account-access platform serves both
 * (contract "Revocation, introspection, metadata"). Both authenticate the client with HTTP Basic, as the
 * token endpoint does (RFC 7009 §2.1, RFC 7662 §2.1), and send an `application/x-www-form-urlencoded` body.
 *
 * Both are retried like reads: revoking a token twice changes nothing more than revoking it once
 * (RFC 7009 §2.2.1 even asks a client to retry after a 503), and introspection changes nothing.
 *
 * @module
 */
import type { ClientContext } from './context.js';
import { basicAuthorization } from './encoding.js';
import { WiseResponseError } from './errors.js';
import { ensureOk, type RequestOptions, readJson } from './http.js';
import { isRecord } from './json.js';

/**
 * RFC 7009 §2.1 / RFC 7662 §2.1: the two registered hints; others may be sent and are ignored by servers
 * (contract §12).
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
export type TokenTypeHint = 'access_token' | 'refresh_token' | (string & {});

/**
 * Input of {@link revokeToken} and {@link introspectToken} (contract §12).
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.1
 */
export interface TokenInput {
  /** The access token or refresh token. */
  readonly token: string;
  /** Which kind `token` is, to speed up the server's search; a wrong hint still works (RFC 7009 §2.1). */
  readonly tokenTypeHint?: TokenTypeHint | undefined;
}

/**
 * What the server says of a token (RFC 7662 §2.2). Only `active` is always there: an inactive token
 * (unknown, expired, revoked, another client's) carries nothing else. Times are epoch milliseconds,
 * converted from the response's NumericDate seconds (contract §12).
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.2
 */
export interface TokenIntrospection {
  readonly active: boolean;
  readonly scope: string | undefined;
  readonly clientId: string | undefined;
  readonly username: string | undefined;
  readonly tokenType: string | undefined;
  readonly expiresAt: number | undefined;
  readonly issuedAt: number | undefined;
  readonly notBefore: number | undefined;
  readonly subject: string | undefined;
  readonly audience: string | readonly string[] | undefined;
  readonly issuer: string | undefined;
  readonly jwtId: string | undefined;
  /** The response as received, for members this type does not name (RFC 7662 §2.2 allows extensions). */
  readonly raw: Readonly<Record<string, unknown>>;
}

const REVOKE_PATH = '/oauth/revoke';
const INTROSPECT_PATH = '/oauth/introspect';

/**
 * The request both endpoints take: client authentication (RFC 7009 §2.1, RFC 7662 §2.1) and a form with
 * `token` and the optional `token_type_hint`; retried like a read, since repeating it changes nothing.
 */
function postToken(ctx: ClientContext, path: string, input: TokenInput, options?: RequestOptions) {
  return ctx.http.send({
    method: 'POST',
    path,
    headers: { authorization: basicAuthorization(ctx.clientId, ctx.clientSecret) },
    form: { token: input.token, token_type_hint: input.tokenTypeHint },
    idempotent: true,
    signal: options?.signal,
    timeoutMs: options?.timeoutMs,
  });
}

/**
 * Revokes a token (RFC 7009 §2.1). A refresh token revokes the grant and every access token of it; an
 * access token only itself. Resolves for any token the server accepted the request for, including one
 * that was unknown or already revoked (§2.2: the server answers 200 then too).
 *
 * @throws WiseApiError for a non-2xx answer (401 `invalid_client`, 400 `invalid_request`, 400
 *   `unsupported_token_type`, 503: RFC 7009 §2.2.1).
 */
export async function revokeToken(
  ctx: ClientContext,
  input: TokenInput,
  options?: RequestOptions,
): Promise<void> {
  const response = await postToken(ctx, REVOKE_PATH, input, options);
  // §2.2: "The content of the response body is ignored by the client".
  ensureOk(response);
}

/**
 * Asks the server whether a token is active, and what it stands for (RFC 7662 §2.1).
 *
 * @throws WiseApiError for a non-2xx answer (401 `invalid_client`); WiseResponseError when the body is not
 *   a JSON object with a boolean `active` (§2.2 REQUIRED).
 */
export async function introspectToken(
  ctx: ClientContext,
  input: TokenInput,
  options?: RequestOptions,
): Promise<TokenIntrospection> {
  const response = await postToken(ctx, INTROSPECT_PATH, input, options);
  const json = readJson(response);
  if (!isRecord(json) || typeof json['active'] !== 'boolean') {
    throw new WiseResponseError(response.endpoint, response.status, response.body, 'no boolean active');
  }
  return parseIntrospection(json as Record<string, unknown> & { active: boolean });
}

/** RFC 7662 §2.2 members, typed; a member of the wrong type is left out rather than trusted. */
export function parseIntrospection(json: Record<string, unknown> & { active: boolean }): TokenIntrospection {
  const str = (key: string) => (typeof json[key] === 'string' ? (json[key] as string) : undefined);
  const time = (key: string) => {
    const value = json[key];
    return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined;
  };
  const aud = json['aud'];
  const audience =
    typeof aud === 'string' || (Array.isArray(aud) && aud.every((a) => typeof a === 'string'))
      ? (aud as string | string[])
      : undefined;
  return {
    active: json.active,
    scope: str('scope'),
    clientId: str('client_id'),
    username: str('username'),
    tokenType: str('token_type'),
    expiresAt: time('exp'),
    issuedAt: time('iat'),
    notBefore: time('nbf'),
    subject: str('sub'),
    audience,
    issuer: str('iss'),
    jwtId: str('jti'),
    raw: json,
  };
}
