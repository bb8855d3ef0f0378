import { ValidationError } from '../errors/errors.js';
import {
  type Address,
  BUSINESS_FIELDS,
  type BusinessDetails,
  type NewBusinessProfile,
  NO_PERSON_FIELDS,
} from '../store/profiles.js';
import { address } from './address.js';
import { Fields, isValidEmail } from './fields.js';
import { type ProfileSource, REQUIRED } from './sources.js';

/** Wise's business company types and the person's role in the business (v2 business profiles). */
export const COMPANY_TYPES = [
  'LIMITED',
  'PARTNERSHIP',
  'SOLE_TRADER',
  'LIMITED_BY_GUARANTEE',
  'LIMITED_LIABILITY_COMPANY',
  'FOR_PROFIT_CORPORATION',
  'NON_PROFIT_CORPORATION',
  'LIMITED_PARTNERSHIP',
  'LIMITED_LIABILITY_PARTNERSHIP',
  'GENERAL_PARTNERSHIP',
  'SOLE_PROPRIETORSHIP',
  'PRIVATE_LIMITED_COMPANY',
  'PUBLIC_LIMITED_COMPANY',
  'TRUST',
  'OTHER',
];
export const COMPANY_ROLES = ['OWNER', 'DIRECTOR', 'OTHER'];
/** (ours) The longest business name accepted. */
export const MAX_BUSINESS_NAME = 100;

/** What a valid business profile body becomes; the owner and partner are added by the caller. */
export type BusinessProfileInput = Omit<NewBusinessProfile, 'userId' | 'createdByClientId'>;

function oneOf(f: Fields, input: Record<string, unknown>, key: string, allowed: string[]): string | null {
  const value = f.string(input, key)?.toUpperCase();
  if (value === undefined) return null;
  if (!allowed.includes(value)) f.fail('ERROR', key, `${key} must be one of ${allowed.join(', ')}`);
  return value;
}

/** Wise's `operationalAddresses[n]`, each an address by the business address rules (at most 20, ours). */
function operationalAddresses(f: Fields, input: Record<string, unknown>): Address[] {
  const value = input['operationalAddresses'];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    return f.fail('UNEXPECTED', 'operationalAddresses', 'operationalAddresses must be an array') ?? [];
  if (value.length > 20) {
    return (
      f.fail('ERROR', 'operationalAddresses', 'operationalAddresses must have at most 20 entries', [20]) ?? []
    );
  }
  const out: Address[] = [];
  value.forEach((item, i) => {
    const a = address(
      f,
      { [`operationalAddresses[${i}]`]: item },
      {
        required: true,
        strictState: false,
        key: `operationalAddresses[${i}]`,
      },
    );
    if (a) out.push(a);
  });
  return out;
}

/**
 * Validates a business profile from Wise's v2 business fields (`businessName`*, `registrationNumber`*,
 * `companyType`, `companyRole`, `address`*, `email`, `phoneNumber`, …), reporting every field error at once
 * as a 422. `source` says which fields are required (see sources.ts); the rules are the same everywhere.
 */
export function parseBusinessProfile(
  input: Record<string, unknown>,
  options: { prefix?: string; source?: ProfileSource } = {},
): BusinessProfileInput {
  const required = REQUIRED[options.source ?? 'api'];
  const f = new Fields(options.prefix ?? '');
  const business = {} as BusinessDetails;
  business.businessName = f.string(input, 'businessName', { required: true, max: MAX_BUSINESS_NAME })!;
  business.registrationNumber =
    f.string(input, 'registrationNumber', { required: required.registrationNumber, max: 30 }) ?? null;
  business.companyType = oneOf(f, input, 'companyType', COMPANY_TYPES);
  business.companyRole = oneOf(f, input, 'companyRole', COMPANY_ROLES);
  for (const key of BUSINESS_FIELDS) {
    if (key !== 'businessName' && !(key in business))
      business[key] = f.string(input, key, { max: 500 }) ?? null;
  }
  if (business.companyType === 'OTHER' && options.source === 'api') {
    // "Required if companyType is OTHER" (https://docs.wise.com/api-reference/profile, business profile).
    for (const key of ['businessFreeFormDescription', 'webpage'] as const) {
      if (business[key] === null && !f.errors.some((e) => e.path === f.path(key))) f.missing(key);
    }
  }
  const addr = address(f, input, { required: required.address, strictState: false });
  const operational = operationalAddresses(f, input);
  if (operational.length > 0) business.operationalAddresses = operational;
  let email = f.string(input, 'email', { max: 254 });
  const phoneNumber = f.string(input, 'phoneNumber', { max: 20 });
  if (email !== undefined && !isValidEmail(email))
    email = f.fail('ERROR', 'email', 'Please provide a valid email');
  if (f.errors.length > 0) throw new ValidationError(422, f.errors);
  return {
    type: 'BUSINESS',
    ...NO_PERSON_FIELDS,
    phoneNumber: phoneNumber ?? null,
    email: email ?? null,
    address: addr ?? null,
    business,
  };
}
