import type { Address, ProfileRecord } from '../store/profiles.js';
import { alpha2Of } from './countries.js';

/**
 * The wire shapes of a profile (contract §8). Times are ISO 8601 UTC; dates of birth `YYYY-MM-DD`;
 * country codes as Wise returns them (`countryIso3Code` lower case, `countryIso2Code` upper case).
 */

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function addressBody(a: Address | null) {
  if (!a) return null;
  return {
    addressFirstLine: a.addressFirstLine,
    city: a.city,
    countryIso2Code: alpha2Of(a.countryIso3Code),
    countryIso3Code: a.countryIso3Code.toLowerCase(),
    postCode: a.postCode ?? null,
    stateCode: a.stateCode ?? null,
  };
}

const fullName = (p: ProfileRecord) => [p.firstName, p.lastName].filter(Boolean).join(' ');

/** `GET /v2/profiles` entries: the personal shape field by field, or the business one. */
export function v2Profile(p: ProfileRecord) {
  const common = {
    type: p.type,
    id: p.id,
    publicId: p.publicId,
    userId: p.userId,
    address: addressBody(p.address),
    email: p.email ?? '',
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    currentState: 'VISIBLE',
    contactDetails: { email: p.email ?? null, phoneNumber: p.phoneNumber ?? null },
  };
  if (p.type === 'BUSINESS') {
    const b = p.business ?? {};
    return {
      ...common,
      businessName: str(b['businessName']),
      registrationNumber: str(b['registrationNumber']),
      descriptionOfBusiness: str(b['descriptionOfBusiness']),
      webpage: str(b['webpage']),
      companyType: str(b['companyType']),
      companyRole: str(b['companyRole']),
      businessFreeFormDescription: str(b['businessFreeFormDescription']),
      firstLevelCategory: str(b['firstLevelCategory']),
      secondLevelCategory: str(b['secondLevelCategory']),
      operationalAddresses: [],
      fullName: str(b['businessName']) ?? '',
    };
  }
  return {
    ...common,
    firstName: p.firstName,
    lastName: p.lastName,
    preferredName: p.preferredName,
    dateOfBirth: p.dateOfBirth,
    phoneNumber: p.phoneNumber,
    secondaryAddresses: [],
    fullName: fullName(p),
  };
}

/** The legacy address of v1 bodies and `/v1/me`. */
function v1Address(a: Address | null) {
  if (!a) return null;
  return {
    firstLine: a.addressFirstLine,
    city: a.city,
    countryCode: alpha2Of(a.countryIso3Code),
    postCode: a.postCode ?? null,
    state: a.stateCode ?? null,
  };
}

function occupationOf(p: ProfileRecord): string | null {
  const first = p.occupations?.[0] as { code?: unknown } | undefined;
  return typeof first?.code === 'string' ? first.code : null;
}

/** `details` of `/v1/me` (contract §8), from the personal profile. */
export function meDetails(p: ProfileRecord) {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    phoneNumber: p.phoneNumber,
    occupation: occupationOf(p),
    address: v1Address(p.address),
    dateOfBirth: p.dateOfBirth,
    avatar: null,
    primaryAddress: null,
  };
}

/** Legacy `GET /v1/profiles` entries: `{id, type: "personal"|"business", details}`. */
export function v1Profile(p: ProfileRecord) {
  if (p.type === 'BUSINESS') {
    const b = p.business ?? {};
    return {
      id: p.id,
      type: 'business',
      details: {
        name: str(b['businessName']),
        registrationNumber: str(b['registrationNumber']),
        companyType: str(b['companyType']),
        companyRole: str(b['companyRole']),
        descriptionOfBusiness: str(b['descriptionOfBusiness']),
        webpage: str(b['webpage']),
        businessCategory: str(b['firstLevelCategory']),
        businessSubCategory: str(b['secondLevelCategory']),
        primaryAddress: null,
        address: v1Address(p.address),
      },
    };
  }
  return {
    id: p.id,
    type: 'personal',
    details: {
      firstName: p.firstName,
      lastName: p.lastName,
      preferredName: p.preferredName,
      dateOfBirth: p.dateOfBirth,
      phoneNumber: p.phoneNumber,
      nationality: p.nationality,
      occupation: occupationOf(p),
      occupations: p.occupations ?? [],
      avatar: null,
      primaryAddress: null,
      address: v1Address(p.address),
    },
  };
}
