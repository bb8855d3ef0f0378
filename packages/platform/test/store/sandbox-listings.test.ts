import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { NewGrant } from '../../src/store/grants.js';
import { at, BACKEND, client, inParallel, personalProfile, storeFixture, t0 } from './support.js';

const f = storeFixture();

describe(`ListingStore and SandboxStore grants by id (${BACKEND})`, () => {
  before(async () => {
    await f.stores.clients.save(client('lbank'));
    await f.stores.clients.save(client('pub', { secretHash: null, isPublic: true }));
  });
  let n = 0;
  const grant = (userId: number | null, over: Partial<NewGrant> = {}): NewGrant => ({
    clientId: 'lbank',
    userId,
    grantType: userId === null ? 'client_credentials' : 'registration_code',
    profileIds: [],
    accessTokenHash: `l-access-${++n}`,
    accessExpiresAt: at(3600),
    refreshTokenHash: userId === null ? null : `l-refresh-${n}`,
    refreshExpiresAt: userId === null ? null : at(7200),
    ...over,
  });

  test('users: profiles with names and states, flags instead of secrets', async () => {
    const user = await f.newUser('lbank');
    await f.stores.credentials.setPassword(user.id, 'argon-hash');
    await f.stores.profiles.create(personalProfile(user.id, 'lbank'), t0);
    const listed = (await f.stores.listings.users()).find((u) => u.id === user.id)!;
    assert.equal(listed.passwordSet, true);
    assert.equal(listed.totp, false);
    assert.equal(listed.sandboxTotp, false);
    assert.equal(listed.hasRegistrationCode, true);
    assert.equal(listed.state, 'ACTIVE');
    assert.equal(listed.profiles.length, 1);
    assert.equal(listed.profiles[0]!.name, 'Ana Silva');
    assert.doesNotMatch(JSON.stringify(listed), /argon-hash|code-hash/);
  });

  test('clients: whether a secret exists, never its hash', async () => {
    const clients = await f.stores.listings.clients();
    assert.deepEqual(
      clients
        .filter((c) => ['lbank', 'pub'].includes(c.clientId))
        .map((c) => [c.clientId, c.hasSecret, c.isPublic]),
      [
        ['lbank', true, false],
        ['pub', false, true],
      ],
    );
    assert.doesNotMatch(JSON.stringify(clients), /hash-of-/);
  });

  test('grants: live by default; expired and revoked ones only with all', async () => {
    const user = await f.newUser('lbank');
    const live = await f.stores.grants.create(grant(user.id), t0);
    const revoked = await f.stores.grants.create(grant(user.id), t0);
    await f.stores.grants.revoke(revoked, at(1));
    const spent = await f.stores.grants.create(grant(null, { accessExpiresAt: at(10) }), t0);
    const ids = async (all: boolean, now = at(20)) =>
      (await f.stores.listings.grants({ all }, now))
        .map((g) => g.id)
        .filter((id) => [live, revoked, spent].includes(id));
    assert.deepEqual((await ids(false)).sort(), [live].sort());
    assert.deepEqual((await ids(true)).sort(), [live, revoked, spent].sort());
    assert.deepEqual((await ids(false, at(5))).sort(), [live, spent].sort());
    const [listed] = await f.stores.listings.grants({ userId: user.id }, at(20));
    assert.equal(listed!.id, live);
    assert.equal(listed!.accessTokens.length, 1);
    assert.equal(typeof listed!.accessTokens[0]!.id, 'number');
    assert.doesNotMatch(JSON.stringify(listed), /l-access|l-refresh/);
  });

  test('expireGrant: only live grants, tokens and optionally the refresh token; findGrant refuses garbage', async () => {
    const user = await f.newUser('lbank');
    const id = await f.stores.grants.create(grant(user.id), t0);
    assert.equal(await f.stores.sandbox.expireGrant(id, false, at(1)), 1);
    assert.equal(await f.stores.sandbox.expireGrant(id, false, at(2)), 0, 'nothing live left to expire');
    assert.equal(await f.stores.grants.findAccessToken(`l-access-${n}`, at(1)), null);
    assert.equal(await f.stores.sandbox.expireGrant(id, true, at(3)), 0);
    assert.deepEqual(await f.stores.listings.grants({ userId: user.id }, at(3)), []);
    await f.stores.grants.revoke(id, at(4));
    assert.equal(await f.stores.sandbox.expireGrant(id, true, at(5)), null);
    assert.equal(await f.stores.sandbox.findGrant('nope'), null);
    assert.equal(await f.stores.sandbox.expireGrant('nope', false, t0), null);
    assert.equal((await f.stores.sandbox.findGrant(id))?.revokedAt?.toISOString(), at(4).toISOString());
  });

  test('expireGrant 10 times at once: the token is counted once', async () => {
    const user = await f.newUser('lbank');
    const id = await f.stores.grants.create(grant(user.id), t0);
    const counts = await inParallel(10, () => f.stores.sandbox.expireGrant(id, false, at(1)));
    assert.equal(
      counts.reduce((a, b) => a! + b!, 0),
      1,
    );
  });
});
