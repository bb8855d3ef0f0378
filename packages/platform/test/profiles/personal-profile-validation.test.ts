import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FORBIDDEN_NAME_CHARACTERS } from '../../src/profiles/personal.js';
import { startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  brazilianProfile,
  codes,
  createPersonal,
  getAs,
  type Partner,
  type PartnerUser,
  signUp,
} from './support.js';

// The clock of every test platform is 2026-11-23T10:00:00Z.
const withAddress = (a: Record<string, unknown>) =>
  brazilianProfile({ address: { ...(brazilianProfile()['address'] as object), ...a } });
const withContact = (c: Record<string, unknown>) =>
  brazilianProfile({ contactDetails: { ...(brazilianProfile()['contactDetails'] as object), ...c } });
const without = (key: string) => {
  const body = brazilianProfile();
  delete body[key];
  return body;
};

/** Contract §8, every validation row: the body and the `path:CODE` entries of its 422. */
const INVALID: [string, unknown, string[]][] = [
  ['firstName missing', without('firstName'), ['firstName:MISSING']],
  ['lastName null', brazilianProfile({ lastName: null }), ['lastName:MISSING']],
  ['firstName blank', brazilianProfile({ firstName: '   ' }), ['firstName:MISSING']],
  ['firstName not a string', brazilianProfile({ firstName: 42 }), ['firstName:UNEXPECTED']],
  ['lastName 31 characters', brazilianProfile({ lastName: 'S'.repeat(31) }), ['lastName:ERROR']],
  ['firstName 31 characters', brazilianProfile({ firstName: 'A'.repeat(31) }), ['firstName:ERROR']],
  ['preferredName with <', brazilianProfile({ preferredName: '<b>' }), ['preferredName:ERROR']],
  ['firstName with a control character', brazilianProfile({ firstName: 'An\u0007a' }), ['firstName:ERROR']],
  ['address missing', without('address'), ['address:MISSING']],
  ['address not an object', brazilianProfile({ address: 'Rua Augusta' }), ['address:UNEXPECTED']],
  [
    'address.addressFirstLine missing',
    withAddress({ addressFirstLine: undefined }),
    ['address.addressFirstLine:MISSING'],
  ],
  ['address.city missing', withAddress({ city: null }), ['address.city:MISSING']],
  [
    'address.countryIso3Code missing',
    withAddress({ countryIso3Code: undefined }),
    ['address.countryIso3Code:MISSING'],
  ],
  [
    'address.countryIso3Code alpha-2',
    withAddress({ countryIso3Code: 'BR' }),
    ['address.countryIso3Code:ERROR'],
  ],
  [
    'address.countryIso3Code unknown',
    withAddress({ countryIso3Code: 'XYZ' }),
    ['address.countryIso3Code:ERROR'],
  ],
  ['stateCode missing for BRA', withAddress({ stateCode: undefined }), ['address.stateCode:MISSING']],
  [
    'stateCode missing for USA',
    withAddress({ countryIso3Code: 'USA', stateCode: null }),
    ['address.stateCode:MISSING'],
  ],
  [
    'stateCode missing for CAN',
    withAddress({ countryIso3Code: 'CAN', stateCode: '' }),
    ['address.stateCode:MISSING'],
  ],
  [
    'stateCode missing for AUS',
    withAddress({ countryIso3Code: 'aus', stateCode: undefined }),
    ['address.stateCode:MISSING'],
  ],
  ['stateCode of another country', withAddress({ stateCode: 'NY' }), ['address.stateCode:ERROR']],
  [
    'stateCode unknown',
    withAddress({ countryIso3Code: 'AUS', stateCode: 'XX' }),
    ['address.stateCode:ERROR'],
  ],
  [
    'stateCode where there are none',
    withAddress({ countryIso3Code: 'GBR', stateCode: 'LND' }),
    ['address.stateCode:UNEXPECTED'],
  ],
  ['nationality not ISO alpha-3', brazilianProfile({ nationality: 'Brazil' }), ['nationality:ERROR']],
  ['dateOfBirth missing', without('dateOfBirth'), ['dateOfBirth:MISSING']],
  ['dateOfBirth in another format', brazilianProfile({ dateOfBirth: '17/05/1990' }), ['dateOfBirth:ERROR']],
  [
    'dateOfBirth with a time',
    brazilianProfile({ dateOfBirth: '1990-05-17T00:00:00Z' }),
    ['dateOfBirth:ERROR'],
  ],
  ['dateOfBirth 2023-02-29', brazilianProfile({ dateOfBirth: '2023-02-29' }), ['dateOfBirth:ERROR']],
  ['dateOfBirth month 13', brazilianProfile({ dateOfBirth: '1990-13-01' }), ['dateOfBirth:ERROR']],
  ['dateOfBirth in the future', brazilianProfile({ dateOfBirth: '2027-01-01' }), ['dateOfBirth:ERROR']],
  ['dateOfBirth today', brazilianProfile({ dateOfBirth: '2026-11-23' }), ['dateOfBirth:ERROR']],
  ['dateOfBirth before 1900', brazilianProfile({ dateOfBirth: '1899-12-31' }), ['dateOfBirth:TOO_SMALL']],
  ['dateOfBirth a number', brazilianProfile({ dateOfBirth: 19900517 }), ['dateOfBirth:UNEXPECTED']],
  ['contactDetails missing', without('contactDetails'), ['contactDetails:MISSING']],
  ['contactDetails.email missing', withContact({ email: undefined }), ['contactDetails.email:MISSING']],
  ['contactDetails.email malformed', withContact({ email: 'ana@' }), ['contactDetails.email:ERROR']],
  [
    'contactDetails.phoneNumber missing',
    withContact({ phoneNumber: null }),
    ['contactDetails.phoneNumber:MISSING'],
  ],
  [
    'phoneNumber without +',
    withContact({ phoneNumber: '5511987654321' }),
    ['contactDetails.phoneNumber:ERROR'],
  ],
  [
    'phoneNumber with spaces',
    withContact({ phoneNumber: '+55 11 98765 4321' }),
    ['contactDetails.phoneNumber:ERROR'],
  ],
  [
    'phoneNumber country code 0',
    withContact({ phoneNumber: '+0511987654321' }),
    ['contactDetails.phoneNumber:ERROR'],
  ],
  [
    'phoneNumber over 15 digits',
    withContact({ phoneNumber: '+5511987654321000' }),
    ['contactDetails.phoneNumber:ERROR'],
  ],
  ['occupations not an array', brazilianProfile({ occupations: 'engineer' }), ['occupations:UNEXPECTED']],
  [
    'occupation without code',
    brazilianProfile({ occupations: [{ format: 'FREE_FORM' }] }),
    ['occupations[0].code:MISSING'],
  ],
  [
    'externalCustomerId too long',
    brazilianProfile({ externalCustomerId: 'x'.repeat(101) }),
    ['externalCustomerId:ERROR'],
  ],
  [
    'an empty body: every required field at once',
    {},
    [
      'address:MISSING',
      'contactDetails:MISSING',
      'dateOfBirth:MISSING',
      'firstName:MISSING',
      'lastName:MISSING',
    ],
  ],
  [
    'several nested errors at once',
    brazilianProfile({
      lastName: 'Sou#za',
      address: { addressFirstLine: 'Rua 1', countryIso3Code: 'USA', stateCode: 'SP' },
      contactDetails: { email: 'x', phoneNumber: '123' },
    }),
    [
      'address.city:MISSING',
      'address.stateCode:ERROR',
      'contactDetails.email:ERROR',
      'contactDetails.phoneNumber:ERROR',
      'lastName:ERROR',
    ],
  ],
];

