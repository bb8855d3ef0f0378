import { type FieldError, ValidationError } from '../errors/errors.js';
import type { NewDirector, NewUbo } from '../store/business-people.js';
import { country } from './address.js';
import { Fields, utcDay } from './fields.js';
import { badRequest } from './legacy.js';

/**
 * The directors and UBOs of a business profile (contract §8, https://docs.wise.com/api-reference/profile):
 * each body is a JSON array of Wise's objects. Directors' errors are the validation family at 422 with
 * paths `[i].field` (ours: Wise documents none); UBOs' are Wise's documented 400 `BAD_REQUEST` form,
 * "Unlike other APIs" (https://docs.wise.com/guides/developer/errors, "Create UBOs").
 */

/** (ours) The most people one request may carry, and the longest name. */
export const MAX_PEOPLE = 100;
const MAX_TEXT = 100;

function items(body: unknown, what: string): Record<string, unknown>[] {
  if (!Array.isArray(body)) throw badRequest(`The request body must be a JSON array of ${what}`);
  if (body.length > MAX_PEOPLE) throw badRequest(`At most ${MAX_PEOPLE} ${what} at once`);
  return body as Record<string, unknown>[];
}

/** One person's fields, checked with the profile module's field rules; the date of birth in the past. */
function person(f: Fields, item: unknown, today: string, strings: string[]) {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    const at = f.path('').slice(0, -1); // `[i]`, the entry itself
    f.errors.push({ code: 'UNEXPECTED', message: `${at} must be an object`, path: at, arguments: [at] });
    return null;
  }
  const input = item as Record<string, unknown>;
  const out: Record<string, string | undefined> = {};
  for (const key of strings) out[key] = f.string(input, key, { required: true, max: MAX_TEXT });
  let dateOfBirth = f.date(input, 'dateOfBirth', true);
  if (dateOfBirth !== undefined && dateOfBirth >= today) {
    dateOfBirth = f.fail('ERROR', 'dateOfBirth', 'dateOfBirth must be in the past');
  }
  const residence = country(f, input, 'countryOfResidenceIso3Code', true);
  return { input, out, dateOfBirth, residence };
}

/** `POST`/`PUT /v1/profiles/{id}/directors`: `[{firstName, lastName, dateOfBirth, countryOfResidenceIso3Code}]`. */
export function parseDirectors(body: unknown, now: Date): NewDirector[] {
  const today = utcDay(now);
  const errors: FieldError[] = [];
  const directors = items(body, 'directors').map((item, i) => {
    const f = new Fields(`[${i}].`);
    const p = person(f, item, today, ['firstName', 'lastName']);
    errors.push(...f.errors);
    return {
      firstName: p?.out['firstName'] ?? '',
      lastName: p?.out['lastName'] ?? '',
      dateOfBirth: p?.dateOfBirth ?? '',
      countryOfResidenceIso3Code: p?.residence ?? '',
    };
  });
  if (errors.length > 0) throw new ValidationError(422, errors);
  return directors;
}

function ownership(f: Fields, input: Record<string, unknown>): number | null {
  const value = input['ownershipPercentage'];
  // Wise: "in some cases, we do not require the ownershipPercentage. In these cases, null should be passed".
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
    f.fail('ERROR', 'ownershipPercentage', 'ownershipPercentage must be a whole number from 0 to 100');
    return null;
  }
  return value;
}

/**
 * `POST`/`PUT /v1/profiles/{id}/ubos`: `[{name, dateOfBirth, countryOfResidenceIso3Code, addressFirstLine,
 * postCode, ownershipPercentage}]`; any problem is Wise's 400 `BAD_REQUEST`, one entry per problem.
 */
export function parseUbos(body: unknown, now: Date): NewUbo[] {
  const today = utcDay(now);
  const errors: FieldError[] = [];
  const ubos = items(body, 'owners').map((item, i) => {
    const f = new Fields(`[${i}].`);
    const p = person(f, item, today, ['name', 'addressFirstLine']);
    const postCode = p ? f.string(p.input, 'postCode', { max: 30 }) : undefined;
    const percentage = p ? ownership(f, p.input) : null;
    errors.push(...f.errors);
    return {
      name: p?.out['name'] ?? '',
      dateOfBirth: p?.dateOfBirth ?? '',
      countryOfResidenceIso3Code: p?.residence ?? '',
      addressFirstLine: p?.out['addressFirstLine'] ?? '',
      postCode: postCode ?? null,
      ownershipPercentage: percentage,
    };
  });
  if (errors.length > 0) {
    throw new ValidationError(
      400,
      errors.map((e) => ({ code: 'BAD_REQUEST', message: `${e.path}: ${e.message}`, arguments: [] })),
    );
  }
  return ubos;
}
