import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '@account-access/db';
import { parseBusinessProfile } from '../src/profiles/index.js';
import type { ClientRecord } from '../src/store/clients.js';
import type { NewGrant } from '../src/store/grants.js';
import type { NewProfile } from '../src/store/profiles.js';
import { type Stores, sqlStores } from '../src/store/stores.js';
import { emailKey } from '../src/store/users.js';
import { testDatabase } from './support/index.js';

/**
 * The store contract: what every implementation of the narrow store interfaces must do. It runs on the
 * backend of the test run: PGlite by default, the PostgreSQL server of DATABASE_URL when it is set.
 */
let db: Database;
let stores: Stores;
before(async () => {
  db = await testDatabase();
  stores = sqlStores(db);
});
after(() => db.close());

const t0 = new Date('2026-11-23T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const client = (clientId: string, over: Partial<ClientRecord> = {}): ClientRecord => ({
  clientId,
  name: `Bank ${clientId}`,
  secretHash: `hash-of-${clientId}`,
  redirectUris: ['https://bank.example/callback'],
  isPublic: false,
  refreshTokenTtlSeconds: null,
  ...over,
});
let seq = 0;
async function newUser(createdByClientId: string | null = null) {
  const email = `user${++seq}@example.com`;
  const user = await stores.users.create({
    email,
    emailKey: emailKey(email),
    language: 'EN',
    createdByClientId,
    registrationCodeHash: createdByClientId ? 'code-hash' : null,
  });
  assert.notEqual(user, 'conflict');
  return user as Exclude<typeof user, 'conflict'>;
}

