import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { NewGrant } from '../../src/store/grants.js';
import { at, BACKEND, client, storeFixture, t0 } from './support.js';

const f = storeFixture();

describe(`GrantStore (${BACKEND})`, () => {
  before(async () => {
    await f.stores.clients.save(client('gbank'));
    await f.stores.clients.save(client('other'));
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
    const user = await f.newUser('gbank');
    const id = await f.stores.grants.create(grant(user.id, 1, { profileIds: [7, 9] }), t0);
    assert.equal(typeof id, 'string');
    assert.deepEqual(await f.stores.grants.findAccessToken('access-1', at(3599)), {
      grantId: id,
      clientId: 'gbank',
      userId: user.id,
      grantType: 'registration_code',
      profileIds: [7, 9],
      expiresAt: at(3600),
    });
    assert.equal(await f.stores.grants.findAccessToken('access-1', at(3600)), null);
    assert.equal(await f.stores.grants.findAccessToken('unknown', t0), null);
  });

  test('a client-credentials grant has no user and no refresh token', async () => {
    const id = await f.stores.grants.create(grant(null, 2), t0);
    const found = await f.stores.grants.findAccessToken('access-2', t0);
    assert.equal(found?.grantId, id);
    assert.equal(found?.userId, null);
    assert.equal(
      await f.stores.grants.refresh(
        'refresh-2',
        'gbank',
        { accessTokenHash: 'x2', accessExpiresAt: at(10) },
        t0,
      ),
      null,
    );
  });

  test('refresh issues a new access token and revokes the previous one at once', async () => {
    const user = await f.newUser('gbank');
    const id = await f.stores.grants.create(grant(user.id, 3), t0);
    const refreshed = await f.stores.grants.refresh(
      'refresh-3',
      'gbank',
      { accessTokenHash: 'access-3b', accessExpiresAt: at(5000) },
      at(60),
    );
    assert.deepEqual(refreshed, { grantId: id, userId: user.id, refreshExpiresAt: at(7200) });
    assert.equal(await f.stores.grants.findAccessToken('access-3', at(61)), null);
    assert.equal((await f.stores.grants.findAccessToken('access-3b', at(61)))?.grantId, id);
  });

  test('refresh is null for another client, an unknown token or an expired one, and changes nothing', async () => {
    const user = await f.newUser('gbank');
    await f.stores.grants.create(grant(user.id, 4), t0);
    const next = { accessTokenHash: 'never', accessExpiresAt: at(5000) };
    assert.equal(await f.stores.grants.refresh('refresh-4', 'other', next, t0), null);
    assert.equal(await f.stores.grants.refresh('refresh-nope', 'gbank', next, t0), null);
    assert.equal(await f.stores.grants.refresh('refresh-4', 'gbank', next, at(7200)), null);
    assert.notEqual(await f.stores.grants.findAccessToken('access-4', t0), null);
    assert.equal(await f.stores.grants.findAccessToken('never', t0), null);
  });

  test('revoke ends the grant: its access tokens and its refresh token stop working', async () => {
    const user = await f.newUser('gbank');
    const id = await f.stores.grants.create(grant(user.id, 5), t0);
    await f.stores.grants.revoke(id, at(1));
    await f.stores.grants.revoke(id, at(2));
    assert.equal(await f.stores.grants.findAccessToken('access-5', at(3)), null);
    assert.equal(
      await f.stores.grants.refresh(
        'refresh-5',
        'gbank',
        { accessTokenHash: 'a5b', accessExpiresAt: at(99) },
        at(3),
      ),
      null,
    );
  });

  test('concurrent refreshes of one grant: both succeed in turn, exactly one access token stays live', async () => {
    const user = await f.newUser('gbank');
    await f.stores.grants.create(grant(user.id, 6), t0);
    const results = await Promise.all(
      ['6a', '6b', '6c'].map((n) =>
        f.stores.grants.refresh(
          'refresh-6',
          'gbank',
          { accessTokenHash: `access-${n}`, accessExpiresAt: at(5000) },
          at(1),
        ),
      ),
    );
    assert.ok(results.every((r) => r !== null));
    const live = await Promise.all(
      ['access-6', 'access-6a', 'access-6b', 'access-6c'].map((h) =>
        f.stores.grants.findAccessToken(h, at(2)),
      ),
    );
    assert.equal(live.filter((g) => g !== null).length, 1);
  });
});
