import { InvalidRequest } from '../errors/errors.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A string PostgreSQL text cannot hold: one with a NUL or with half of a UTF-16 surrogate pair. */
export function unstorable(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

/**
 * The parameters of an application/x-www-form-urlencoded body. RFC 6749 §3.2: parameters must not be
 * included more than once, and a parameter sent without a value is treated as omitted.
 */
export class FormParams {
  private readonly values = new Map<string, string>();

  constructor(body: string) {
    for (const [name, value] of new URLSearchParams(body)) {
      if (this.values.has(name)) throw new InvalidRequest(`The parameter ${name} was given more than once.`);
      if (unstorable(value) || unstorable(name)) {
        throw new InvalidRequest(`The parameter ${name} contains characters that are not allowed.`);
      }
      this.values.set(name, value);
    }
  }

  get(name: string): string | undefined {
    const value = this.values.get(name);
    return value === '' ? undefined : value;
  }

  require(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw new InvalidRequest(`The parameter ${name} is missing.`);
    return value;
  }
}

/** The token endpoint accepts only form bodies (RFC 6749 §4.1.3, §4.4.2). */
export function formBody(body: unknown): FormParams {
  if (body instanceof FormParams) return body;
  throw new InvalidRequest('The request body must be application/x-www-form-urlencoded.');
}
