import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { NewDirector, NewUbo } from '../../src/store/business-people.js';
import { BACKEND, client, inParallel, personalProfile, storeFixture, t0 } from './support.js';

const f = storeFixture();

const director = (firstName: string): NewDirector => ({
  firstName,
  lastName: 'Doe',
  dateOfBirth: '1982-05-20',
  countryOfResidenceIso3Code: 'usa',
});

const ubo = (name: string, ownershipPercentage: number | null = 30): NewUbo => ({
  name,
  dateOfBirth: '1981-12-07',
  countryOfResidenceIso3Code: 'usa',
  addressFirstLine: '123 Fake St',
  postCode: 'FK 12345',
  ownershipPercentage,
});

async function businessId(): Promise<number> {
  const user = await f.newUser('bbank');
  const created = await f.stores.profiles.create(personalProfile(user.id, 'bbank'), t0);
  if (created === 'conflict') throw new Error('conflict');
  return created.id;
}

describe(`BusinessPeopleStore (${BACKEND})`, () => {
  before(() => f.stores.clients.save(client('bbank')));

  test('directors: add appends in order with integer ids, list reads them back, replace swaps them all', async () => {
    const id = await businessId();
    assert.deepEqual(await f.stores.businessPeople.listDirectors(id), []);
    const added = await f.stores.businessPeople.addDirectors(id, [director('John'), director('Jane')], t0);
    assert.deepEqual(
      added.map(({ id: _, ...d }) => d),
      [director('John'), director('Jane')],
    );
    assert.ok(added.every((d) => Number.isInteger(d.id)));
    const more = await f.stores.businessPeople.addDirectors(id, [director('Oliver')], t0);
    assert.deepEqual(
      more.map((d) => d.firstName),
      ['John', 'Jane', 'Oliver'],
    );
    assert.deepEqual(await f.stores.businessPeople.listDirectors(id), more);
    const replaced = await f.stores.businessPeople.replaceDirectors(id, [director('Ann')], t0);
    assert.deepEqual(
      replaced.map((d) => d.firstName),
      ['Ann'],
    );
    assert.ok(!more.some((d) => d.id === replaced[0]!.id), 'a replaced list has new ids');
  });

  test('UBOs: 32-hex ids, a null ownership percentage kept, lists per profile', async () => {
    const id = await businessId();
    const other = await businessId();
    const added = await f.stores.businessPeople.addUbos(id, [ubo('John Doe'), ubo('Jane Doe', null)], t0);
    assert.deepEqual(
      added.map(({ id: _, ...u }) => u),
      [ubo('John Doe'), ubo('Jane Doe', null)],
    );
    assert.ok(added.every((u) => /^[0-9a-f]{32}$/.test(u.id)));
    assert.deepEqual(await f.stores.businessPeople.listUbos(other), []);
    assert.deepEqual(await f.stores.businessPeople.replaceUbos(id, [], t0), []);
    assert.deepEqual(await f.stores.businessPeople.listUbos(id), []);
  });

  test('ten parallel replaces leave exactly one caller\u2019s list; ten parallel adds keep all', async () => {
    const id = await businessId();
    await inParallel(10, (i) =>
      f.stores.businessPeople.replaceDirectors(id, [director(`A${i}`), director(`B${i}`)], t0),
    );
    const names = (await f.stores.businessPeople.listDirectors(id)).map((d) => d.firstName);
    assert.equal(names.length, 2);
    assert.equal(names[0]!.slice(1), names[1]!.slice(1), `one caller's list: ${names}`);
    const other = await businessId();
    await inParallel(10, (i) => f.stores.businessPeople.addUbos(other, [ubo(`Owner ${i}`)], t0));
    assert.equal((await f.stores.businessPeople.listUbos(other)).length, 10);
  });
});
