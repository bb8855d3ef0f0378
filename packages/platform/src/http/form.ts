import { unstorable } from '@account-access/kit';
import { InvalidRequest } from '../errors/errors.js';

/** The kit's one definition (PostgreSQL refuses NUL and lone surrogates), used by every parser here. */
export { unstorable };

/**
 * The parameters of a form body: application/x-www-form-urlencoded text, or the text parts of a
 * multipart/form-data body (`http/multipart.ts`). RFC 6749 §3.2: parameters must not be included more than
 * once, and a parameter sent without a value is treated as omitted. Both media types share these rules.
 */
export class FormParams {
  private readonly values = new Map<string, string>();

  /** `body` is urlencoded text, or the (name, value) pairs already read from another form encoding. */
  constructor(body: string | Iterable<readonly [string, string]>) {
    const entries = typeof body === 'string' ? new URLSearchParams(body) : body;
    for (const [name, value] of entries) {
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

  /** Every (name, value) pair, in order (the sandbox journal records them, redacted). */
  entries(): IterableIterator<[string, string]> {
    return this.values.entries();
  }

  /**
   * The parameters as the route's schema sees them (http/form-schema.ts): a plain object of the non-empty
   * ones (an empty parameter is omitted, §3.2), without a prototype, so no name can pass for a method.
   */
  toObject(): Record<string, string> {
    const object: Record<string, string> = Object.create(null);
    for (const [name, value] of this.values) if (value !== '') object[name] = value;
    return object;
  }

  require(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw new InvalidRequest(`The parameter ${name} is missing.`);
    return value;
  }
}

/** The token endpoint accepts only form bodies (RFC 6749 §4.1.3, §4.4.2; multipart as Wise's clients send). */
export function formBody(body: unknown): FormParams {
  if (body instanceof FormParams) return body;
  throw new InvalidRequest(
    'The request body must be application/x-www-form-urlencoded or multipart/form-data.',
  );
}

/** RFC 7009 §2.1 and RFC 7662 §2.1: revocation and introspection take application/x-www-form-urlencoded only. */
export function urlencodedBody(body: unknown): FormParams {
  if (body instanceof FormParams) return body;
  throw new InvalidRequest('The request body must be application/x-www-form-urlencoded.');
}
