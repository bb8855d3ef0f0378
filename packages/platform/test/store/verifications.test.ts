import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NewGrant } from '../../src/store/grants.js';
import { at, BACKEND, inParallel, personalProfile, storeFixture, t0 } from './support.js';

const f = storeFixture((f) => Promise.all([f.addClient('vbank'), f.addClient('other')]));

let n = 0;
const grant = (userId: number, clientId = 'vbank'): NewGrant => ({
  clientId,
  userId,
  grantType: 'registration_code',
  profileIds: [],
  accessTokenHash: `v-access-${++n}`,
  accessExpiresAt: at(3600),
  refreshTokenHash: `v-refresh-${n}`,
  refreshExpiresAt: null,
});

async function newProfile(clientId = 'vbank') {
  const user = await f.newUser(clientId);
  const profile = await f.stores.profiles.create(personalProfile(user.id, clientId), t0);
  assert.notEqual(profile, 'conflict');
  if (profile === 'conflict') throw new Error('conflict');
  return { user, profile };
}

const deactivated = { state: 'DEACTIVATED', deactivationType: null, deactivationReason: null } as const;
const active = { state: 'ACTIVE', deactivationType: null, deactivationReason: null } as const;

describe(`VerificationStore (${BACKEND})`, () => {
  test('a new profile is not_verified; verifying moves it once, and back again', async () => {
    const { profile } = await newProfile();
    const v = f.stores.verifications;
    assert.equal(await v.profileState(profile.id), 'not_verified');
    assert.equal(await v.setProfileState(profile.id, 'not_verified', at(1)), null, 'already there');
    assert.deepEqual(await v.setProfileState(profile.id, 'verified', at(2)), {
      previous: 'not_verified',
      current: 'verified',
    });
    assert.equal(await v.profileState(profile.id), 'verified');
    assert.equal(await v.setProfileState(profile.id, 'verified', at(3)), null, 'verified twice: no change');
    assert.deepEqual(await v.setProfileState(profile.id, 'not_verified', at(4)), {
      previous: 'verified',
      current: 'not_verified',
    });
  });

  test('10 concurrent verifications of one profile: exactly one transition', async () => {
    const { profile } = await newProfile();
    const moves = await inParallel(10, () =>
      f.stores.transaction((tx) => tx.verifications.setProfileState(profile.id, 'verified', at(1))),
    );
    assert.equal(moves.filter((m) => m !== null).length, 1);
    assert.equal(await f.stores.verifications.profileState(profile.id), 'verified');
  });

  test('a transition rolled back with its transaction leaves the profile not_verified', async () => {
    const { profile } = await newProfile();
    await assert.rejects(
      f.stores.transaction(async (tx) => {
        await tx.verifications.setProfileState(profile.id, 'verified', at(1));
        throw new Error('the event could not be enqueued');
      }),
    );
    assert.equal(await f.stores.verifications.profileState(profile.id), 'not_verified');
  });

  test('a user is ACTIVE; WITHDRAW_ONLY keeps the tokens; DEACTIVATED revokes every one of them at once', async () => {
    const { user } = await newProfile();
    const v = f.stores.verifications;
    const first = grant(user.id);
    const second = grant(user.id, 'other');
    await f.stores.grants.create(first, t0);
    await f.stores.grants.create(second, t0);
    assert.equal(await v.userState(user.id), 'ACTIVE');
    assert.equal(await v.setUserState(user.id, active, at(1)), null);
    assert.deepEqual(
      await v.setUserState(
        user.id,
        { state: 'WITHDRAW_ONLY', deactivationType: 'ACCOUNT_SUSPENSION', deactivationReason: 'X' },
        at(2),
      ),
      { previous: 'ACTIVE', current: 'WITHDRAW_ONLY' },
    );
    assert.notEqual(await f.stores.grants.findAccessToken(first.accessTokenHash, at(3)), null);
    assert.deepEqual(await v.setUserState(user.id, deactivated, at(4)), {
      previous: 'WITHDRAW_ONLY',
      current: 'DEACTIVATED',
    });
    for (const g of [first, second]) {
      assert.equal(await f.stores.grants.findAccessToken(g.accessTokenHash, at(5)), null);
      assert.equal(await f.stores.sandbox.findGrantByRefreshToken(g.refreshTokenHash!), null);
    }
    assert.equal((await f.stores.users.findById(user.id))?.active, false);
    // Back to ACTIVE: the account is usable again, the revoked tokens stay revoked.
    assert.deepEqual(await v.setUserState(user.id, active, at(6)), {
      previous: 'DEACTIVATED',
      current: 'ACTIVE',
    });
    assert.equal((await f.stores.users.findById(user.id))?.active, true);
    assert.equal(await f.stores.grants.findAccessToken(first.accessTokenHash, at(7)), null);
  });

  test('10 concurrent deactivations: one transition', async () => {
    const { user } = await newProfile();
    const moves = await inParallel(10, () =>
      f.stores.transaction((tx) => tx.verifications.setUserState(user.id, deactivated, at(1))),
    );
    assert.equal(moves.filter((m) => m !== null).length, 1);
    assert.equal(await f.stores.verifications.userState(user.id), 'DEACTIVATED');
  });

  test('clientReachesProfile: the creating partner, a partner with a live grant, no one else', async () => {
    const { user, profile } = await newProfile('vbank');
    const v = f.stores.verifications;
    assert.equal(await v.clientReachesProfile('vbank', profile.id), true);
    assert.equal(await v.clientReachesProfile('other', profile.id), false);
    const id = await f.stores.grants.create(grant(user.id, 'other'), t0);
    assert.equal(await v.clientReachesProfile('other', profile.id), true);
    await f.stores.grants.revoke(id, at(1));
    assert.equal(await v.clientReachesProfile('other', profile.id), false);
    assert.equal(await v.clientReachesProfile('vbank', 99999999), false);
  });
});
