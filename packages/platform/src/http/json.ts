import { ValidationError } from '../errors/errors.js';
import { FormParams, unstorable } from './form.js';

/** No request of the contract nests deeper than a few levels; far deeper bodies are refused, not walked. */
const MAX_DEPTH = 64;

/** The first string in a parsed JSON value that PostgreSQL could not store, as a dotted path. */
function unstorablePath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return unstorable(value) ? path : null;
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) {
    throw new ValidationError(400, [
      { code: 'BAD_REQUEST', message: 'The request body is nested too deeply.' },
    ]);
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorablePath(value[i], `${path}[${i}]`, depth + 1);
      if (found !== null) return found;
    }
  } else {
    for (const [key, v] of Object.entries(value)) {
      const child = path ? `${path}.${key}` : key;
      if (unstorable(key)) return child;
      const found = unstorablePath(v, child, depth + 1);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Parses a JSON body, refusing what would otherwise fail deep inside: bad syntax and unstorable strings. */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError(400, [{ code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' }]);
  }
  const path = unstorablePath(value, '');
  if (path !== null) {
    throw new ValidationError(400, [
      { code: 'BAD_REQUEST', message: 'The request body contains characters that are not allowed.', path },
    ]);
  }
  return value;
}

/** The body as a JSON object, or a 400 saying it must be one. */
export function jsonObject(body: unknown): Record<string, unknown> {
  // A form body reaches JSON routes parsed as FormParams: it is the wrong media type, not an empty object.
  if (body instanceof FormParams) {
    throw new ValidationError(415, [
      { code: 'BAD_REQUEST', message: 'The request body must be application/json.' },
    ]);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError(400, [
      { code: 'BAD_REQUEST', message: 'The request body must be a JSON object.' },
    ]);
  }
  return body as Record<string, unknown>;
}