describe(`ClientStore (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  test('find of an unknown id is null', async () => {
    assert.equal(await stores.clients.find('nobody'), null);
  });

  test('save then find returns the client, redirect URIs exactly as registered', async () => {
    const uris = [
      'https://bank.example/cb?b=2&a=1',
      'https://bank.example/cb/?a=%2F',
      'bank://wise/callback',
      'http://127.0.0.1:3000/wise/callback',
      'https://bänk.example/ü',
    ];
    await stores.clients.save(client('c1', { redirectUris: uris }));
    assert.deepEqual(await stores.clients.find('c1'), client('c1', { redirectUris: uris }));
  });

  test('ids are case-sensitive', async () => {
    assert.equal(await stores.clients.find('C1'), null);
  });

  test('save replaces the client of the same id', async () => {
    await stores.clients.save(client('c2'));
    const replaced = client('c2', {
      name: 'Renamed',
      secretHash: null,
      isPublic: true,
      redirectUris: [],
      refreshTokenTtlSeconds: 3600,
    });
    await stores.clients.save(replaced);
    assert.deepEqual(await stores.clients.find('c2'), replaced);
  });
});

describe('UserStore', () => {
  before(() => stores.clients.save(client('bank')));

  test('create returns the record; find by id and by email key return it too', async () => {
    const created = await stores.users.create({
      email: 'Ana.Silva@Example.com',
      emailKey: emailKey('Ana.Silva@Example.com'),
      language: 'PT',
      createdByClientId: 'bank',
      registrationCodeHash: 'h1',
    });
    assert.notEqual(created, 'conflict');
    if (created === 'conflict') return;
    assert.equal(typeof created.id, 'number');
    assert.ok(created.createdAt instanceof Date);
    assert.deepEqual(
      { ...created, createdAt: null },
      {
        id: created.id,
        email: 'Ana.Silva@Example.com',
        language: 'PT',
        active: true,
        createdByClientId: 'bank',
        registrationCodeHash: 'h1',
        reclaimedAt: null,
        createdAt: null,
      },
    );
    assert.deepEqual(await stores.users.findById(created.id), created);
    assert.deepEqual(await stores.users.findByEmailKey('ana.silva@example.com'), created);
  });

  test('unknown id or email: null', async () => {
    assert.equal(await stores.users.findById(1), null);
    assert.equal(await stores.users.findByEmailKey('nobody@example.com'), null);
  });

  test('a taken email key is a conflict, not an error', async () => {
    const again = await stores.users.create({
      email: 'ANA.SILVA@example.com',
      emailKey: emailKey('ANA.SILVA@example.com'),
      language: 'EN',
      createdByClientId: null,
      registrationCodeHash: null,
    });
    assert.equal(again, 'conflict');
  });

  test('emailKey: one identity whatever the case, Unicode composition or surrounding spaces', () => {
    assert.equal(emailKey(' José@Example.COM '), emailKey('jose\u0301@example.com'));
  });

  test('concurrent creates of one email: one record, the rest conflicts', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        stores.users.create({
          email: 'race@example.com',
          emailKey: 'race@example.com',
          language: 'EN',
          createdByClientId: null,
          registrationCodeHash: null,
        }),
      ),
    );
    assert.equal(results.filter((r) => r !== 'conflict').length, 1);
  });
});

describe('GrantStore', () => {
  before(async () => {
    await stores.clients.save(client('gbank'));
    await stores.clients.save(client('other'));
  });
  const grant = (userId: number | null, n: number, over: Partial<NewGrant> = {}): NewGrant => ({
    clientId: 'gbank',
    userId,
    grantType: userId === null ? 'client_credentials' : 'registration_code',
    profileIds: [],
    accessTokenHash: `access-${n}`,
    accessExpiresAt: at(3600),
    refreshTokenHash: userId === null ? null : `refresh-${n}`,
    refreshExpiresAt: userId === null ? null : at(7200),
    ...over,
  });

  test('create, then findAccessToken returns the grant until the token expires', async () => {
    const user = await newUser('gbank');
    const id = await stores.grants.create(grant(user.id, 1, { profileIds: [7, 9] }), t0);
    assert.equal(typeof id, 'string');
    assert.deepEqual(await stores.grants.findAccessToken('access-1', at(3599)), {
      grantId: id,
      clientId: 'gbank',
      userId: user.id,
      grantType: 'registration_code',
      profileIds: [7, 9],
      expiresAt: at(3600),
    });
    assert.equal(await stores.grants.findAccessToken('access-1', at(3600)), null);
    assert.equal(await stores.grants.findAccessToken('unknown', t0), null);
  });

  test('a client-credentials grant has no user and no refresh token', async () => {
    const id = await stores.grants.create(grant(null, 2), t0);
    const found = await stores.grants.findAccessToken('access-2', t0);
    assert.equal(found?.grantId, id);
    assert.equal(found?.userId, null);
    assert.equal(
      await stores.grants.refresh(
        'refresh-2',
        'gbank',
        { accessTokenHash: 'x2', accessExpiresAt: at(10) },
        t0,
      ),
      null,
    );
  });

  test('refresh issues a new access token and revokes the previous one at once', async () => {
    const user = await newUser('gbank');
    const id = await stores.grants.create(grant(user.id, 3), t0);
    const refreshed = await stores.grants.refresh(
      'refresh-3',
      'gbank',
      { accessTokenHash: 'access-3b', accessExpiresAt: at(5000) },
      at(60),
    );
    assert.deepEqual(refreshed, { grantId: id, userId: user.id, refreshExpiresAt: at(7200) });
    assert.equal(await stores.grants.findAccessToken('access-3', at(61)), null);
    assert.equal((await stores.grants.findAccessToken('access-3b', at(61)))?.grantId, id);
  });

  test('refresh is null for another client, an unknown token or an expired one, and changes nothing', async () => {
    const user = await newUser('gbank');
    await stores.grants.create(grant(user.id, 4), t0);
    const next = { accessTokenHash: 'never', accessExpiresAt: at(5000) };
    assert.equal(await stores.grants.refresh('refresh-4', 'other', next, t0), null);
    assert.equal(await stores.grants.refresh('refresh-nope', 'gbank', next, t0), null);
    assert.equal(await stores.grants.refresh('refresh-4', 'gbank', next, at(7200)), null);
    assert.notEqual(await stores.grants.findAccessToken('access-4', t0), null);
    assert.equal(await stores.grants.findAccessToken('never', t0), null);
  });

  test('revoke ends the grant: its access tokens and its refresh token stop working', async () => {
    const user = await newUser('gbank');
    const id = await stores.grants.create(grant(user.id, 5), t0);
    await stores.grants.revoke(id, at(1));
    await stores.grants.revoke(id, at(2));
    assert.equal(await stores.grants.findAccessToken('access-5', at(3)), null);
    assert.equal(
      await stores.grants.refresh(
        'refresh-5',
        'gbank',
        { accessTokenHash: 'a5b', accessExpiresAt: at(99) },
        at(3),
      ),
      null,
    );
  });

  test('concurrent refreshes of one grant: both succeed in turn, exactly one access token stays live', async () => {
    const user = await newUser('gbank');
    await stores.grants.create(grant(user.id, 6), t0);
    const results = await Promise.all(
      ['6a', '6b', '6c'].map((n) =>
        stores.grants.refresh(
          'refresh-6',
          'gbank',
          { accessTokenHash: `access-${n}`, accessExpiresAt: at(5000) },
          at(1),
        ),
      ),
    );
    assert.ok(results.every((r) => r !== null));
    const live = await Promise.all(
      ['access-6', 'access-6a', 'access-6b', 'access-6c'].map((h) => stores.grants.findAccessToken(h, at(2))),
    );
    assert.equal(live.filter((g) => g !== null).length, 1);
  });
});

describe('ProfileStore', () => {
  before(async () => {
    await stores.clients.save(client('pbank'));
    await stores.clients.save(client('pother'));
  });
  const personal = (userId: number, over: Partial<NewProfile> = {}): NewProfile =>
    ({
      userId,
      type: 'PERSONAL',
      createdByClientId: 'pbank',
      firstName: 'Ana',
      lastName: 'Silva',
      preferredName: null,
      dateOfBirth: '1990-02-28',
      phoneNumber: '+5511987654321',
      email: 'ana@example.com',
      nationality: 'BRA',
      externalCustomerId: 'cust-1',
      address: {
        addressFirstLine: 'Rua A 1',
        city: 'São Paulo',
        countryIso3Code: 'bra',
        postCode: null,
        stateCode: 'SP',
      },
      occupations: [{ code: 'X', format: 'FREE_FORM' }],
      business: null,
      ...over,
    }) as NewProfile;
  const businessNamed = (businessName: string) =>
    parseBusinessProfile({ businessName }, { source: 'hosted' }).business;

  test('create returns the record with ids and times; findById returns the same', async () => {
    const user = await newUser('pbank');
    const created = await stores.profiles.create(personal(user.id), t0);
    assert.notEqual(created, 'conflict');
    if (created === 'conflict') return;
    const { id, publicId, createdAt, updatedAt, ...rest } = created;
    assert.equal(typeof id, 'number');
    assert.match(publicId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(createdAt, t0);
    assert.deepEqual(updatedAt, t0);
    assert.deepEqual(rest, personal(user.id));
    assert.deepEqual(await stores.profiles.findById(id), created);
    assert.equal(await stores.profiles.findById(999), null);
  });

  test('one personal profile per user; business profiles are not limited', async () => {
    const user = await newUser('pbank');
    assert.notEqual(await stores.profiles.create(personal(user.id), t0), 'conflict');
    assert.equal(await stores.profiles.create(personal(user.id, { firstName: 'Other' }), t0), 'conflict');
    const business = (name: string) =>
      personal(user.id, {
        type: 'BUSINESS',
        firstName: null,
        lastName: null,
        dateOfBirth: null,
        business: businessNamed(name),
      });
    assert.notEqual(await stores.profiles.create(business('A Ltda'), at(1)), 'conflict');
    assert.notEqual(await stores.profiles.create(business('B Ltda'), at(2)), 'conflict');
    const list = await stores.profiles.listByUser(user.id);
    assert.deepEqual(
      list.map((p) => [p.type, p.business?.businessName ?? null]),
      [
        ['PERSONAL', null],
        ['BUSINESS', 'A Ltda'],
        ['BUSINESS', 'B Ltda'],
      ],
    );
  });

  test('a date of birth comes back as the same YYYY-MM-DD, whatever the time zone', async () => {
    const user = await newUser('pbank');
    const created = await stores.profiles.create(personal(user.id, { dateOfBirth: '2000-01-01' }), t0);
    assert.notEqual(created, 'conflict');
    assert.equal((created as { dateOfBirth: string }).dateOfBirth, '2000-01-01');
  });

  test('listForGrant: the granted profiles, plus the partner-created ones for registration-code grants', async () => {
    const user = await newUser('pbank');
    const own = await stores.profiles.create(personal(user.id), t0);
    const foreign = await stores.profiles.create(
      personal(user.id, { type: 'BUSINESS', createdByClientId: 'pother', business: businessNamed('X') }),
      t0,
    );
    if (own === 'conflict' || foreign === 'conflict') assert.fail('conflict');
    const ids = async (g: {
      clientId: string;
      userId: number | null;
      grantType: string;
      profileIds: number[];
    }) => (await stores.profiles.listForGrant(g)).map((p) => p.id);
    assert.deepEqual(
      await ids({ clientId: 'pbank', userId: user.id, grantType: 'registration_code', profileIds: [] }),
      [own.id],
    );
    assert.deepEqual(
      await ids({ clientId: 'pother', userId: user.id, grantType: 'authorization_code', profileIds: [] }),
      [],
    );
    assert.deepEqual(
      await ids({
        clientId: 'pother',
        userId: user.id,
        grantType: 'authorization_code',
        profileIds: [foreign.id],
      }),
      [foreign.id],
    );
    // A profile id of another user never leaks through a grant.
    const stranger = await newUser('pbank');
    assert.deepEqual(
      await ids({
        clientId: 'pbank',
        userId: stranger.id,
        grantType: 'authorization_code',
        profileIds: [own.id],
      }),
      [],
    );
    assert.deepEqual(
      await ids({ clientId: 'pbank', userId: null, grantType: 'client_credentials', profileIds: [own.id] }),
      [],
    );
  });
});
