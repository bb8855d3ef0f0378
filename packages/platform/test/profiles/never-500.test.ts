import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { anyValue, fieldOf } from '../support/arbitraries.js';
import { bearer, postJson, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  brazilianProfile,
  createPersonal,
  type Partner,
  type PartnerUser,
  signUp,
} from './support.js';

const anything = anyValue({ minLength: 25, maxLength: 200 });
const field = fieldOf(anything);
const date = field(
  '1990-05-17',
  '2023-02-29',
  '2026-11-23',
  '2099-01-01',
  '1899-12-31',
  '0000-00-00',
  '1990-5-17',
);

const personal = fc.record(
  {
    firstName: field('Ana', 'A'.repeat(31), 'An@'),
    lastName: field('Souza', 'S`', ''),
    preferredName: field('Aninha'),
    dateOfBirth: date,
    nationality: field('BRA', 'bra', 'BR', 'XXX'),
    externalCustomerId: field('c-1'),
    occupations: fc.oneof(
      fc.array(fc.record({ code: field('Engineer'), format: field('FREE_FORM') }), { maxLength: 12 }),
      anything,
    ),
    address: fc.oneof(
      fc.record(
        {
          addressFirstLine: field('Rua 1'),
          city: field('São Paulo'),
          countryIso3Code: field('BRA', 'USA', 'CAN', 'AUS', 'GBR', 'bra', 'ZZZ'),
          postCode: field('01304-001'),
          stateCode: field('SP', 'NY', 'US-NY', 'NSW', 'br-sp'),
        },
        { requiredKeys: [] },
      ),
      anything,
    ),
    contactDetails: fc.oneof(
      fc.record(
        { email: field('a@example.com', 'a@', 'x'), phoneNumber: field('+5511987654321', '123', '+0') },
        { requiredKeys: [] },
      ),
      anything,
    ),
  },
  { requiredKeys: [] },
);

const documentBody = fc.record(
  {
    type: field('CPF_CNPJ', 'SSN', 'PASSPORT', 'FINANCIAL_CAPACITY_BR', 'EMIRATES_EMPLOYER', 'cpf_cnpj'),
    uniqueIdentifier: field(
      '938.936.652-69',
      '93893665269',
      '11.222.333/0001-81',
      '123456789',
      '0'.repeat(31),
      '012.345.678-90',
    ),
    firstName: field('Ana'),
    lastName: field('Souza'),
    issueDate: date,
    expiryDate: date,
    issuerCountry: field('BR', 'BRA', 'Z'),
    issuerState: field('SP'),
    nationality: field('BR'),
    employerName: field('ACME'),
    employerCountry: field('AE', '??'),
  },
  { requiredKeys: [] },
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
const idempotencyKey = fc.option(fc.oneof(fc.uuid(), fc.string()), { nil: undefined });

describe('random bodies never produce a 500 (contract "Error bodies")', () => {
  let p: TestPlatform;
  let partner: Partner;
  let user: PartnerUser;
  let profileId: number;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    user = await signUp(p, partner);
    const res = await createPersonal(p, user.token, brazilianProfile());
    profileId = res.body.id;
  });
  after(() => p.close());

  const check = (status: number, text: string) => {
    assert.ok(status >= 200 && status < 500, `${status} ${text}`);
    assert.ok(!/stack|at .*\.ts:|syntax error|relation "/i.test(text), text);
  };

  test('POST /v2/profiles/personal-profile', async () => {
    await fc.assert(
      fc.asyncProperty(body(personal), idempotencyKey, async (value, key) => {
        const fresh = await signUp(p, partner);
        const res = await createPersonal(
          p,
          fresh.token,
          send(value),
          key === undefined ? {} : { 'X-idempotence-uuid': key },
        );
        check(res.status, res.text);
      }),
      { numRuns: 150 },
    );
  });

  test('POST /v1/profiles', async () => {
    await fc.assert(
      fc.asyncProperty(
        body(
          fc.record(
            { type: field('personal', 'PERSONAL', 'business'), details: fc.oneof(personal, anything) },
            { requiredKeys: [] },
          ),
        ),
        async (value) => {
          const res = await postJson(`${p.url}/v1/profiles`, send(value), bearer(user.token));
          check(res.status, res.text);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('POST /v1/profiles/{profileId}/verification-documents', async () => {
    await fc.assert(
      fc.asyncProperty(
        body(documentBody),
        fc.oneof(fc.constant(String(profileId)), fc.string()),
        async (value, id) => {
          const res = await postJson(
            `${p.url}/v1/profiles/${encodeURIComponent(id)}/verification-documents`,
            send(value),
            bearer(user.token),
          );
          check(res.status, res.text);
        },
      ),
      { numRuns: 200 },
    );
  });
});
