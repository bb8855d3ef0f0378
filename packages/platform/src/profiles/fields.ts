import type { ValidationCode } from '../errors/catalogue.js';
import type { FieldError } from '../errors/errors.js';

/**
 * Field checks shared by the profile and verification-document validators. Each records every problem it
 * finds in `errors` (contract §8: all field errors at once) and returns the cleaned value or undefined.
 *
 * Codes (contract §8; which code for which failure is ours):
 * - MISSING: a required field is absent, null or blank;
 * - UNEXPECTED: a field has the wrong JSON type, or is given where it does not apply;
 * - ERROR: a value of the right type that is not acceptable (format, length, characters, unknown code);
 * - TOO_SMALL: a date before the earliest the platform accepts.
 */
export class Fields {
  readonly errors: FieldError[] = [];

  constructor(private readonly prefix = '') {}

  path(name: string): string {
    return this.prefix + name;
  }

  fail(code: ValidationCode, name: string, message: string, args: unknown[] = []): undefined {
    this.errors.push({ code, message, path: this.path(name), arguments: [name, ...args] });
    return undefined;
  }

  missing(name: string): undefined {
    return this.fail('MISSING', name, `${name} is required`);
  }

  /** A nested object (address, contactDetails), or undefined. */
  object(
    input: Record<string, unknown>,
    name: string,
    required: boolean,
  ): Record<string, unknown> | undefined {
    const value = input[name];
    if (value === undefined || value === null) return required ? this.missing(name) : undefined;
    if (typeof value !== 'object' || Array.isArray(value))
      return this.fail('UNEXPECTED', name, `${name} must be an object`);
    return value as Record<string, unknown>;
  }

  /** A trimmed string; blank counts as absent. */
  string(
    input: Record<string, unknown>,
    name: string,
    rules: { required?: boolean; max?: number } = {},
  ): string | undefined {
    const value = input[name];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      return rules.required ? this.missing(name) : undefined;
    }
    if (typeof value !== 'string') return this.fail('UNEXPECTED', name, `${name} must be a string`);
    const trimmed = value.trim();
    if (rules.max !== undefined && [...trimmed].length > rules.max) {
      return this.fail('ERROR', name, `${name} must be at most ${rules.max} characters`, [rules.max]);
    }
    // Control characters are never part of a name, an address or a document number.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
    if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
      return this.fail('ERROR', name, `${name} contains characters that are not allowed`);
    }
    return trimmed;
  }

  /** A calendar date `YYYY-MM-DD` that exists (not 2023-02-29), returned as written. */
  date(input: Record<string, unknown>, name: string, required: boolean): string | undefined {
    const value = this.string(input, name, { required });
    if (value === undefined) return undefined;
    if (!isRealDate(value)) {
      return this.fail('ERROR', name, `${name} must be a real date in the format YYYY-MM-DD`);
    }
    return value;
  }
}

/**
 * What the platform accepts as an email, for sign-up (contract §2) and profile contact details (§8): the
 * WHATWG "valid e-mail address" grammar with a dotted domain, at most 254 characters (RFC 5321 §4.5.3.1).
 * ASCII only: internationalised addresses are refused with a clear 422 rather than stored in a form mail
 * servers may not deliver to.
 */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** True for `YYYY-MM-DD` strings naming a day that exists in the proleptic Gregorian calendar. */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The UTC calendar day of an instant, `YYYY-MM-DD`. */
export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);
