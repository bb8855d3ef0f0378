import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { parseBusinessProfile } from '../../src/profiles/index.js';
import type { NewBusinessProfile, NewPersonalProfile, NewProfile } from '../../src/store/profiles.js';
import { at, BACKEND, client, personalProfile, storeFixture, t0 } from './support.js';

const f = storeFixture();
/** A grant id no grant has. */
const NO_GRANT = '00000000-0000-4000-8000-000000000000';
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
    const {
      id,
      publicId,
      addressId,
      createdAt,
      updatedAt,
      accountEmail,
      version,
      updateWindowOpenedAt,
      ...rest
    } = created;
    assert.equal(typeof addressId, 'number');
    assert.equal(accountEmail, user.email);
    assert.equal(version, 1);
    assert.equal(updateWindowOpenedAt, null);
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
    }) => (await f.stores.profiles.listForGrant({ grantId: NO_GRANT, ...g })).map((p) => p.id);
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

  const newGrant = (userId: number, clientId: string, grantType: string) =>
    f.stores.grants.create(
      {
        clientId,
        userId,
        grantType,
        profileIds: [],
        accessTokenHash: `pa-${crypto.randomUUID()}`,
        accessExpiresAt: at(3600),
        refreshTokenHash: null,
        refreshExpiresAt: null,
      },
      t0,
    );

  test('listForGrant: a profile created through a grant is that grant’s, whatever its type', async () => {
    const user = await f.newUser('pbank');
    const linked = await newGrant(user.id, 'pbank', 'authorization_code');
    const later = await newGrant(user.id, 'pbank', 'authorization_code');
    const other = await newGrant(user.id, 'pother', 'authorization_code');
    const created = await f.stores.profiles.create({ ...personal(user.id), createdByGrantId: linked }, t0);
    if (created === 'conflict') return assert.fail('conflict');
    const ids = async (grantId: string, clientId: string, grantType = 'authorization_code') =>
      (
        await f.stores.profiles.listForGrant({
          grantId,
          clientId,
          userId: user.id,
          grantType,
          profileIds: [],
        })
      ).map((p) => p.id);
    assert.deepEqual(await ids(linked, 'pbank'), [created.id]);
    // Another authorization-code grant names its own profiles: it did not create this one.
    assert.deepEqual(await ids(later, 'pbank'), []);
    assert.deepEqual(await ids(other, 'pother'), []);
    // A registration-code grant of the same partner sees what the partner created, as before.
    assert.deepEqual(await ids(NO_GRANT, 'pbank', 'registration_code'), [created.id]);
    assert.deepEqual(await ids(NO_GRANT, 'pother', 'registration_code'), []);
  });

  test('personOnOtherUser: another user’s person, under the create’s lock', async () => {
    const a = await f.newUser('pbank');
    const b = await f.newUser('pbank');
    const who = { firstName: 'Locked', lastName: 'Person', dateOfBirth: '1966-06-06' };
    assert.equal(await f.stores.profiles.personOnOtherUser(b.id, who), false);
    assert.equal(typeof (await f.stores.profiles.createPerson(person(a.id, who), t0)), 'object');
    const shouted = { ...who, firstName: 'LOCKED' };
    assert.equal(await f.stores.profiles.personOnOtherUser(b.id, shouted), true);
    assert.equal(await f.stores.profiles.personOnOtherUser(a.id, who), false);
    assert.equal(
      await f.stores.profiles.personOnOtherUser(b.id, { ...who, dateOfBirth: '1966-06-07' }),
      false,
    );
  });

  const person = (userId: number, who: Partial<NewProfile>) => personal(userId, who) as NewPersonalProfile;

  test('createPerson: the same names (any case) and date of birth on another user is same-person', async () => {
    const a = await f.newUser('pbank');
    const b = await f.newUser('pbank');
    const who = { firstName: 'Same', lastName: 'Person', dateOfBirth: '1970-03-03' };
    assert.equal(typeof (await f.stores.profiles.createPerson(person(a.id, who), t0)), 'object');
    const upper = { ...who, firstName: 'SAME', lastName: 'person' };
    assert.equal(await f.stores.profiles.createPerson(person(b.id, upper), t0), 'same-person');
    assert.equal(await f.stores.profiles.createPerson(person(a.id, who), t0), 'conflict');
    const other = { ...who, dateOfBirth: '1970-03-04' };
    assert.equal(typeof (await f.stores.profiles.createPerson(person(b.id, other), t0)), 'object');
  });

  test('personOnOtherUser, checked and followed by a write in one transaction, holds against a create', async () => {
    const b = await f.newUser('pbank');
    const racer = await f.newUser('pbank');
    const twin = { firstName: 'Held', lastName: 'Lock', dateOfBirth: '1972-05-05' };
    const [held, created] = await Promise.all([
      f.stores.transaction(async (tx) => {
        const found = await tx.profiles.personOnOtherUser(b.id, twin);
        if (!found) await tx.profiles.createPerson(person(b.id, twin), t0);
        return found;
      }),
      f.stores.profiles.createPerson(person(racer.id, twin), t0),
    ]);
    assert.ok(held === (typeof created === 'object'), `held ${held}, created ${String(created)}`);
  });

  test('createPerson: ten users creating the same person at once, one wins', async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => f.newUser('pbank')));
    const who = { firstName: 'Racing', lastName: 'Twin', dateOfBirth: '1981-08-08' };
    const outcomes = await Promise.all(
      users.map((u) => f.stores.profiles.createPerson(person(u.id, who), t0)),
    );
    assert.equal(outcomes.filter((o) => typeof o === 'object').length, 1);
    assert.equal(outcomes.filter((o) => o === 'same-person').length, 9);
  });

  test('createBusiness: one business per name and registration number per user, also at once', async () => {
    const user = await f.newUser('pbank');
    const business = (name: string, registrationNumber: string | null) =>
      ({
        ...personal(user.id),
        type: 'BUSINESS',
        firstName: null,
        lastName: null,
        dateOfBirth: null,
        preferredName: null,
        nationality: null,
        externalCustomerId: null,
        occupations: null,
        business: { ...businessNamed(name), registrationNumber },
      }) as NewBusinessProfile;
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => f.stores.profiles.createBusiness(business('Twin Ltda', '1'), t0)),
    );
    assert.equal(outcomes.filter((o) => o === 'conflict').length, 4);
    assert.equal(await f.stores.profiles.createBusiness(business('twin ltda', '1'), t0), 'conflict');
    assert.notEqual(await f.stores.profiles.createBusiness(business('Twin Ltda', '2'), t0), 'conflict');
    assert.notEqual(await f.stores.profiles.createBusiness(business('Twin Ltda', null), t0), 'conflict');
  });

  test('update: applies to the version read and bumps it; a stale version changes nothing', async () => {
    const user = await f.newUser('pbank');
    const created = await f.stores.profiles.create(personal(user.id), t0);
    if (created === 'conflict') return assert.fail('conflict');
    const { userId: _u, createdByClientId: _c, type: _t, ...changes } = personal(user.id);
    const updated = await f.stores.profiles.update(
      created.id,
      1,
      { ...changes, preferredName: 'New' },
      at(5),
    );
    if (updated === null || updated === 'stale') return assert.fail(String(updated));
    assert.equal(updated.version, 2);
    assert.equal(updated.preferredName, 'New');
    assert.deepEqual(updated.updatedAt, at(5));
    assert.deepEqual(updated.createdAt, t0);
    const lost = await f.stores.profiles.update(created.id, 1, { ...changes, preferredName: 'Lost' }, at(6));
    assert.equal(lost, 'stale');
    assert.equal((await f.stores.profiles.findById(created.id))?.preferredName, 'New');
    assert.equal(await f.stores.profiles.update(2999999, 1, changes, at(6)), null);
  });

  test('setUpdateWindow: opens (keeping the first time), closes, false for no profile', async () => {
    const user = await f.newUser('pbank');
    const created = await f.stores.profiles.create(personal(user.id), t0);
    if (created === 'conflict') return assert.fail('conflict');
    assert.equal(await f.stores.profiles.setUpdateWindow(created.id, at(1)), true);
    assert.equal(await f.stores.profiles.setUpdateWindow(created.id, at(2)), true);
    assert.deepEqual((await f.stores.profiles.findById(created.id))?.updateWindowOpenedAt, at(1));
    assert.equal(await f.stores.profiles.setUpdateWindow(created.id, null), true);
    assert.equal((await f.stores.profiles.findById(created.id))?.updateWindowOpenedAt, null);
    assert.equal(await f.stores.profiles.setUpdateWindow(2999999, at(1)), false);
  });
});
