import type { Address, PersonalProfile, ProfileRecord } from '../store/profiles.js';
import { alpha2Of } from './countries.js';
import { fullName } from './display.js';

/**
 * The wire shapes of a profile (contract §8), one mapper per API version: `v2Profile` for `/v2/profiles`,
 * `v1Profile` (and `meDetails`) for the legacy v1 bodies. Times as `wiseTime` gives them; dates of birth `YYYY-MM-DD`;
 * country codes as Wise returns them (`countryIso3Code` lower case, `countryIso2Code` upper case).
 */

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

/**
 * Wise's v2 times: UTC, to the second, without a zone (`"createdAt": "2023-01-15T10:30:00"`, the v2 profile
 * objects of https://docs.wise.com/api-reference/profile).
 */
export function wiseTime(d: Date): string {
  return d.toISOString().slice(0, 19);
}

/**
 * `GET /v2/profiles` entries, field for field Wise's "Personal Profile Object" and "Business Profile Object"
 * (https://docs.wise.com/api-reference/profile): `email` is the user's own (the account's primary email),
 * `contactDetails` the profile's; `avatar` is on personal profiles only, as in Wise's examples (we have no
 * avatars: null). `currentState` belongs to the verification lifecycle.
 */
export function v2Profile(p: ProfileRecord) {
  const common = {
    type: p.type,
    id: p.id,
    publicId: p.publicId,
    userId: p.userId,
    address: p.address && { id: p.addressId, ...addressBody(p.address) },
    email: p.accountEmail,
    createdAt: wiseTime(p.createdAt),
    updatedAt: wiseTime(p.updatedAt),
  };
  const contactDetails = { email: p.email ?? null, phoneNumber: p.phoneNumber ?? null };
  if (p.type === 'BUSINESS') {
    const b = p.business;
    return {
      ...common,
      currentState: 'VISIBLE',
      contactDetails,
      businessName: b.businessName,
      registrationNumber: b.registrationNumber,
      descriptionOfBusiness: b.descriptionOfBusiness,
      webpage: b.webpage,
      companyType: b.companyType,
      businessFreeFormDescription: b.businessFreeFormDescription,
      firstLevelCategory: b.firstLevelCategory,
      secondLevelCategory: b.secondLevelCategory,
      operationalAddresses: (b.operationalAddresses ?? []).map(addressBody),
      fullName: fullName(p),
    };
  }
  return {
    ...common,
    avatar: null,
    currentState: 'VISIBLE',
    contactDetails,
    firstName: p.firstName,
    lastName: p.lastName,
    preferredName: p.preferredName,
    dateOfBirth: p.dateOfBirth,
    phoneNumber: p.phoneNumber,
    secondaryAddresses: [],
    fullName: fullName(p),
  };
}

/**
 * The answer of `POST /v2/profiles/personal-profile` (and of its update, `PUT …/personal-profile`), Wise's
 * "Example Response" of "Create a Personal Profile" (https://docs.wise.com/api-reference/profile): the
 * request's fields under `details`, the address as sent (no `countryIso2Code`), `localizedInformation: []`.
 * Optional fields not given are null; occupations not given are `[]` (ours: Wise's example gives them all).
 */
export function createdPersonalProfile(p: PersonalProfile) {
  const a = p.address;
  return {
    id: p.id,
    type: 'personal',
    details: {
      firstName: p.firstName,
      lastName: p.lastName,
      preferredName: p.preferredName,
      address: a && {
        addressFirstLine: a.addressFirstLine,
        city: a.city,
        countryIso3Code: a.countryIso3Code.toLowerCase(),
        postCode: a.postCode ?? null,
        stateCode: a.stateCode ?? null,
      },
      nationality: p.nationality,
      dateOfBirth: p.dateOfBirth,
      externalCustomerId: p.externalCustomerId,
      contactDetails: { email: p.email, phoneNumber: p.phoneNumber },
      occupations: p.occupations ?? [],
      localizedInformation: [],
    },
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
export function meDetails(p: PersonalProfile) {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    phoneNumber: p.phoneNumber,
    occupation: occupationOf(p),
    address: v1Address(p.address),
    dateOfBirth: p.dateOfBirth,
    avatar: null,
    primaryAddress: p.addressId,
  };
}

/**
 * Legacy `GET /v1/profiles` entries and the `POST /v1/profiles` answer, as TransferWise's legacy reference
 * ("User Profiles") shows them: `{id, type: "personal"|"business", details}`, the address by its id
 * (`primaryAddress`, https://docs.wise.com/api-reference/address), `avatar`/`occupation` `""` when unknown.
 */
export function v1Profile(p: ProfileRecord) {
  if (p.type === 'BUSINESS') {
    const b = p.business;
    return {
      id: p.id,
      type: 'business',
      details: {
        name: b.businessName,
        registrationNumber: b.registrationNumber,
        acn: b.acn,
        abn: b.abn,
        arbn: b.arbn,
        companyType: b.companyType,
        companyRole: b.companyRole,
        descriptionOfBusiness: b.descriptionOfBusiness,
        webpage: b.webpage,
        primaryAddress: p.addressId,
      },
    };
  }
  return {
    id: p.id,
    type: 'personal',
    details: {
      firstName: p.firstName,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      phoneNumber: p.phoneNumber,
      avatar: '',
      occupation: occupationOf(p) ?? '',
      primaryAddress: p.addressId,
    },
  };
}
