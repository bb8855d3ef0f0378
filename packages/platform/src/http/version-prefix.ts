/**
 * Newer Wise docs prefix paths with a quarter (`/2026Q3/oauth/token`); the platform accepts and ignores it
 * (contract "Paths"). This is the one definition of that prefix.
 */
const QUARTER = String.raw`\d{4}Q[1-4]`;

/** `/2026Q3` at the start of a path, when a path segment follows it. */
export const VERSION_PREFIX = new RegExp(`^/${QUARTER}(?=/)`);

/** Source text of an optional version prefix, for patterns that must also match the raw (unrewritten) URL. */
export const OPTIONAL_VERSION_PREFIX = `(?:/${QUARTER})?`;

/** The path as routed: the version prefix, if any, taken off. */
export function withoutVersionPrefix(url: string): string {
  return url.replace(VERSION_PREFIX, '');
}