describe('POST /v2/profiles/personal-profile validation (contract §8)', () => {
  let p: TestPlatform;
  let partner: Partner;
  let user: PartnerUser;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    user = await signUp(p, partner);
  });
  after(() => p.close());

  for (const [name, body, expected] of INVALID) {
    test(`422: ${name}`, async () => {
      const res = await createPersonal(p, user.token, body);
      assert.equal(res.status, 422, res.text);
      assert.deepEqual(codes(res), expected.sort());
      for (const error of res.body.errors) {
        assert.equal(typeof error.message, 'string');
        assert.ok(Array.isArray(error.arguments));
      }
    });
  }

  for (const c of FORBIDDEN_NAME_CHARACTERS) {
    test(`422: lastName containing ${c}`, async () => {
      const res = await createPersonal(p, user.token, brazilianProfile({ lastName: `Sou${c}za` }));
      assert.equal(res.status, 422);
      assert.deepEqual(codes(res), ['lastName:ERROR']);
    });
  }

  // The legacy POST /v1/profiles body and its errors: test/profiles-v1/legacy-create.test.ts.

  test('a body that is not a JSON object is a 400, never a 500', async () => {
    for (const body of ['[]', '"text"', 'null', '{bad json']) {
      const res = await createPersonal(p, user.token, body);
      assert.equal(res.status, 400, body);
      assert.equal(res.body.errors[0].code, 'BAD_REQUEST');
    }
  });

  test('no invalid request created a profile', async () => {
    assert.deepEqual(await p.platform.stores.profiles.listByUser(user.userId), []);
  });

  const VALID: [string, Record<string, unknown>][] = [
    [
      'names of exactly 30 characters',
      brazilianProfile({ firstName: 'A'.repeat(30), lastName: 'S'.repeat(30) }),
    ],
    ['lower-case country and state codes', withAddress({ countryIso3Code: 'bra', stateCode: 'rj' })],
    ['an ISO 3166-2 state code', withAddress({ countryIso3Code: 'USA', stateCode: 'US-NY' })],
    ['a country without states, no stateCode', withAddress({ countryIso3Code: 'GBR', stateCode: null })],
    ['29 February of a leap year', brazilianProfile({ dateOfBirth: '2024-02-29' })],
    ['yesterday', brazilianProfile({ dateOfBirth: '2026-11-22' })],
    [
      'only the required fields',
      { ...without('occupations'), preferredName: undefined, nationality: undefined },
    ],
  ];
  for (const [name, body] of VALID) {
    test(`200: ${name}`, async () => {
      const fresh = await signUp(p, partner);
      const res = await createPersonal(p, fresh.token, body);
      assert.equal(res.status, 200, res.text);
    });
  }

  test('country and state codes are stored the way Wise returns them', async () => {
    const fresh = await signUp(p, partner);
    const res = await createPersonal(
      p,
      fresh.token,
      withAddress({ countryIso3Code: 'Bra', stateCode: 'br-sp' }),
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.details.address.countryIso3Code, 'bra');
    assert.equal(res.body.details.address.stateCode, 'SP');
    const read = await getAs(p, fresh.token, `/v2/profiles/${res.body.id}`);
    assert.equal(read.body.address.countryIso3Code, 'bra');
    assert.equal(read.body.address.countryIso2Code, 'BR');
    assert.equal(read.body.address.stateCode, 'SP');
  });
});
