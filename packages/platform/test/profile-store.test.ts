import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Database } from '@account-access/db';
import type { Stores } from '../src/store/stores.js';
import { sqlStores } from '../src/store/stores.js';
import { testDatabase } from './support/index.js';

let db: Database;
let stores: Stores;
before(async () => {
  db = await testDatabase();
  stores = sqlStores(db);
});
after(() => db.close());

const now = new Date('2026-11-23T10:00:00Z');
const personal = (userId: number) => ({
  userId,
  type: 'PERSONAL' as const,
  createdByClientId: 'bank',
  firstName: 'Ana',
  lastName: 'Silva',
  preferredName: null,
  dateOfBirth: '1990-02-28',
  phoneNumber: '+5511987654321',
  email: 'ana@example.com',
  nationality: 'BRA',
  externalCustomerId: null,
  address: { addressFirstLine: 'Rua A 1', city: 'São Paulo', countryIso3Code: 'bra', stateCode: 'SP' },
  occupations: null,
  business: null,
});

test('profile store: one personal profile per user, dates as text, grant scoping', async () => {
  await stores.clients.save({
    clientId: 'bank',
    name: 'Bank',
    secretHash: null,
    redirectUris: [],
    isPublic: true,
    refreshTokenTtlSeconds: null,
  });
  const user = await stores.users.create({
    email: 'ana@example.com',
    emailKey: 'ana@example.com',
    language: 'PT',
    createdByClientId: 'bank',
    registrationCodeHash: 'h',
  });
  assert.notEqual(user, 'conflict');
  if (user === 'conflict') return;
  const first = await stores.profiles.create(personal(user.id), now);
  assert.notEqual(first, 'conflict');
  if (first === 'conflict') return;
  assert.equal(first.dateOfBirth, '1990-02-28');
  assert.equal(first.address?.city, 'São Paulo');
  assert.equal(await stores.profiles.create(personal(user.id), now), 'conflict');

  const regGrant = { clientId: 'bank', userId: user.id, grantType: 'registration_code', profileIds: [] };
  assert.deepEqual(
    (await stores.profiles.listForGrant(regGrant)).map((p) => p.id),
    [first.id],
  );
  const otherPartner = { ...regGrant, clientId: 'other' };
  assert.deepEqual(await stores.profiles.listForGrant(otherPartner), []);
  const codeGrant = {
    clientId: 'other',
    userId: user.id,
    grantType: 'authorization_code',
    profileIds: [first.id],
  };
  assert.deepEqual(
    (await stores.profiles.listForGrant(codeGrant)).map((p) => p.id),
    [first.id],
  );
});
