import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { NewGrant } from '../../src/store/grants.js';
import { at, BACKEND, client, storeFixture, t0 } from './support.js';

const f = storeFixture();

/** `GrantStore.listLiveForUser`: the connected partners of the account pages (issue 12 "Disconnect"). */
describe(`GrantStore.listLiveForUser (${BACKEND})`, () => {
  before(async () => {
    await f.stores.clients.save(client('live-a'));
    await f.stores.clients.save(client('live-b', { name: 'Other Bank' }));
  });
  let n = 0;
  const grant = (userId: number, clientId: string, over: Partial<NewGrant> = {}): NewGrant => {
    n += 1;
    return {
      clientId,
      userId,
      grantType: 'authorization_code',
      profileIds: [n],
      accessTokenHash: `live-access-${n}`,
      accessExpiresAt: at(3600),
      refreshTokenHash: `live-refresh-${n}`,
      refreshExpiresAt: at(7200),
      ...over,
    };
  };

  test('lists the live grants of that person only, oldest first, with the partner name', async () => {
    const user = await f.newUser();
    const someoneElse = await f.newUser();
    const first = await f.stores.grants.create(grant(user.id, 'live-a', { profileIds: [11] }), t0);
    const second = await f.stores.grants.create(grant(user.id, 'live-b', { profileIds: [12] }), at(10));
    await f.stores.grants.create(grant(someoneElse.id, 'live-a'), t0);
    assert.deepEqual(await f.stores.grants.listLiveForUser(user.id, at(20)), [
      {
        grantId: first,
        clientId: 'live-a',
        clientName: 'Bank live-a',
        userId: user.id,
        grantType: 'authorization_code',
        profileIds: [11],
        createdAt: t0,
      },
      {
        grantId: second,
        clientId: 'live-b',
        clientName: 'Other Bank',
        userId: user.id,
        grantType: 'authorization_code',
        profileIds: [12],
        createdAt: at(10),
      },
    ]);
  });

  test('a revoked grant, or one whose refresh and access tokens have all expired, is not listed', async () => {
    const user = await f.newUser();
    const revoked = await f.stores.grants.create(grant(user.id, 'live-a'), t0);
    await f.stores.grants.revoke(revoked, at(1));
    await f.stores.grants.create(
      grant(user.id, 'live-a', { refreshExpiresAt: at(100), accessExpiresAt: at(50) }),
      t0,
    );
    // No refresh token, only an access token: listed while that token lives.
    const accessOnly = await f.stores.grants.create(
      grant(user.id, 'live-b', { refreshTokenHash: null, refreshExpiresAt: null, accessExpiresAt: at(500) }),
      t0,
    );
    assert.deepEqual(
      (await f.stores.grants.listLiveForUser(user.id, at(200))).map((g) => g.grantId),
      [accessOnly],
    );
    assert.deepEqual(await f.stores.grants.listLiveForUser(user.id, at(500)), []);
  });

  test('revoking every listed grant at once from many callers leaves none live', async () => {
    const user = await f.newUser();
    for (let i = 0; i < 3; i++) await f.stores.grants.create(grant(user.id, 'live-a'), t0);
    const live = await f.stores.grants.listLiveForUser(user.id, at(1));
    assert.equal(live.length, 3);
    await Promise.all(
      Array.from({ length: 10 }, () =>
        Promise.all(live.map((g) => f.stores.grants.revoke(g.grantId, at(2)))),
      ),
    );
    assert.deepEqual(await f.stores.grants.listLiveForUser(user.id, at(3)), []);
  });
});
