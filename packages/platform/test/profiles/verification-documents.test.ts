import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newBusinessProfile } from '../../src/profiles/index.js';
import { SANDBOX_PERSON } from '../../src/verification/bureau.js';
import { DOCUMENT_TYPES } from '../../src/verification/documents.js';
import { startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  brazilianProfile,
  codes,
  cpf,
  cpfDoc,
  createPersonal,
  formatted,
  getAs,
  grantedToken,
  type Partner,
  type PartnerUser,
  signUp,
  submitDocument,
} from './support.js';

describe('POST /v1/profiles/{profileId}/verification-documents (contract §9)', () => {
  let p: TestPlatform;
  let partner: Partner;
  let other: Partner;

  /**
   * A new user of `partner` with a Brazilian personal profile, as a partner onboards one; by default the
   * person Wise's sandbox bureau accepts a CPF for (Test User, born 2000-01-01: G-BR "Testing CPF/CNPJ").
   */
  async function customer(
    of: Partner = partner,
    person: Record<string, unknown> = SANDBOX_PERSON,
  ): Promise<PartnerUser & { profileId: number }> {
    const user = await signUp(p, of);
    const res = await createPersonal(p, user.token, brazilianProfile(person));
    assert.equal(res.status, 200, res.text);
    return { ...user, profileId: res.body.id };
  }

  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    other = await addPartner(p);
  });
  after(() => p.close());

  test('done: a registration-code token creates a Brazilian profile, submits a valid CPF, reads both back', async () => {
    const c = await customer();
    const res = await submitDocument(p, c.token, c.profileId, {
      type: 'CPF_CNPJ',
      uniqueIdentifier: '938.936.652-69',
      firstName: 'Ana',
      lastName: 'Souza',
      issuerCountry: 'BR',
      nationality: 'BR',
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.text, '{"errorMessage":null,"success":true}');
    const profile = await getAs(p, c.token, `/v2/profiles/${c.profileId}`);
    assert.equal(profile.status, 200);
    assert.equal(profile.body.dateOfBirth, '2000-01-01');
    const docs = await p.platform.stores.verificationDocuments.listByProfile(c.profileId);
    assert.equal(docs.length, 1);
    assert.equal(docs[0]!.type, 'CPF_CNPJ');
    assert.equal(docs[0]!.identifierLastDigits, '5269');
    assert.equal(docs[0]!.issuerCountry, 'BR');
    // The identifier is stored only as a keyed hash and its last digits.
    const { rows } = await p.db.query('select * from verification_documents where profile_id = $1', [
      c.profileId,
    ]);
    const stored = JSON.stringify(rows);
    assert.ok(
      !stored.includes('93893665269') && !stored.includes('938.936'),
      'identifier stored in the clear',
    );
  });

  const FAILURES = [
    'NOT_ASSIGNED',
    'NAME_MISMATCH',
    'DOB_MISMATCH',
    'IRREGULAR',
    'NOT_CHECKED',
    'BELONG_TO_MINOR',
  ];
  for (const [digit, code] of FAILURES.entries()) {
    test(`sandbox bureau: a valid CPF starting ${digit} fails with ${code}, nothing stored`, async () => {
      const c = await customer();
      const res = await submitDocument(p, c.token, c.profileId, cpfDoc(cpf(`${digit}12345678`)));
      assert.equal(res.status, 422);
      assert.deepEqual(res.body, { errorMessage: code, success: false });
      assert.deepEqual(await p.platform.stores.verificationDocuments.listByProfile(c.profileId), []);
    });
  }
  for (const digit of [6, 7, 8, 9]) {
    test(`sandbox bureau: a valid CPF starting ${digit} passes, bare or formatted`, async () => {
      const c = await customer();
      const value = cpf(`${digit}87654321`);
      const res = await submitDocument(p, c.token, c.profileId, cpfDoc(digit % 2 ? value : formatted(value)));
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body, { errorMessage: null, success: true });
    });
  }

  test('a CNPJ with valid check digits starting 6-9 passes, formatted or bare (once per partner, like a CPF)', async () => {
    for (const [value, of] of [
      ['61.222.333/0001-50', partner],
      ['61222333000150', other],
    ] as const) {
      const c = await customer(of);
      const res = await submitDocument(p, c.token, c.profileId, cpfDoc(value));
      assert.equal(res.status, 200, res.text);
    }
  });

  test('bad check digits or shapes: 422 validation family on uniqueIdentifier', async () => {
    const c = await customer();
    for (const value of [
      '938.936.652-68',
      '93893665268',
      '938.936.65269',
      '111.111.111-11',
      '11111111111',
      '9389366526',
      '11.222.333/0001-82',
      '11222333000180',
      'abc.def.ghi-jk',
      '938 936 652 69',
    ]) {
      const res = await submitDocument(p, c.token, c.profileId, cpfDoc(value));
      assert.equal(res.status, 422, value);
      assert.deepEqual(codes(res), ['uniqueIdentifier:ERROR'], value);
    }
  });

  test('a CPF is used once per partner', async () => {
    const value = cpf('712398456');
    const first = await customer();
    assert.equal((await submitDocument(p, first.token, first.profileId, cpfDoc(value))).status, 200);
    // The same profile again: success, and still one document.
    const again = await submitDocument(p, first.token, first.profileId, cpfDoc(formatted(value)));
    assert.deepEqual(again.body, { errorMessage: null, success: true });
    assert.equal((await p.platform.stores.verificationDocuments.listByProfile(first.profileId)).length, 1);
    // Another profile of the same partner, in either spelling: refused (ours: ALREADY_USED).
    const second = await customer();
    const res = await submitDocument(p, second.token, second.profileId, cpfDoc(formatted(value)));
    assert.equal(res.status, 422);
    assert.deepEqual(res.body, { errorMessage: 'ALREADY_USED', success: false });
    assert.deepEqual(await p.platform.stores.verificationDocuments.listByProfile(second.profileId), []);
    // Another partner's customer may use it.
    const elsewhere = await customer(other);
    assert.equal((await submitDocument(p, elsewhere.token, elsewhere.profileId, cpfDoc(value))).status, 200);
  });

  test('every document type is accepted with its fields', async () => {
    const c = await customer();
    const identifiers: Record<string, string> = {
      SSN: '123456789',
      // Wise's own example (https://docs.wise.com/api-reference/profile, "Financial Capacity Brazil").
      FINANCIAL_CAPACITY_BR: '150000.00',
      CPF_CNPJ: cpf('698765432'),
    };
    for (const type of DOCUMENT_TYPES) {
      const body: Record<string, unknown> = {
        type,
        uniqueIdentifier: identifiers[type] ?? 'AA299822313',
        firstName: 'Ana',
        lastName: 'Souza',
        issueDate: '2017-12-31',
        expiryDate: '2027-12-31',
        issuerCountry: 'BR',
        issuerState: 'SP',
        nationality: 'BRA',
      };
      if (type === 'EMIRATES_EMPLOYER')
        Object.assign(body, { employerName: 'ACME', employerCity: 'Dubai', employerCountry: 'AE' });
      const res = await submitDocument(p, c.token, c.profileId, body);
      assert.equal(res.status, 200, `${type}: ${res.text}`);
    }
    const docs = await p.platform.stores.verificationDocuments.listByProfile(c.profileId);
    assert.deepEqual(
      docs.map((d) => d.type),
      [...DOCUMENT_TYPES],
    );
    const employer = docs.find((d) => d.type === 'EMIRATES_EMPLOYER')!;
    assert.deepEqual(employer.extra, { employerName: 'ACME', employerCity: 'Dubai', employerCountry: 'AE' });
    assert.equal(employer.nationality, 'BR');
    assert.equal(employer.expiryDate, '2027-12-31');
  });

  const INVALID: [string, Record<string, unknown>, string[]][] = [
    ['type missing', { uniqueIdentifier: 'AA1' }, ['type:MISSING']],
    ['type unknown', { type: 'LIBRARY_CARD', uniqueIdentifier: 'AA1' }, ['type:ERROR']],
    ['uniqueIdentifier missing', { type: 'PASSPORT' }, ['uniqueIdentifier:MISSING']],
    [
      'uniqueIdentifier 31 characters',
      { type: 'PASSPORT', uniqueIdentifier: 'A'.repeat(31) },
      ['uniqueIdentifier:ERROR'],
    ],
    [
      'uniqueIdentifier a number',
      { type: 'PASSPORT', uniqueIdentifier: 123 },
      ['uniqueIdentifier:UNEXPECTED'],
    ],
    ['SSN not 9 digits', { type: 'SSN', uniqueIdentifier: '123-45-6789' }, ['uniqueIdentifier:ERROR']],
    [
      'FINANCIAL_CAPACITY_BR not digits',
      { type: 'FINANCIAL_CAPACITY_BR', uniqueIdentifier: '10k' },
      ['uniqueIdentifier:ERROR'],
    ],
    [
      'issueDate not a date',
      { type: 'PASSPORT', uniqueIdentifier: 'A1', issueDate: '2023-02-29' },
      ['issueDate:ERROR'],
    ],
    [
      'issueDate in the future',
      { type: 'PASSPORT', uniqueIdentifier: 'A1', issueDate: '2026-11-24' },
      ['issueDate:ERROR'],
    ],
    [
      'expiryDate before issueDate',
      { type: 'PASSPORT', uniqueIdentifier: 'A1', issueDate: '2020-01-01', expiryDate: '2019-12-31' },
      ['expiryDate:ERROR'],
    ],
    [
      'issuerCountry unknown',
      { type: 'PASSPORT', uniqueIdentifier: 'A1', issuerCountry: 'ZZ' },
      ['issuerCountry:ERROR'],
    ],
    [
      'nationality unknown',
      { type: 'PASSPORT', uniqueIdentifier: 'A1', nationality: 'Brazil' },
      ['nationality:ERROR'],
    ],
    [
      'issuerState too long',
      { type: 'PASSPORT', uniqueIdentifier: 'A1', issuerState: 'X'.repeat(11) },
      ['issuerState:ERROR'],
    ],
    [
      'employerName on a passport',
      { type: 'PASSPORT', uniqueIdentifier: 'A1', employerName: 'ACME' },
      ['employerName:UNEXPECTED'],
    ],
    [
      'everything at once',
      { firstName: 7, issueDate: 'x' },
      ['firstName:UNEXPECTED', 'issueDate:ERROR', 'type:MISSING', 'uniqueIdentifier:MISSING'],
    ],
  ];
  for (const [name, body, expected] of INVALID) {
    test(`422: ${name}`, async () => {
      const c = await customer();
      const res = await submitDocument(p, c.token, c.profileId, body);
      assert.equal(res.status, 422, res.text);
      assert.deepEqual(codes(res), [...expected].sort());
    });
  }

  test('a profile the token was not granted is a 404; odd ids are 404s; client tokens are refused', async () => {
    const c = await customer();
    const foreign = await grantedToken(p, other.clientId, c.userId, [], 'registration_code');
    const hidden = await submitDocument(p, foreign, c.profileId, cpfDoc(cpf('612345678')));
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.errors[0].code, 'NOT_FOUND');
    const narrow = await grantedToken(p, other.clientId, c.userId, [c.profileId]);
    assert.equal((await submitDocument(p, narrow, c.profileId, cpfDoc(cpf('612345678')))).status, 200);
    for (const id of ['abc', '0', '-5', '99999999999', '3000000']) {
      assert.equal((await submitDocument(p, c.token, id, cpfDoc(cpf('612345679')))).status, 404, id);
    }
    assert.equal(
      (await submitDocument(p, partner.clientToken, c.profileId, cpfDoc(cpf('612345678')))).status,
      403,
    );
  });

  test('business profiles take no verification documents', async () => {
    const c = await customer();
    const business = await p.platform.stores.profiles.create(
      newBusinessProfile(
        c.userId,
        {
          businessName: 'Souza ME',
          registrationNumber: '11222333000181',
          address: { addressFirstLine: 'Rua 1', city: 'Recife', countryIso3Code: 'BRA' },
        },
        partner.clientId,
      ),
      p.clock.now(),
    );
    assert.notEqual(business, 'conflict');
    if (business === 'conflict') return;
    const res = await submitDocument(p, c.token, business.id, cpfDoc('11.222.333/0001-81'));
    assert.equal(res.status, 422);
    assert.deepEqual(codes(res), ['profileId:ERROR']);
  });
});
