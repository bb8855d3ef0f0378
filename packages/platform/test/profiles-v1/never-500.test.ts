import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { anyValue, fieldOf } from '../support/arbitraries.js';
import { bearer, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  LEGACY_BUSINESS,
  legacyPersonal,
  type PartnerUser,
  postJson,
  putJson,
  signUp,
} from './support.js';

const anything = anyValue({ minLength: 25, maxLength: 200 });
const field = fieldOf(anything);
const date = field('1982-05-20', '2023-02-29', '2999-01-01', '82-5-20');
const country3 = field('usa', 'GBR', 'xyz', 'US');

const addressBody = (profile: fc.Arbitrary<unknown>) =>
  fc.record(
    {
      profile,
      details: fc.oneof(
        fc.record(
          {
            country: field('US', 'gb', 'BRA', 'CA', 'XX', ''),
            state: field('AZ', 'NM', 'us-az', 'SP', 'ZZ'),
            city: field('Phoenix', 'x'.repeat(101)),
            postCode: field('10025', 'p'.repeat(31)),
            firstLine: field('50 Sunflower Ave'),
            occupations: fc.oneof(
              fc.array(fc.record({ code: field('Engineer'), format: field('FREE_FORM') }), { maxLength: 12 }),
              anything,
            ),
          },
          { requiredKeys: [] },
        ),
        anything,
      ),
    },
    { requiredKeys: [] },
  );

const legacyProfile = fc.record(
  {
    type: field('personal', 'business', 'BUSINESS', 'robot'),
    details: fc.oneof(
      fc.record(
        {
          ...Object.fromEntries(Object.entries(legacyPersonal().details).map(([k, v]) => [k, field(v)])),
          ...Object.fromEntries(
            Object.entries(LEGACY_BUSINESS.details).map(([k, v]) => [k, field(v ?? 'x', 'LIMITED')]),
          ),
        },
        { requiredKeys: [] },
      ),
      anything,
    ),
  },
  { requiredKeys: [] },
);

const people = fc.oneof(
  fc.array(
    fc.record(
      {
        firstName: field('John'),
        lastName: field('Doe'),
        name: field('John Doe'),
        dateOfBirth: date,
        countryOfResidenceIso3Code: country3,
        addressFirstLine: field('123 Fake St'),
        postCode: field('FK 12345'),
        ownershipPercentage: field(30, null, 101, -1, 2.5),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 4 },
  ),
  anything,
);

/** Whole bodies: the structured ones, arbitrary JSON, or raw text that may not be JSON at all. */
const body = (structured: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: structured },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.string({ unit: 'binary' }).map((s) => ({ raw: s })) },
  );
const send = (value: unknown) =>
  value !== null && typeof value === 'object' && 'raw' in value ? (value as { raw: string }).raw : value;

/** Random bodies on the legacy v1 calls never produce a 500 (contract "Error bodies", §8 "Legacy v1"). */
describe('legacy v1 calls: random bodies never produce a 500', () => {
  let p: TestPlatform;
  let user: PartnerUser;
  let personalId: number;
  let businessId: number;
  before(async () => {
    p = await startTestPlatform();
    user = await signUp(p, await addPartner(p));
    personalId = (await postJson(`${p.url}/v1/profiles`, legacyPersonal(), bearer(user.token))).body.id;
    businessId = (await postJson(`${p.url}/v1/profiles`, LEGACY_BUSINESS, bearer(user.token))).body.id;
  });
  after(() => p.close());

  const check = (status: number, text: string) => {
    assert.ok(status >= 200 && status < 500, `${status} ${text}`);
    assert.ok(!/stack|at .*\.ts:|syntax error|relation "/i.test(text), text);
  };

  test('POST /v1/profiles', async () => {
    await fc.assert(
      fc.asyncProperty(body(legacyProfile), async (value) => {
        const res = await postJson(`${p.url}/v1/profiles`, send(value), bearer(user.token));
        check(res.status, res.text);
      }),
      { numRuns: 100 },
    );
  });

  test('POST /v1/addresses', async () => {
    const profile = fc.oneof(fc.constant(personalId), fc.constant(businessId), anything);
    await fc.assert(
      fc.asyncProperty(body(addressBody(profile)), async (value) => {
        const res = await postJson(`${p.url}/v1/addresses`, send(value), bearer(user.token));
        check(res.status, res.text);
      }),
      { numRuns: 150 },
    );
  });

  test('POST and PUT directors and UBOs', async () => {
    await fc.assert(
      fc.asyncProperty(
        body(people),
        fc.constantFrom('directors', 'ubos'),
        fc.boolean(),
        fc.oneof(fc.constant(String(businessId)), fc.constant(String(personalId)), fc.string()),
        async (value, kind, put, id) => {
          const url = `${p.url}/v1/profiles/${encodeURIComponent(id)}/${kind}`;
          const res = await (put ? putJson : postJson)(url, send(value), bearer(user.token));
          check(res.status, res.text);
        },
      ),
      { numRuns: 150 },
    );
  });
});
