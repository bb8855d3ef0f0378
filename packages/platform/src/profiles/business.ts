import { ValidationError } from '../errors/errors.js';
import type { Address, NewProfile } from '../store/profiles.js';
import { isAlpha3 } from './countries.js';
import { Fields } from './fields.js';

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
const TEXT_FIELDS = [
  'descriptionOfBusiness',
  'webpage',
  'businessFreeFormDescription',
  'firstLevelCategory',
  'secondLevelCategory',
] as const;

function address(f: Fields, input: Record<string, unknown>): Address | undefined {
  const raw = f.object(input, 'address', true);
  if (!raw) return undefined;
  const a = new Fields(f.path('address.'));
  const addressFirstLine = a.string(raw, 'addressFirstLine', { required: true, max: 100 });
  const city = a.string(raw, 'city', { required: true, max: 100 });
  let country = a.string(raw, 'countryIso3Code', { required: true });
  if (country !== undefined && !isAlpha3(country)) {
    country = a.fail(
      'ERROR',
      'countryIso3Code',
      'countryIso3Code must be an ISO 3166-1 alpha-3 country code',
    );
  }
  const postCode = a.string(raw, 'postCode', { max: 30 });
  const stateCode = a.string(raw, 'stateCode', { max: 10 });
  f.errors.push(...a.errors);
  if (a.errors.length > 0) return undefined;
  return {
    addressFirstLine: addressFirstLine!,
    city: city!,
    countryIso3Code: country!.toLowerCase(),
    postCode: postCode ?? null,
    stateCode: stateCode?.toUpperCase() ?? null,
  };
}

/**
 * A business profile of `userId` from business fields (`businessName`*, `registrationNumber`*,
 * `companyType`, `companyRole`, `address`*, …): for seeds and the hosted profile step, which save it with
 * `stores.profiles.create`. Throws a 422 ValidationError listing every problem.
 */
export function newBusinessProfile(
  userId: number,
  input: Record<string, unknown>,
  createdByClientId: string | null,
): NewProfile {
  const f = new Fields();
  const businessName = f.string(input, 'businessName', { required: true, max: 100 });
  const registrationNumber = f.string(input, 'registrationNumber', { required: true, max: 30 });
  let companyType = f.string(input, 'companyType');
  if (companyType !== undefined && !COMPANY_TYPES.includes(companyType.toUpperCase())) {
    companyType = f.fail('ERROR', 'companyType', `companyType must be one of ${COMPANY_TYPES.join(', ')}`);
  }
  let companyRole = f.string(input, 'companyRole');
  if (companyRole !== undefined && !COMPANY_ROLES.includes(companyRole.toUpperCase())) {
    companyRole = f.fail('ERROR', 'companyRole', `companyRole must be one of ${COMPANY_ROLES.join(', ')}`);
  }
  const business: Record<string, string | null> = {
    businessName: businessName ?? null,
    registrationNumber: registrationNumber ?? null,
    companyType: companyType?.toUpperCase() ?? null,
    companyRole: companyRole?.toUpperCase() ?? null,
  };
  for (const key of TEXT_FIELDS) business[key] = f.string(input, key, { max: 500 }) ?? null;
  const addr = address(f, input);
  let email = f.string(input, 'email', { max: 254 });
  const phoneNumber = f.string(input, 'phoneNumber', { max: 20 });
  if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    email = f.fail('ERROR', 'email', 'Please provide a valid email');
  if (f.errors.length > 0) throw new ValidationError(422, f.errors);
  return {
    userId,
    type: 'BUSINESS',
    createdByClientId,
    firstName: null,
    lastName: null,
    preferredName: null,
    dateOfBirth: null,
    phoneNumber: phoneNumber ?? null,
    email: email ?? null,
    nationality: null,
    externalCustomerId: null,
    address: addr!,
    occupations: null,
    business,
  };
}
