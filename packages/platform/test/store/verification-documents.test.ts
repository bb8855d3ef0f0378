import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { NewVerificationDocument } from '../../src/store/verification-documents.js';
import { at, BACKEND, inParallel, personalProfile, storeFixture, t0 } from './support.js';

const f = storeFixture(async (f) => {
  await f.addClient('vbank');
  await f.addClient('vother');
});

describe(`VerificationDocumentStore (${BACKEND})`, () => {
  const profiles: number[] = [];
  before(async () => {
    for (let n = 0; n < 3; n++) {
      const user = await f.newUser();
      const profile = await f.stores.profiles.create(personalProfile(user.id, 'vbank'), t0);
      if (profile === 'conflict') assert.fail('conflict');
      profiles.push(profile.id);
    }
  });
  const doc = (profileId: number, over: Partial<NewVerificationDocument> = {}): NewVerificationDocument => ({
    profileId,
    clientId: 'vbank',
    type: 'CPF_CNPJ',
    identifierHash: 'cpf-1',
    identifierLastDigits: '1234',
    firstName: 'Ana',
    lastName: 'Silva',
    issueDate: '2020-01-31',
    expiryDate: null,
    issuerCountry: 'BR',
    issuerState: null,
    nationality: 'BRA',
    extra: { employerName: 'ACME' },
    ...over,
  });

  test('create returns the document with id and time; listByProfile returns them in order', async () => {
    const [a] = profiles;
    const first = await f.stores.verificationDocuments.create(doc(a!), t0);
    const second = await f.stores.verificationDocuments.create(
      doc(a!, { type: 'PASSPORT', identifierHash: 'pp-1', extra: null, expiryDate: '2030-12-01' }),
      at(1),
    );
    if ('usedBy' in first || 'usedBy' in second) assert.fail('refused');
    const { id, createdAt, ...rest } = first;
    assert.equal(typeof id, 'number');
    assert.deepEqual(createdAt, t0);
    assert.deepEqual(rest, doc(a!));
    assert.deepEqual(await f.stores.verificationDocuments.listByProfile(a!), [first, second]);
    assert.deepEqual(await f.stores.verificationDocuments.listByProfile(999_999), []);
  });

  test("listRecent: every partner's documents, newest first, at most the limit", async () => {
    const [, b, c] = profiles;
    const older = await f.stores.verificationDocuments.create(
      doc(b!, { clientId: 'vother', type: 'PASSPORT', identifierHash: 'pp-recent-1' }),
      at(100),
    );
    const newer = await f.stores.verificationDocuments.create(
      doc(c!, { type: 'PASSPORT', identifierHash: 'pp-recent-2' }),
      at(200),
    );
    if ('usedBy' in older || 'usedBy' in newer) assert.fail('refused');
    assert.deepEqual(await f.stores.verificationDocuments.listRecent(2), [newer, older]);
    assert.deepEqual((await f.stores.verificationDocuments.listRecent(1)).length, 1);
  });

  test('a CPF/CNPJ is used once per partner: again, it names the profile it was used for', async () => {
    const [a, b] = profiles;
    assert.deepEqual(await f.stores.verificationDocuments.create(doc(b!), at(2)), { usedBy: a });
    assert.deepEqual(
      await f.stores.verificationDocuments.create(doc(a!), at(2)),
      { usedBy: a },
      'same profile',
    );
    const elsewhere = await f.stores.verificationDocuments.create(doc(b!, { clientId: 'vother' }), at(2));
    assert.ok(!('usedBy' in elsewhere), 'another partner may use it');
    const passport = await f.stores.verificationDocuments.create(
      doc(b!, { type: 'PASSPORT', identifierHash: 'pp-1' }),
      at(2),
    );
    assert.ok(!('usedBy' in passport), 'only CPF/CNPJ are unique');
  });

  test('10 concurrent creates of one new CPF for two profiles: one row, every other told who has it', async () => {
    const [, b, c] = profiles;
    const results = await inParallel(10, (i) =>
      f.stores.verificationDocuments.create(doc(i % 2 ? b! : c!, { identifierHash: 'cpf-race' }), at(3)),
    );
    const created = results.filter((r) => !('usedBy' in r));
    assert.equal(created.length, 1);
    const owner = (created[0] as { profileId: number }).profileId;
    for (const r of results) if ('usedBy' in r) assert.equal(r.usedBy, owner);
  });
});
