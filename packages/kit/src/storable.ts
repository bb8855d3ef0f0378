/**
 * What PostgreSQL text cannot hold (issue 12): it refuses 0x00, and half of a UTF-16 surrogate pair has no
 * UTF-8 form. Both servers refuse such values at the edge with a 400 instead of failing inside a query.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A string PostgreSQL text cannot hold: one with a NUL or with half of a UTF-16 surrogate pair. */
export function unstorable(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

/**
 * The name of the first entry of `values` (path parameters, a parsed query, headers, form fields) whose name
 * or string value (or one of its values, when repeated) cannot be stored; `''` when it is the name itself
 * that cannot be shown; null when all can be stored.
 */
export function firstUnstorable(
  values: Iterable<readonly [string, unknown]> | object | undefined,
): string | null {
  if (!values) return null;
  const entries =
    Symbol.iterator in values ? (values as Iterable<readonly [string, unknown]>) : Object.entries(values);
  for (const [name, value] of entries) {
    if (unstorable(name)) return '';
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string' && unstorable(v)) return name;
    }
  }
  return null;
}
