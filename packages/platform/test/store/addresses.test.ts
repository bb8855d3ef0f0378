import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Address } from '../../src/store/profiles.js';
import { at, BACKEND, client, inParallel, personalProfile, storeFixture, t0 } from './support.js';

const f = storeFixture();

const street = (n: number): Address => ({
  addressFirstLine: `${n} Sunflower Ave`,
  city: 'Phoenix',
  countryIso3Code: 'usa',
  postCode: '10025',
  stateCode: 'AZ',
});

async function profileOf(over: Parameters<typeof personalProfile>[2] = {}) {
  const user = await f.newUser('abank');
  const created = await f.stores.profiles.create(personalProfile(user.id, 'abank', over), t0);
  assert.notEqual(created, 'conflict');
  if (created === 'conflict') throw new Error('conflict');
  return created;
}

describe(`AddressStore (${BACKEND})`, () => {
  before(() => f.stores.clients.save(client('abank')));

  test('a profile created with an address has that address under an id of its own', async () => {
    const profile = await profileOf();
    assert.equal(typeof profile.addressId, 'number');
    const row = await f.stores.addresses.findById(profile.addressId!);
    assert.deepEqual(row, {
      id: profile.addressId,
      profileId: profile.id,
      address: profile.address,
      occupations: profile.occupations,
      createdAt: t0,
    });
    assert.deepEqual(await f.stores.profiles.findById(profile.id), profile);
  });

  test('a profile created without an address has no address id and no addresses', async () => {
    const profile = await profileOf({ address: null });
    assert.equal(profile.addressId, null);
    assert.deepEqual(await f.stores.addresses.listByProfile(profile.id), []);
  });

  test('addCurrent saves a new address and makes it the profile\u2019s, keeping the old one listed', async () => {
    const profile = await profileOf({ address: null, occupations: null });
    const first = await f.stores.addresses.addCurrent(profile.id, street(1), null, at(1));
    const second = await f.stores.addresses.addCurrent(
      profile.id,
      street(2),
      [{ code: 'Software Engineer', format: 'FREE_FORM' }],
      at(2),
    );
    assert.ok(first && second && second.id > first.id);
    assert.deepEqual(second.address, street(2));
    const now = await f.stores.profiles.findById(profile.id);
    assert.equal(now?.addressId, second.id);
    assert.deepEqual(now?.address, street(2));
    assert.deepEqual(now?.occupations, [{ code: 'Software Engineer', format: 'FREE_FORM' }]);
    assert.deepEqual(now?.updatedAt, at(2));
    assert.deepEqual(
      (await f.stores.addresses.listByProfile(profile.id)).map((a) => a.id),
      [first.id, second.id],
    );
    assert.deepEqual(await f.stores.addresses.findById(first.id), first);
  });

  test('addCurrent without occupations keeps the profile\u2019s and copies them onto the address', async () => {
    const profile = await profileOf({ address: null });
    const added = await f.stores.addresses.addCurrent(profile.id, street(3), null, at(1));
    assert.deepEqual(added?.occupations, profile.occupations);
    assert.deepEqual((await f.stores.profiles.findById(profile.id))?.occupations, profile.occupations);
  });

  test('addCurrent for a profile that does not exist is null; unknown ids find nothing', async () => {
    assert.equal(await f.stores.addresses.addCurrent(1999999999, street(1), null, t0), null);
    assert.equal(await f.stores.addresses.findById(1999999999), null);
    assert.deepEqual(await f.stores.addresses.listByProfile(1999999999), []);
  });

  test('ten parallel addCurrent calls: ten addresses, the profile shows exactly one of them, whole', async () => {
    const profile = await profileOf({ address: null });
    const added = await inParallel(10, (i) =>
      f.stores.addresses.addCurrent(profile.id, street(i), null, at(i)),
    );
    const ids = added.map((a) => a!.id);
    assert.equal(new Set(ids).size, 10);
    const now = await f.stores.profiles.findById(profile.id);
    const current = added.find((a) => a!.id === now?.addressId);
    assert.ok(current, 'the current address is one of those added');
    assert.deepEqual(now?.address, current!.address);
    assert.equal((await f.stores.addresses.listByProfile(profile.id)).length, 10);
  });

  test('any write of a new address value gives it a new id and row (a v2 update, say); others keep it', async () => {
    const profile = await profileOf();
    const first = profile.addressId!;
    const write = (sql: string, params: unknown[]) => f.db.query(sql, [profile.id, ...params]);
    const current = async () => (await f.stores.profiles.findById(profile.id))!;

    await write('update profiles set first_name = $2 where id = $1', ['Bia']);
    assert.equal((await current()).addressId, first, 'other columns keep the address id');
    await write('update profiles set address = $2 where id = $1', [JSON.stringify(profile.address)]);
    assert.equal((await current()).addressId, first, 'the same address value keeps its id');
    await write('update profiles set address = $2 where id = $1', [
      JSON.stringify({ ...profile.address, id: 5 }),
    ]);
    assert.equal((await current()).addressId, first, 'an id key inside the value is not part of it');

    await write('update profiles set address = $2 where id = $1', [JSON.stringify(street(9))]);
    const moved = await current();
    assert.ok(moved.addressId! > first);
    assert.deepEqual(moved.address, street(9));
    assert.deepEqual((await f.stores.addresses.findById(moved.addressId!))?.address, street(9));
    assert.deepEqual(
      (await f.stores.addresses.listByProfile(profile.id)).map((a) => a.id),
      [first, moved.addressId],
    );

    await write('update profiles set address = null where id = $1', []);
    assert.equal((await current()).addressId, null, 'no address, no address id');
  });
});
