/**
 * Wise's global versioning (https://docs.wise.com/guides/developer/global-versioning): one calendar version per
 * quarter, named `YYYYQn`, selected by the first segment of the path (`/2026Q3/auth/jose/response/public-keys`).
 * The platform serves one version; it routes a version prefix to the same handlers as the unprefixed path
 * (contract "Hosts"). This is the one definition of that prefix.
 */
const QUARTER = String.raw`\d{4}Q[1-4]`;

/** `/2026Q3` at the start of a path, when a path segment follows it. Syntax only, whatever the clock says. */
export const VERSION_PREFIX = new RegExp(`^/${QUARTER}(?=/)`);

/** Source text of an optional version prefix, for patterns that must also match the raw (unrewritten) URL. */
export const OPTIONAL_VERSION_PREFIX = `(?:/${QUARTER})?`;

/** The path as routed: the version prefix, if any, taken off (syntax only: error families, log redaction). */
export function withoutVersionPrefix(url: string): string {
  return url.replace(VERSION_PREFIX, '');
}

const PREFIX_PARTS = /^\/(\d{4})Q([1-4])(?=\/)/;

/**
 * Paths that, under a global version, drop Wise's older per-endpoint version segment. Wise's user-errors page
 * (https://docs.wise.com/guides/developer/errors/users) names the create-user endpoint
 * `POST /user/signup/registration_code` and says its examples "are documented for POST
 * /v1/user/signup/registration_code. Match your API version"; the versioning page's own example carries no
 * `/vN` after the quarter. Only the path Wise shows in that form is listed: others are not guessed.
 */
const GLOBAL_VERSION_PATHS: ReadonlyMap<string, string> = new Map([
  ['/user/signup/registration_code', '/v1/user/signup/registration_code'],
]);

/** A quarter as one ordinal number (year × 4 + quarter − 1), in UTC. */
function quarterIndex(year: number, quarter: number): number {
  return year * 4 + quarter - 1;
}

function currentQuarterIndex(now: Date): number {
  return quarterIndex(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) + 1);
}

/**
 * The URL the router sees. A well-formed quarter that has begun by `now` (the platform's clock) is taken
 * off, and a versionless path Wise documents gets its `/v1` back. A quarter in the future is no version Wise
 * has released: the URL is left as it is, so it matches no route and answers 404 in its path's family.
 */
export function routedUrl(url: string, now: Date): string {
  const match = PREFIX_PARTS.exec(url);
  if (!match) return url;
  if (quarterIndex(Number(match[1]), Number(match[2])) > currentQuarterIndex(now)) return url;
  const rest = url.slice(match[0].length);
  const queryAt = rest.search(/[?#]/);
  const path = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const versioned = GLOBAL_VERSION_PATHS.get(path);
  return versioned === undefined ? rest : versioned + rest.slice(path.length);
}
