import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type SchemaType, profileSchemas as schemas } from '@account-access/platform/testing';
import type {
  Address,
  BusinessProfile,
  BusinessRepresentative,
  CreatedPersonalProfile,
  Director,
  LegacyProfile,
  PersonalProfile,
  Ubo,
} from '../src/index.js';

// Issue 15: the client's profile types agree with the platform's OpenAPI schemas of the same objects
// (https://docs.wise.com/api-reference/profile, https://docs.wise.com/api-reference/address). Two ways:
// - at compile time, every answer a schema allows is a value of the client's type (`Takes` below: a type
//   that is not true is a type error, failing the typecheck);
// - at run time, every field a client type names is a property of the schema (`KEYS`: each list holds
//   exactly the type's named fields, or the typecheck fails).

/** True when every value of `Wire` is a value of `Client`. */
type Takes<Client, Wire> = [Wire] extends [Client] ? true : false;
type Wire<K extends keyof typeof schemas> = SchemaType<(typeof schemas)[K]>;

const takes: {
  personal: Takes<PersonalProfile, Wire<'personalProfile'>>;
  business: Takes<BusinessProfile, Wire<'businessProfile'>>;
  created: Takes<CreatedPersonalProfile, Wire<'createdPersonalProfile'>>;
  legacy: Takes<LegacyProfile, Wire<'legacyPersonalProfile'> | Wire<'legacyBusinessProfile'>>;
  address: Takes<Address, Wire<'address'>>;
  director: Takes<Director, Wire<'director'>>;
  ubo: Takes<Ubo, Wire<'ubo'>>;
  representative: Takes<BusinessRepresentative, Wire<'businessRepresentative'>>;
} = {
  personal: true,
  business: true,
  created: true,
  legacy: true,
  address: true,
  director: true,
  ubo: true,
  representative: true,
};

/** The fields a type names (its index signature aside). */
type Named<T> = keyof { [K in keyof T as string extends K ? never : K]: T[K] } & string;
/** Every named field of `T`, once: a missing or an unknown one is a type error. */
const fields =
  <T>() =>
  <const L extends readonly Named<T>[]>(
    list: L & ([Exclude<Named<T>, L[number]>] extends [never] ? L : never),
  ) =>
    list;

const KEYS = {
  personalProfile: fields<PersonalProfile>()([
    'id',
    'type',
    'publicId',
    'userId',
    'address',
    'email',
    'createdAt',
    'updatedAt',
    'avatar',
    'currentState',
    'contactDetails',
    'firstName',
    'lastName',
    'preferredName',
    'dateOfBirth',
    'phoneNumber',
    'fullName',
  ]),
  businessProfile: fields<BusinessProfile>()([
    'id',
    'type',
    'publicId',
    'userId',
    'address',
    'email',
    'createdAt',
    'updatedAt',
    'avatar',
    'currentState',
    'contactDetails',
    'businessName',
    'registrationNumber',
    'descriptionOfBusiness',
    'webpage',
    'companyType',
    'businessFreeFormDescription',
    'firstLevelCategory',
    'secondLevelCategory',
    'operationalAddresses',
    'fullName',
  ]),
  createdPersonalProfile: fields<CreatedPersonalProfile>()(['id', 'type', 'details']),
  address: fields<Address>()(['id', 'profile', 'details']),
  director: fields<Director>()(['id', 'firstName', 'lastName', 'dateOfBirth', 'countryOfResidenceIso3Code']),
  ubo: fields<Ubo>()([
    'id',
    'name',
    'dateOfBirth',
    'countryOfResidenceIso3Code',
    'addressFirstLine',
    'postCode',
    'ownershipPercentage',
  ]),
  businessRepresentative: fields<BusinessRepresentative>()([
    'businessRepresentativeId',
    'firstName',
    'lastName',
    'preferredName',
    'address',
    'dateOfBirth',
    'contactDetails',
  ]),
} as const;

/** Fields a client type names that Wise documents but the platform does not send. */
const NOT_SENT: Record<string, string[]> = {
  // Wise's business example has no avatar; the client's shared base type names it for personal profiles.
  businessProfile: ['avatar'],
};

describe("the client's profile types and the platform's schemas agree", () => {
  test('every answer the schemas allow is a value of the client types (compile time)', () => {
    assert.deepEqual(Object.values(takes), Array(8).fill(true));
  });

  test('every field a client type names is a property of its schema', () => {
    for (const [name, keys] of Object.entries(KEYS)) {
      const schema = schemas[name as keyof typeof KEYS] as { properties: Record<string, unknown> };
      for (const key of keys) {
        if (NOT_SENT[name]?.includes(key)) continue;
        assert.ok(key in schema.properties, `${name}.${key} is in the schema`);
      }
    }
  });
});
