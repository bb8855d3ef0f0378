import { ValidationError } from '../errors/errors.js';
import type { Address, NewProfile } from '../store/profiles.js';
import { isAlpha3, STATES, stateOf } from './countries.js';
import { isValidEmail } from './email.js';
import { Fields, utcDay } from './fields.js';

/** Contract §8: names are at most 30 characters and never contain any of these. */
export const FORBIDDEN_NAME_CHARACTERS = '%#^@{}"!~<>\\`';
export const MAX_NAME = 30;
/** (ours) The earliest date of birth accepted; an earlier one is TOO_SMALL. */
export const EARLIEST_DATE_OF_BIRTH = '1900-01-01';
/** ITU-T E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_TEXT = 100;

/** What a valid create-personal-profile body becomes (contract §8). */
export type PersonalProfileInput = Pick<
  NewProfile,
  | 'firstName'
  | 'lastName'
  | 'preferredName'
  | 'dateOfBirth'
  | 'phoneNumber'
  | 'email'
  | 'nationality'
  | 'externalCustomerId'
  | 'address'
  | 'occupations'
> & { firstName: string; lastName: string; dateOfBirth: string; address: Address };

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

function country(
  f: Fields,
  input: Record<string, unknown>,
  key: string,
  required: boolean,
): string | undefined {
  const value = f.string(input, key, { required });
  if (value === undefined) return undefined;
  if (!isAlpha3(value)) return f.fail('ERROR', key, `${key} must be an ISO 3166-1 alpha-3 country code`);
  // Stored and returned in lower case, as Wise returns it (`"countryIso3Code": "bra"`).
  return value.toLowerCase();
}

function address(f: Fields, input: Record<string, unknown>): Address | undefined {
  const raw = f.object(input, 'address', true);
  if (!raw) return undefined;
  const a = new Fields(f.path('address.'));
  const addressFirstLine = a.string(raw, 'addressFirstLine', { required: true, max: MAX_TEXT });
  const city = a.string(raw, 'city', { required: true, max: MAX_TEXT });
  const countryIso3Code = country(a, raw, 'countryIso3Code', true);
  const postCode = a.string(raw, 'postCode', { max: 30 });
  let stateCode = a.string(raw, 'stateCode', { max: 10 });
  if (countryIso3Code !== undefined) {
    const needsState = STATES[countryIso3Code.toUpperCase()] !== undefined;
    if (needsState && stateCode === undefined && !a.errors.some((e) => e.path === a.path('stateCode'))) {
      a.fail('MISSING', 'stateCode', `stateCode is required for ${countryIso3Code.toUpperCase()}`);
    } else if (needsState && stateCode !== undefined) {
      const normalised = stateOf(countryIso3Code, stateCode);
      if (normalised === null) {
        stateCode = a.fail(
          'ERROR',
          'stateCode',
          `stateCode is not a state of ${countryIso3Code.toUpperCase()}`,
        );
      } else stateCode = normalised;
    } else if (!needsState && stateCode !== undefined) {
      stateCode = a.fail(
        'UNEXPECTED',
        'stateCode',
        `${countryIso3Code.toUpperCase()} addresses have no stateCode`,
      );
    }
  }
  f.errors.push(...a.errors);
  if (a.errors.length > 0) return undefined;
  return {
    addressFirstLine: addressFirstLine!,
    city: city!,
    countryIso3Code: countryIso3Code!,
    postCode: postCode ?? null,
    stateCode: stateCode ?? null,
  };
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
function occupations(f: Fields, input: Record<string, unknown>): unknown[] | undefined {
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
 * Validates a create-personal-profile body (contract §8), reporting every field error at once as a 422.
 * `prefix` is prepended to every path (`details.` for the legacy v1 body). Seeds and the hosted profile
 * step may leave the contact details out (`requireContact: false`); the API always requires them.
 */
export function parsePersonalProfile(
  input: Record<string, unknown>,
  now: Date,
  prefix = '',
  options: { requireContact?: boolean } = {},
): PersonalProfileInput {
  const f = new Fields(prefix);
  const firstName = name(f, input, 'firstName', true);
  const lastName = name(f, input, 'lastName', true);
  const preferredName = name(f, input, 'preferredName', false);
  const addr = address(f, input);
  const nationality = country(f, input, 'nationality', false);
  const dob = dateOfBirth(f, input, utcDay(now));
  const externalCustomerId = f.string(input, 'externalCustomerId', { max: MAX_TEXT });
  const contact = contactDetails(f, input, options.requireContact ?? true);
  const occ = occupations(f, input);
  if (f.errors.length > 0) throw new ValidationError(422, f.errors);
  return {
    firstName: firstName!,
    lastName: lastName!,
    preferredName: preferredName ?? null,
    address: addr!,
    nationality: nationality ?? null,
    dateOfBirth: dob!,
    externalCustomerId: externalCustomerId ?? null,
    email: contact!.email,
    phoneNumber: contact!.phoneNumber,
    occupations: occ ?? null,
  };
}
