import { ValidationError } from '../errors/errors.js';
import type { NewPersonalProfile } from '../store/profiles.js';
import { address, country } from './address.js';
import { Fields, isValidEmail, utcDay } from './fields.js';
import { type ProfileSource, REQUIRED } from './sources.js';

/** Contract §8: names are at most 30 characters and never contain any of these. */
export const FORBIDDEN_NAME_CHARACTERS = '%#^@{}"!~<>\\`';
export const MAX_NAME = 30;
/** (ours) The earliest date of birth accepted; an earlier one is TOO_SMALL. */
export const EARLIEST_DATE_OF_BIRTH = '1900-01-01';
/** ITU-T E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_TEXT = 100;

/** What a valid personal profile body becomes (contract §8); the owner and partner are added by the caller. */
export type PersonalProfileInput = Omit<NewPersonalProfile, 'userId' | 'createdByClientId'> & {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
};

/** Contract §8's name rule: required or not, at most 30 characters, none of the forbidden characters. */
function name(f: Fields, input: Record<string, unknown>, key: string, required: boolean): string | undefined {
  const value = f.string(input, key, { required, max: MAX_NAME });
  if (value === undefined) return undefined;
  const bad = [...value].filter((c) => FORBIDDEN_NAME_CHARACTERS.includes(c));
  if (bad.length > 0) {
    return f.fail('ERROR', key, `${key} must not contain any of ${FORBIDDEN_NAME_CHARACTERS}`, [
      [...new Set(bad)].join(''),
    ]);
  }
  return value;
}

function dateOfBirth(f: Fields, input: Record<string, unknown>, today: string): string | undefined {
  const value = f.date(input, 'dateOfBirth', true);
  if (value === undefined) return undefined;
  if (value >= today) return f.fail('ERROR', 'dateOfBirth', 'dateOfBirth must be in the past');
  if (value < EARLIEST_DATE_OF_BIRTH) {
    return f.fail('TOO_SMALL', 'dateOfBirth', `dateOfBirth must not be before ${EARLIEST_DATE_OF_BIRTH}`, [
      EARLIEST_DATE_OF_BIRTH,
    ]);
  }
  return value;
}

function contactDetails(
  f: Fields,
  input: Record<string, unknown>,
  required: boolean,
): { email: string | null; phoneNumber: string | null } | undefined {
  const raw = f.object(input, 'contactDetails', required);
  if (!raw) return required ? undefined : { email: null, phoneNumber: null };
  const c = new Fields(f.path('contactDetails.'));
  let email = c.string(raw, 'email', { required, max: 254 });
  if (email !== undefined && !isValidEmail(email))
    email = c.fail('ERROR', 'email', 'Please provide a valid email');
  let phoneNumber = c.string(raw, 'phoneNumber', { required });
  if (phoneNumber !== undefined && !E164.test(phoneNumber)) {
    phoneNumber = c.fail('ERROR', 'phoneNumber', 'phoneNumber must be in E.164 format, e.g. +5511987654321');
  }
  f.errors.push(...c.errors);
  return c.errors.length === 0 ? { email: email ?? null, phoneNumber: phoneNumber ?? null } : undefined;
}

/** Wise's occupation objects: `[{"code": "Software Engineer", "format": "FREE_FORM"}]`. */
export function occupations(f: Fields, input: Record<string, unknown>): unknown[] | undefined {
  const value = input['occupations'];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return f.fail('UNEXPECTED', 'occupations', 'occupations must be an array');
  if (value.length > 10)
    return f.fail('ERROR', 'occupations', 'occupations must have at most 10 entries', [10]);
  const out: unknown[] = [];
  value.forEach((item, i) => {
    const key = `occupations[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      f.fail('UNEXPECTED', key, `${key} must be an object`);
      return;
    }
    const o = new Fields(f.path(`${key}.`));
    const code = o.string(item as Record<string, unknown>, 'code', { required: true, max: MAX_TEXT });
    const format = o.string(item as Record<string, unknown>, 'format', { max: 30 });
    f.errors.push(...o.errors);
    out.push({ code, format: format ?? 'FREE_FORM' });
  });
  return out;
}

/**
 * Validates a personal profile (contract §8), reporting every field error at once as a 422. `prefix` is
 * prepended to every path (`details.` for the legacy v1 body); `source` says which fields are required
 * (see sources.ts): the same rules apply to whatever is given, on every way in.
 */
export function parsePersonalProfile(
  input: Record<string, unknown>,
  now: Date,
  options: { prefix?: string; source?: ProfileSource } = {},
): PersonalProfileInput {
  const required = REQUIRED[options.source ?? 'api'];
  const f = new Fields(options.prefix ?? '');
  const firstName = name(f, input, 'firstName', true);
  const lastName = name(f, input, 'lastName', true);
  const preferredName = name(f, input, 'preferredName', false);
  const addr = address(f, input, { required: required.address, strictState: true });
  const nationality = country(f, input, 'nationality', false);
  const dob = dateOfBirth(f, input, utcDay(now));
  const externalCustomerId = f.string(input, 'externalCustomerId', { max: MAX_TEXT });
  const contact = contactDetails(f, input, required.contactDetails);
  const occ = occupations(f, input);
  if (f.errors.length > 0) throw new ValidationError(422, f.errors);
  return {
    type: 'PERSONAL',
    firstName: firstName!,
    lastName: lastName!,
    preferredName: preferredName ?? null,
    address: addr ?? null,
    nationality: nationality ?? null,
    dateOfBirth: dob!,
    externalCustomerId: externalCustomerId ?? null,
    email: contact!.email,
    phoneNumber: contact!.phoneNumber,
    occupations: occ ?? null,
    business: null,
  };
}
