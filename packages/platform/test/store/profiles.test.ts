import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { parseBusinessProfile } from '../../src/profiles/index.js';
import type { NewProfile } from '../../src/store/profiles.js';
import { at, BACKEND, client, personalProfile, storeFixture, t0 } from './support.js';

const f = storeFixture();
const businessNamed = (businessName: string) =>
  parseBusinessProfile({ businessName }, { source: 'hosted' }).business;

describe(`ProfileStore (${BACKEND})`, () => {
  before(async () => {
    await f.stores.clients.save(client('pbank'));
    await f.stores.clients.save(client('pother'));
  });
  const personal = (userId: number, over: Partial<NewProfile> = {}) => personalProfile(userId, 'pbank', over);

  test('create returns the record with ids and times; findById returns the same', async () => {
    const user = await f.newUser('pbank');
    const created = await f.stores.profiles.create(personal(user.id), t0);
    assert.notEqual(created, 'conflict');
    if (created === 'conflict') return;
    const { id, publicId, addressId, createdAt, updatedAt, ...rest } = created;
    assert.equal(typeof addressId, 'number');
    assert.equal(typeof id, 'number');
    assert.match(publicId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(createdAt, t0);
    assert.deepEqual(updatedAt, t0);
    assert.deepEqual(rest, personal(user.id));
    assert.deepEqual(await f.stores.profiles.findById(id), created);
    assert.equal(await f.stores.profiles.findById(999), null);
  });

  test('one personal profile per user; business profiles are not limited', async () => {
    const user = await f.newUser('pbank');
    assert.notEqual(await f.stores.profiles.create(personal(user.id), t0), 'conflict');
    assert.equal(await f.stores.profiles.create(personal(user.id, { firstName: 'Other' }), t0), 'conflict');
    const business = (name: string) =>
      personal(user.id, {
        type: 'BUSINESS',
        firstName: null,
        lastName: null,
        dateOfBirth: null,
        business: businessNamed(name),
      });
    assert.notEqual(await f.stores.profiles.create(business('A Ltda'), at(1)), 'conflict');
    assert.notEqual(await f.stores.profiles.create(business('B Ltda'), at(2)), 'conflict');
    const list = await f.stores.profiles.listByUser(user.id);
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
    const user = await f.newUser('pbank');
    const created = await f.stores.profiles.create(personal(user.id, { dateOfBirth: '2000-01-01' }), t0);
    assert.notEqual(created, 'conflict');
    assert.equal((created as { dateOfBirth: string }).dateOfBirth, '2000-01-01');
  });

  test('listForGrant: the granted profiles, plus the partner-created ones for registration-code grants', async () => {
    const user = await f.newUser('pbank');
    const own = await f.stores.profiles.create(personal(user.id), t0);
    const foreign = await f.stores.profiles.create(
      personal(user.id, { type: 'BUSINESS', createdByClientId: 'pother', business: businessNamed('X') }),
      t0,
    );
    if (own === 'conflict' || foreign === 'conflict') assert.fail('conflict');
    const ids = async (g: {
      clientId: string;
      userId: number | null;
      grantType: string;
      profileIds: number[];
    }) => (await f.stores.profiles.listForGrant(g)).map((p) => p.id);
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
    const stranger = await f.newUser('pbank');
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
