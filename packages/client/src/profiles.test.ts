import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseResponseError } from './errors.js';
import { isWiseApiError } from './guards.js';
import {
  dateOfBirthMatches,
  dateOfBirthOf,
  isPersonalProfile,
  type LegacyProfile,
  type Profile,
} from './profiles.js';
import { fakeFetch, json, text } from './testing/fake-fetch.js';
import { testClient } from './testing/test-client.js';
import type { WiseUser } from './users.js';

const personal: Profile = {
  type: 'PERSONAL',
  id: 101,
  publicId: 'a1b2c3d4-e5f6-7890-1234-567890abcdef',
  userId: 12345,
  address: { addressFirstLine: 'Rua A 1', city: 'São Paulo', countryIso3Code: 'BRA', postCode: '01000-000' },
  email: 'ana@example.com',
  createdAt: '2026-01-01T00:00:00',
  updatedAt: '2026-01-01T00:00:00',
  currentState: 'VISIBLE',
  contactDetails: { email: 'ana@example.com', phoneNumber: '+5511987654321' },
  firstName: 'Ana',
  lastName: 'Silva',
  preferredName: null,
  dateOfBirth: '1990-04-01',
  phoneNumber: '+5511987654321',
  secondaryAddresses: [],
  fullName: 'Ana Silva',
};
const business: Profile = { type: 'BUSINESS', id: 202, businessName: 'Ana Ltda' };
const legacy: LegacyProfile = {
  id: 101,
  type: 'personal',
  details: { firstName: 'Ana', dateOfBirth: '1990-04-01' },
};

describe('reading profiles', () => {
  it('lists the granted v2 profiles with the user token', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, [personal, business])));
    const profiles = await client.listProfiles('user-token');
    assert.deepEqual(profiles, [personal, business]);
    assert.equal(requests[0]?.url, 'http://localhost:4000/v2/profiles');
    assert.equal(requests[0]?.headers.get('authorization'), 'Bearer user-token');
    assert.deepEqual(
      profiles.filter(isPersonalProfile).map((p) => p.fullName),
      ['Ana Silva'],
    );
  });

  it('gets one v2 profile by id', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, personal)));
    assert.deepEqual(await client.getProfile('user-token', 101), personal);
    assert.equal(requests[0]?.url, 'http://localhost:4000/v2/profiles/101');
  });

  it('reports a profile the token was not granted as an API error', async () => {
    const { client } = testClient(fakeFetch(json(404, { errors: [{ code: 'NOT_FOUND', message: 'x' }] })));
    assert.ok(isWiseApiError(await client.getProfile('t', 999).catch((e: unknown) => e), 404));
  });

  it('lists legacy v1 profiles', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, [legacy])));
    assert.deepEqual(await client.listLegacyProfiles('user-token'), [legacy]);
    assert.equal(requests[0]?.url, 'http://localhost:4000/v1/profiles');
  });

  it('rejects bodies of the wrong shape', async () => {
    const bad = [json(200, { profiles: [] }), json(200, [{ id: '1', type: 'PERSONAL' }]), text(200, 'ok')];
    for (const response of bad) {
      const { client } = testClient(fakeFetch(response));
      await assert.rejects(client.listProfiles('t'), WiseResponseError);
    }
    const { client } = testClient(fakeFetch(json(200, [personal])));
    await assert.rejects(client.listLegacyProfiles('t'), WiseResponseError);
  });

  it('retries reads on 5xx', async () => {
    const { client, requests } = testClient(
      fakeFetch(text(502, '<html>Bad gateway</html>'), json(200, [personal])),
    );
    assert.equal((await client.listProfiles('t')).length, 1);
    assert.equal(requests.length, 2);
  });
});

describe('date of birth', () => {
  const me: WiseUser = {
    id: 1,
    name: 'Ana',
    email: 'a@e',
    active: true,
    details: { dateOfBirth: '1990-04-01' },
  };

  it('reads it from v2, legacy v1 and /v1/me shapes', () => {
    assert.equal(dateOfBirthOf(personal), '1990-04-01');
    assert.equal(dateOfBirthOf(legacy), '1990-04-01');
    assert.equal(dateOfBirthOf(me), '1990-04-01');
  });

  it('is undefined for business profiles and when missing', () => {
    assert.equal(dateOfBirthOf(business), undefined);
    assert.equal(dateOfBirthOf({ id: 2, type: 'business', details: {} }), undefined);
    assert.equal(dateOfBirthOf({ ...me, details: null }), undefined);
    assert.equal(dateOfBirthOf({ type: 'PERSONAL', id: 3, dateOfBirth: '' }), undefined);
  });

  it('matches on the calendar date only, and never on missing or malformed dates', () => {
    assert.equal(dateOfBirthMatches(personal, '1990-04-01'), true);
    assert.equal(dateOfBirthMatches(legacy, '1990-04-01'), true);
    assert.equal(dateOfBirthMatches({ ...personal, dateOfBirth: '1990-04-01T00:00:00' }, '1990-04-01'), true);
    assert.equal(dateOfBirthMatches(personal, '1990-04-02'), false);
    assert.equal(dateOfBirthMatches(personal, '01/04/1990'), false);
    assert.equal(dateOfBirthMatches(business, '1990-04-01'), false);
    assert.equal(dateOfBirthMatches({ type: 'PERSONAL', id: 3 }, ''), false);
  });
});
