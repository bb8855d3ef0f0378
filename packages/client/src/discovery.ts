/**
 * Authorization server metadata discovery (RFC 8414 §3): fetch the issuer's
 * `/.well-known/oauth-authorization-server` document and check that it names that issuer (§3.3). The
 * account-access platform serves one; Wise publishes none for this API.
 *
 * @module
 */
import { WiseResponseError } from './errors.js';
import {
  createTransport,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  defaultSleep,
  type FetchLike,
  type RequestOptions,
  type RetryOptions,
  readJson,
  type Sleep,
} from './http.js';
import { isRecord } from './json.js';

/**
 * RFC 8414 §2 members this client reads, typed; everything else is in `raw` (contract §12).
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
 */
export interface AuthorizationServerMetadata {
  readonly issuer: string;
  readonly authorizationEndpoint: string | undefined;
  readonly tokenEndpoint: string;
  readonly revocationEndpoint: string | undefined;
  readonly introspectionEndpoint: string | undefined;
  readonly grantTypesSupported: readonly string[];
  readonly responseTypesSupported: readonly string[];
  readonly codeChallengeMethodsSupported: readonly string[];
  readonly tokenEndpointAuthMethodsSupported: readonly string[];
  /** RFC 9207 §3: the authorization response carries `iss`, so a client must check it. */
  readonly authorizationResponseIssParameterSupported: boolean;
  /** The document as received. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * What {@link discoverAuthorizationServer} takes besides the issuer; `createClient` fills it from its own
 * (contract §12).
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3
 */
export interface DiscoveryOptions extends RequestOptions {
  readonly fetch?: FetchLike | undefined;
  readonly retry?: Readonly<Required<RetryOptions>> | undefined;
  readonly now?: (() => number) | undefined;
  readonly sleep?: Sleep | undefined;
  readonly random?: (() => number) | undefined;
}

const WELL_KNOWN = '/.well-known/oauth-authorization-server';

/**
 * The metadata URL of an issuer (RFC 8414 §3.1): the well-known suffix goes between the host and the
 * issuer's path, so `https://as.example/tenant` is looked up at
 * `https://as.example/.well-known/oauth-authorization-server/tenant`.
 *
 * @throws TypeError for an issuer that is not an http(s) URL without query and fragment (§2).
 * (contract §12)
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3.1
 */
export function metadataUrl(issuer: string): { origin: string; path: string } {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new TypeError(`issuer must be an absolute URL, got "${issuer}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`issuer must be an http(s) URL, got "${issuer}"`);
  if (url.search || url.hash) throw new TypeError('issuer must have no query or fragment (RFC 8414 §2)');
  const path = url.pathname === '/' ? '' : url.pathname;
  return { origin: url.origin, path: WELL_KNOWN + path };
}

/**
 * Fetches and checks the metadata of `issuer` (RFC 8414 §3). The `issuer` of the document must be the
 * issuer asked for, character for character (§3.3: otherwise the data "MUST NOT be used"); an issuer given
 * as a bare origin with a trailing `/` counts as the origin without it, since URL parsing adds that slash.
 *
 * @throws WiseApiError for a non-2xx answer; WiseResponseError for a body that is not metadata, or that
 *   names another issuer; TypeError for an unusable issuer URL. (contract §12)
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3.3
 */
export async function discoverAuthorizationServer(
  issuer: string,
  options: DiscoveryOptions = {},
): Promise<AuthorizationServerMetadata> {
  const { origin, path } = metadataUrl(issuer);
  const expected = path === WELL_KNOWN ? issuer.replace(/\/$/, '') : issuer;
  const now = options.now ?? Date.now;
  const transport = createTransport({
    apiUrl: origin,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: options.retry ?? DEFAULT_RETRY,
    now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
  });
  const response = await transport.send({
    method: 'GET',
    path,
    idempotent: true,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
  });
  const json = readJson(response);
  const fail = (reason: string) =>
    new WiseResponseError(response.endpoint, response.status, response.body, reason);
  if (!isRecord(json)) throw fail('metadata is not a JSON object');
  if (json['issuer'] !== expected)
    throw fail(`metadata names issuer ${String(json['issuer'])}, not ${expected}`);
  if (typeof json['token_endpoint'] !== 'string') throw fail('metadata has no token_endpoint');
  return parseMetadata(json as Record<string, unknown> & { issuer: string; token_endpoint: string });
}

/** RFC 8414 §2 members, typed; a member of the wrong type counts as absent (its RFC default then). */
export function parseMetadata(
  json: Record<string, unknown> & { issuer: string; token_endpoint: string },
): AuthorizationServerMetadata {
  const str = (key: string) => (typeof json[key] === 'string' ? (json[key] as string) : undefined);
  const list = (key: string, fallback: string[]) => {
    const value = json[key];
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : fallback;
  };
  return {
    issuer: json.issuer,
    authorizationEndpoint: str('authorization_endpoint'),
    tokenEndpoint: json.token_endpoint,
    revocationEndpoint: str('revocation_endpoint'),
    introspectionEndpoint: str('introspection_endpoint'),
    // §2: the defaults when the member is omitted.
    grantTypesSupported: list('grant_types_supported', ['authorization_code', 'implicit']),
    responseTypesSupported: list('response_types_supported', []),
    codeChallengeMethodsSupported: list('code_challenge_methods_supported', []),
    tokenEndpointAuthMethodsSupported: list('token_endpoint_auth_methods_supported', ['client_secret_basic']),
    authorizationResponseIssParameterSupported:
      json['authorization_response_iss_parameter_supported'] === true,
    raw: json,
  };
}
