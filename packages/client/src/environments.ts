/**
 * Where the client sends requests: the API base URL and the hosted authorize page.
 *
 * Contract: "Hosts". Wise docs: https://docs.wise.com/guides/developer/auth-and-security/oauth-2-setup
 *
 * @module
 */

/**
 * The two URLs a client needs (contract §4 for the authorize page, "Hosts" for both). Both are absolute;
 * `apiUrl` may carry a path prefix (e.g. `/2026Q3`).
 * @see https://docs.wise.com/api-docs/guides/customer-account-partner-kyc/accessing-customer-accounts
 */
export interface Endpoints {
  /** Base of every API call, e.g. `https://api.wise.com`. No trailing slash is needed. */
  readonly apiUrl: string;
  /** The authorize page the person's browser is sent to, e.g. `https://wise.com/oauth/authorize/`. */
  readonly authorizeUrl: string;
}

/**
 * A named environment, or explicit {@link Endpoints} for a platform on another host or port (contract §4
 * and "Hosts").
 * @see https://docs.wise.com/api-docs/guides/customer-account-partner-kyc/accessing-customer-accounts
 */
export type Environment = 'production' | 'sandbox' | 'local' | Endpoints;

/**
 * The hosts of each named environment (contract "Hosts" table; contract §4 for the authorize page);
 * `local` is the platform of this project as `npm start` runs it (http://localhost:4000).
 * @see https://docs.wise.com/api-docs/guides/customer-account-partner-kyc/accessing-customer-accounts
 */
export const ENVIRONMENTS: Readonly<Record<'production' | 'sandbox' | 'local', Endpoints>> = Object.freeze({
  production: Object.freeze({
    apiUrl: 'https://api.wise.com',
    authorizeUrl: 'https://wise.com/oauth/authorize/',
  }),
  sandbox: Object.freeze({
    apiUrl: 'https://api.wise-sandbox.com',
    authorizeUrl: 'https://wise-sandbox.com/oauth/authorize/',
  }),
  local: Object.freeze({
    apiUrl: 'http://localhost:4000',
    authorizeUrl: 'http://localhost:4000/oauth/authorize',
  }),
});

/**
 * Resolves an {@link Environment} to {@link Endpoints} (contract §4 and "Hosts"). Named environments are
 * returned as they are; explicit URLs are validated, and the API base loses its trailing slashes so that
 * paths join as `${apiUrl}/v1/...`, while the authorize URL is kept byte for byte (Wise documents it with
 * a trailing slash and the platform accepts both).
 *
 * @throws TypeError for an unknown name or a URL that is not absolute http(s) (or an `apiUrl` with a
 *   query or fragment).
 * @see https://docs.wise.com/api-docs/guides/customer-account-partner-kyc/accessing-customer-accounts
 */
export function resolveEnvironment(environment: Environment): Endpoints {
  if (typeof environment === 'string') {
    const named = (ENVIRONMENTS as Record<string, Endpoints | undefined>)[environment];
    if (!named) throw new TypeError(`unknown environment "${environment}"`);
    return named;
  }
  const apiUrl = checkUrl(environment.apiUrl, 'apiUrl').replace(/\/+$/, '');
  const authorizeUrl = checkUrl(environment.authorizeUrl, 'authorizeUrl');
  return Object.freeze({ apiUrl, authorizeUrl });
}

function checkUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} must be an absolute URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${name} must be an http(s) URL, got "${value}"`);
  }
  if (url.search || url.hash) {
    // A query on the base would be lost or duplicated when paths are appended.
    if (name === 'apiUrl') throw new TypeError(`${name} must not have a query or fragment`);
  }
  return value;
}
