// Wise's sandbox CPF rules, as a table (https://docs.wise.com/guides/regional/brazil/cpf-cnpj-and-financial-capacity,
// "Testing CPF/CNPJ" and "CPF/CNPJ Errors in Sandbox").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  brazilianProfile,
  cpf,
  cpfDoc,
  createPersonal,
  type Partner,
  signUp,
  submitDocument,
} from './support.js';

const TEST_USER = { firstName: 'Test', lastName: 'User', dateOfBirth: '2000-01-01' };
type Row = [profile: Record<string, string>, firstDigit: number, expected: string | null];

/** null: accepted, `{"errorMessage": null, "success": true}`; else the 422 `errorMessage`. */
const TABLE: Row[] = [
  ...[6, 7, 8, 9].map((d): Row => [TEST_USER, d, null]),
  [TEST_USER, 0, 'NOT_ASSIGNED'],
  [TEST_USER, 1, 'NAME_MISMATCH'],
  [TEST_USER, 2, 'DOB_MISMATCH'],
  [TEST_USER, 3, 'IRREGULAR'],
  [TEST_USER, 4, 'NOT_CHECKED'],
  [TEST_USER, 5, 'BELONG_TO_MINOR'],
  // "The error will either correspond to NAME_MISMATCH if firstName or lastName are incorrect or DOB_MISMATCH if DOB is incorrect."
  [{ ...TEST_USER, firstName: 'Ana' }, 7, 'NAME_MISMATCH'],
  [{ ...TEST_USER, lastName: 'Souza' }, 8, 'NAME_MISMATCH'],
  [{ ...TEST_USER, firstName: 'test', lastName: 'user' }, 9, 'NAME_MISMATCH'],
  [{ ...TEST_USER, dateOfBirth: '2000-01-02' }, 6, 'DOB_MISMATCH'],
  [{ ...TEST_USER, dateOfBirth: '1990-05-17' }, 9, 'DOB_MISMATCH'],
  // (ours) Both wrong: the name is checked first.
  [{ firstName: 'Ana', lastName: 'Souza', dateOfBirth: '1990-05-17' }, 7, 'NAME_MISMATCH'],
  // The first digit forces its error whoever the profile is.
  [{ firstName: 'Ana', lastName: 'Souza', dateOfBirth: '1990-05-17' }, 3, 'IRREGULAR'],
  [{ ...TEST_USER, dateOfBirth: '1990-05-17' }, 1, 'NAME_MISMATCH'],
];

describe('sandbox CPF rules of the Brazil guide, as a table', () => {
  let p: TestPlatform;
  let partner: Partner;
  let n = 0;

  // The same person on a second account is a 409 (contract §8), except Wise's sandbox person (Test User,
  // born 2000-01-01): a row naming another person an earlier row made submits its CPF on that profile.
  const made = new Map<string, { token: string; profileId: number }>();
  async function profileOf(person: Record<string, string>) {
    const key = JSON.stringify(person);
    const earlier = made.get(key);
    if (earlier) return earlier;
    const sandboxPerson = key === JSON.stringify(TEST_USER);
    const user = await signUp(p, partner);
    const res = await createPersonal(p, user.token, brazilianProfile(person));
    assert.equal(res.status, 200, res.text);
    const profile = { token: user.token, profileId: res.body.id as number };
    if (!sandboxPerson) made.set(key, profile);
    return profile;
  }

  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());

  for (const [person, digit, expected] of TABLE) {
    const who = `${person.firstName} ${person.lastName} born ${person.dateOfBirth}`;
    test(`${who}, CPF starting ${digit}: ${expected ?? 'accepted'}`, async () => {
      const c = await profileOf(person);
      // A CPF is used once per partner: every row its own (G-BR "a CPF can only be used once per client key").
      const value = cpf(`${digit}${String(++n).padStart(8, '0')}`);
      const res = await submitDocument(p, c.token, c.profileId, cpfDoc(value));
      if (expected === null) {
        assert.equal(res.status, 200, res.text);
        assert.equal(res.text, '{"errorMessage":null,"success":true}');
      } else {
        assert.equal(res.status, 422, res.text);
        assert.deepEqual(res.body, { errorMessage: expected, success: false });
        assert.deepEqual(await p.platform.stores.verificationDocuments.listByProfile(c.profileId), []);
      }
    });
  }

  test("the profile's name counts, not the names sent with the document", async () => {
    const c = await profileOf({ firstName: 'Ana', lastName: 'Souza', dateOfBirth: '2000-01-01' });
    const res = await submitDocument(p, c.token, c.profileId, {
      ...cpfDoc(cpf('712340001')),
      firstName: 'Test',
      lastName: 'User',
    });
    assert.deepEqual(res.body, { errorMessage: 'NAME_MISMATCH', success: false });
  });

  test("Wise's own payloads: CPF 938.936.652-69 and FINANCIAL_CAPACITY_BR 150000.00 (https://docs.wise.com/api-reference/profile)", async () => {
    const c = await profileOf(TEST_USER);
    for (const body of [
      { type: 'CPF_CNPJ', uniqueIdentifier: '938.936.652-69' },
      { type: 'FINANCIAL_CAPACITY_BR', uniqueIdentifier: '150000.00' },
    ]) {
      const res = await submitDocument(p, c.token, c.profileId, body);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body, { errorMessage: null, success: true });
    }
    for (const bad of ['150000.', '1.234', '-5', '150,000.00', '1e5']) {
      const res = await submitDocument(p, c.token, c.profileId, {
        type: 'FINANCIAL_CAPACITY_BR',
        uniqueIdentifier: bad,
      });
      assert.equal(res.status, 422, bad);
      assert.equal(res.body.errors[0].path, 'uniqueIdentifier', bad);
    }
  });
});
