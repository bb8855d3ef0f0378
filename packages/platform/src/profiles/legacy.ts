import { type FieldError, ValidationError } from '../errors/errors.js';
import type { AddressRecord } from '../store/addresses.js';
import type { Address } from '../store/profiles.js';
import { address } from './address.js';
import { type BusinessProfileInput, parseBusinessProfile } from './business.js';
import { alpha2Of, alpha3Of, isAlpha2 } from './countries.js';
import { Fields } from './fields.js';
import { occupations, type PersonalProfileInput, parsePersonalProfile } from './personal.js';

/**
 * The legacy v1 bodies of Wise's bank flow (contract §8): `POST /v1/profiles` `{"type", "details"}` and
 * `POST /v1/addresses` `{"profile", "details"}`, translated onto the one validator of the profile module
 * (the rules are the same as on every way in; only the field names and the error paths are the legacy ones).
 * Sources: TransferWise's legacy API reference (User Profiles, Addresses), https://docs.wise.com/api-reference/address
 * and the errors Wise documents for both calls, https://docs.wise.com/guides/developer/errors.
 */

export type LegacyProfileType = 'PERSONAL' | 'BUSINESS';

/** Wise's 400 for a body it cannot read: `{"code": "BAD_REQUEST", "message", "arguments": []}`, no path. */
export const badRequest = (message: string) =>
  new ValidationError(400, [{ code: 'BAD_REQUEST', message, arguments: [] }]);

/**
 * The type and details of a legacy `POST /v1/profiles` body. Wise (guides/developer/errors, "Create Personal
 * Profile"): a type other than personal or business → 400 "Could not resolve type id"; no details → 400
 * "Missing details property". Where the page is silent the validation family stays (ours): no type → 422
 * `MISSING` at `type`, details that are not an object → 422 `UNEXPECTED` at `details`.
 */
export function legacyProfileBody(input: Record<string, unknown>): {
  type: LegacyProfileType;
  details: Record<string, unknown>;
} {
  const raw = input['type'];
  if (raw === undefined || raw === null) {
    throw new ValidationError(422, [
      { code: 'MISSING', message: 'type is required', path: 'type', arguments: ['type'] },
    ]);
  }
  const type = typeof raw === 'string' ? raw.toUpperCase() : '';
  if (type !== 'PERSONAL' && type !== 'BUSINESS') throw badRequest('Could not resolve type id');
  const details = input['details'];
  if (details === undefined || details === null) throw badRequest('Missing details property');
  if (typeof details !== 'object' || Array.isArray(details)) {
    throw new ValidationError(422, [
      { code: 'UNEXPECTED', message: 'details must be an object', path: 'details', arguments: ['details'] },
    ]);
  }
  return { type, details: details as Record<string, unknown> };
}

/** Runs `parse`, giving its errors the legacy names: `paths` maps a validator path to the body's. */
function withPaths<T>(paths: Record<string, string>, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.status,
      error.errors.map((e) => renamed(e, paths)),
    );
  }
}

function renamed(
  e: FieldError,
  paths: Record<string, string>,
  messages: Record<string, string> = {},
): FieldError {
  const from = e.path ?? '';
  const to = paths[from];
  if (to === undefined) return e;
  const oldName = from.slice(from.lastIndexOf('.') + 1);
  const message =
    (e.code === 'MISSING' ? messages[to] : undefined) ?? e.message.replace(new RegExp(`^${oldName}\\b`), to);
  return { ...e, message, path: to, arguments: [to, ...(e.arguments ?? []).slice(1)] };
}

/**
 * A legacy personal profile: `firstName`, `lastName`, `dateOfBirth`, `phoneNumber` (Wise: "For type
 * 'personal', you must include 4 fields, and they cannot be blank"), errors at those paths. The contact
 * email is the user's. The v2 fields (`address`, `contactDetails`, `occupations`, …) are taken as well.
 */
export function parseLegacyPersonal(
  details: Record<string, unknown>,
  userEmail: string | null,
  now: Date,
): PersonalProfileInput {
  const input = { ...details };
  if (input['contactDetails'] === undefined) {
    input['contactDetails'] = { email: input['email'] ?? userEmail, phoneNumber: input['phoneNumber'] };
  }
  return withPaths({ 'contactDetails.phoneNumber': 'phoneNumber', 'contactDetails.email': 'email' }, () =>
    parsePersonalProfile(input, now, { source: 'legacy' }),
  );
}

