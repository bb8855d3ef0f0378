import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseResponseError } from './errors.js';
import { isValidationError, isWiseApiError } from './guards.js';
import {
  type CreatePersonalProfileInput,
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

const profileInput: CreatePersonalProfileInput = {
  firstName: 'Ana',
  lastName: 'Silva',
  address: { addressFirstLine: 'Rua A 1', city: 'São Paulo', countryIso3Code: 'BRA', stateCode: 'SP' },
  dateOfBirth: '1990-04-01',
  contactDetails: { email: 'ana@example.com', phoneNumber: '+5511987654321' },
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

describe('createPersonalProfile', () => {
  it('POSTs the profile with a generated X-idempotence-uuid', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, personal)));
    assert.deepEqual(await client.createPersonalProfile('user-token', profileInput), personal);
    const request = requests[0];
    assert.equal(request?.url, 'http://localhost:4000/v2/profiles/personal-profile');
    assert.equal(request?.headers.get('authorization'), 'Bearer user-token');
    assert.match(
      request?.headers.get('x-idempotence-uuid') ?? '',
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.deepEqual(request?.json, profileInput);
  });

  it('uses the given idempotency key', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, personal)));
    await client.createPersonalProfile('t', profileInput, { idempotencyKey: 'customer-42-profile' });
    assert.equal(requests[0]?.headers.get('x-idempotence-uuid'), 'customer-42-profile');
  });

  it('is retried, with the same key on every attempt', async () => {
    const { client, requests } = testClient(
      fakeFetch(new Error('ECONNRESET'), text(503, ''), json(201, personal)),
    );
    await client.createPersonalProfile('t', profileInput);
    assert.equal(requests.length, 3);
    const keys = new Set(requests.map((r) => r.headers.get('x-idempotence-uuid')));
    assert.equal(keys.size, 1);
  });

  it('generates a new key per call', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, personal)));
    await client.createPersonalProfile('t', profileInput);
    await client.createPersonalProfile('t', profileInput);
    assert.notEqual(
      requests[0]?.headers.get('x-idempotence-uuid'),
      requests[1]?.headers.get('x-idempotence-uuid'),
    );
  });

  it('throws 422 validation failures with code and path, and 409 for an existing profile', async () => {
    const invalid = {
      errors: [{ code: 'MISSING', message: 'required', path: 'address.city', arguments: [] }],
    };
    const a = testClient(fakeFetch(json(422, invalid)));
    assert.ok(
      isValidationError(
        await a.client.createPersonalProfile('t', profileInput).catch((e: unknown) => e),
        'MISSING',
        'address.city',
      ),
    );
    const b = testClient(fakeFetch(json(409, { errors: [{ code: 'NOT_UNIQUE', message: 'x' }] })));
    assert.ok(
      isWiseApiError(await b.client.createPersonalProfile('t', profileInput).catch((e: unknown) => e), 409),
    );
  });

  it('rejects a created profile that is not personal', async () => {
    const { client } = testClient(fakeFetch(json(200, business)));
    await assert.rejects(client.createPersonalProfile('t', profileInput), WiseResponseError);
  });
});