/**
 * A legacy business profile: `name`, `registrationNumber`, `acn`, `abn`, `arbn`, `companyType`,
 * `companyRole`, `descriptionOfBusiness`, `webpage` (TransferWise's legacy reference, "Create (Business)");
 * the name is the v2 `businessName`.
 */
export function parseLegacyBusiness(details: Record<string, unknown>): BusinessProfileInput {
  const { name, ...rest } = details;
  const input = { ...rest, businessName: name ?? rest['businessName'] };
  return withPaths({ businessName: 'name' }, () => parseBusinessProfile(input, { source: 'legacy' }));
}

/** Wise's error paths for the address fields (guides/developer/errors, "Create Address"); the last two ours. */
const ADDRESS_PATHS: Record<string, string> = {
  'address.countryIso3Code': 'addressCountryCode',
  'address.addressFirstLine': 'addressFirstLine',
  'address.city': 'addressCity',
  'address.postCode': 'addressPostCode',
  'address.stateCode': 'addressState',
};
/** Wise's messages for the three missing fields it documents. */
const ADDRESS_MISSING: Record<string, string> = {
  addressCountryCode: 'Property [addressCountryCode] cannot be blank',
  addressFirstLine: 'Please specify Address',
  addressCity: 'Property [addressCity] cannot be blank',
};
/** https://docs.wise.com/api-reference/address: "Occupations is required for CA, IN, JP, ID, IL, MX and … NM". */
const OCCUPATION_COUNTRIES = ['CAN', 'IND', 'JPN', 'IDN', 'ISR', 'MEX'];

export interface LegacyAddressInput {
  address: Address;
  occupations: unknown[] | null;
}

/** The legacy country: ISO 3166-1 alpha-2 as Wise documents it (`"US"`); alpha-3 is taken too (ours). */
function countryOf(raw: unknown): unknown {
  return typeof raw === 'string' && isAlpha2(raw.trim()) ? alpha3Of(raw.trim()) : raw;
}

/**
 * The `details` of `POST /v1/addresses` (https://docs.wise.com/api-reference/address): `country`*,
 * `firstLine`*, `city`*, `postCode`, `state` (required for US, CA, BR, AU) and `occupations` (required for a
 * person living in CA, IN, JP, ID, IL, MX or US-NM), by the profile module's address rules; 422 otherwise.
 */
export function parseLegacyAddress(
  details: Record<string, unknown>,
  rules: { personal: boolean },
): LegacyAddressInput {
  const v2 = {
    addressFirstLine: details['firstLine'],
    city: details['city'],
    countryIso3Code: countryOf(details['country']),
    postCode: details['postCode'],
    stateCode: details['state'],
  };
  const f = new Fields();
  const parsed = address(f, { address: v2 }, { required: true, strictState: true });
  const errors = f.errors.map((e) => {
    const out = renamed(e, ADDRESS_PATHS, ADDRESS_MISSING);
    return out.path === 'addressCountryCode' && out.code === 'ERROR'
      ? { ...out, message: 'country must be an ISO 3166-1 country code, e.g. US' }
      : out;
  });
  const o = new Fields();
  const occ = occupations(o, details) ?? null;
  errors.push(...o.errors);
  const country = parsed?.countryIso3Code.toUpperCase();
  const needsOccupation =
    country !== undefined &&
    (OCCUPATION_COUNTRIES.includes(country) || (country === 'USA' && parsed?.stateCode === 'NM'));
  if (rules.personal && needsOccupation && (occ === null || occ.length === 0)) {
    errors.push({
      code: 'MISSING',
      message: `occupations is required for addresses in ${alpha2Of(country)}${country === 'USA' ? '-NM' : ''}`,
      path: 'occupations',
      arguments: ['occupations'],
    });
  }
  if (errors.length > 0 || !parsed) throw new ValidationError(422, errors);
  return { address: parsed, occupations: occ };
}

/** Wise's address object: `{"id", "profile", "details": {country, firstLine, postCode, city, state, occupations}}`. */
export function v1AddressObject(r: AddressRecord) {
  return {
    id: r.id,
    profile: r.profileId,
    details: {
      country: alpha2Of(r.address.countryIso3Code),
      firstLine: r.address.addressFirstLine,
      postCode: r.address.postCode ?? null,
      city: r.address.city,
      state: r.address.stateCode ?? null,
      occupations: r.occupations ?? [],
    },
  };
}
