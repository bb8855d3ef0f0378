import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ClientChanged, type NewGrant, type RefreshIssue } from '../../src/store/grants.js';
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

  /** One refresh as the token endpoint does it: lock, then write, in one transaction. */
  const refresh = (
    presented: string,
    clientId: string,
    issue: Omit<RefreshIssue, 'presentedHash'> | null,
    now: Date,
  ) =>
    f.stores.transaction(async (s) => {
      const locked = await s.grants.lockForRefresh(presented, clientId, now);
      if (locked && issue)
        await s.grants.recordRefresh(locked.grantId, { ...issue, presentedHash: presented }, now);
      return locked;
    });
  const issue = (
    n: string,
    generation = 1,
    rotateTo: RefreshIssue['rotateTo'] = null,
    refreshExpiresAt: Date | null = at(7200),
  ) => ({
    generation,
    accessTokenHash: `access-${n}`,
    accessExpiresAt: at(5000),
    refreshExpiresAt,
    rotateTo,
  });

  test('a client-credentials grant has no user and no refresh token', async () => {
    const id = await f.stores.grants.create(grant(null, 2), t0);
    const found = await f.stores.grants.findAccessToken('access-2', t0);
    assert.equal(found?.grantId, id);
    assert.equal(found?.userId, null);
    assert.equal(await refresh('refresh-2', 'gbank', null, t0), null);
  });

  test('a refresh issues a new access token, revokes the previous one at once and records the refresh', async () => {
    const user = await f.newUser('gbank');
    const id = await f.stores.grants.create(grant(user.id, 3), t0);
    const first = await refresh('refresh-3', 'gbank', issue('3b'), at(60));
    assert.deepEqual(first, {
      grantId: id,
      userId: user.id,
      refreshTokenHash: 'refresh-3',
      retiredAt: null,
      refreshExpiresAt: at(7200),
      refreshAbsoluteExpiresAt: null,
      generation: 0,
      refreshedAt: null,
      refreshedFromHash: null,
    });
    assert.equal(await f.stores.grants.findAccessToken('access-3', at(61)), null);
    assert.equal((await f.stores.grants.findAccessToken('access-3b', at(61)))?.grantId, id);
    const second = await refresh('refresh-3', 'gbank', null, at(61));
    assert.equal(second?.generation, 1);
    assert.deepEqual(second?.refreshedAt, at(60));
    assert.equal(second?.refreshedFromHash, 'refresh-3');
  });

  test('a rotation retires the presented token: it is still found, as retired, and the new one is current', async () => {
    const user = await f.newUser('gbank');
    const id = await f.stores.grants.create(grant(user.id, 7, { refreshAbsoluteExpiresAt: at(9000) }), t0);
    await refresh('refresh-7', 'gbank', issue('7b', 1, { refreshTokenHash: 'refresh-7b' }, at(8000)), at(10));
    const retired = await refresh('refresh-7', 'gbank', null, at(11));
    assert.equal(retired?.grantId, id);
    assert.deepEqual(retired?.retiredAt, at(10));
    assert.equal(retired?.refreshTokenHash, 'refresh-7b');
    assert.deepEqual(retired?.refreshExpiresAt, at(8000));
    assert.deepEqual(retired?.refreshAbsoluteExpiresAt, at(9000));
    const current = await refresh('refresh-7b', 'gbank', null, at(11));
    assert.equal(current?.retiredAt, null);
    assert.equal(await refresh('refresh-7b', 'other', null, at(11)), null);
    // Past the rotated token's own expiry, neither is found.
    assert.equal(await refresh('refresh-7', 'gbank', null, at(8000)), null);
  });

  test('a refresh that keeps its token can renew its expiry (an idle lifetime): found past the old one', async () => {
    const user = await f.newUser('gbank');
    const id = await f.stores.grants.create(grant(user.id, 8, { refreshAbsoluteExpiresAt: at(20_000) }), t0);
    await refresh('refresh-8', 'gbank', issue('8b', 1, null, at(9000)), at(7000));
    const kept = await refresh('refresh-8', 'gbank', null, at(8000));
    assert.equal(kept?.grantId, id);
    assert.equal(kept?.retiredAt, null);
    assert.deepEqual(kept?.refreshExpiresAt, at(9000));
    assert.equal(await refresh('refresh-8', 'gbank', null, at(9000)), null);
  });

  test('lockForRefresh is null for another client, an unknown token or an expired one, and changes nothing', async () => {
    const user = await f.newUser('gbank');
    await f.stores.grants.create(grant(user.id, 4), t0);
    assert.equal(await refresh('refresh-4', 'other', issue('never'), t0), null);
    assert.equal(await refresh('refresh-nope', 'gbank', issue('never'), t0), null);
    assert.equal(await refresh('refresh-4', 'gbank', issue('never'), at(7200)), null);
    assert.notEqual(await f.stores.grants.findAccessToken('access-4', t0), null);
    assert.equal(await f.stores.grants.findAccessToken('access-never', t0), null);
  });

  test('revoke ends the grant: its access tokens and its refresh tokens, current and retired, stop working', async () => {
    const user = await f.newUser('gbank');
    const id = await f.stores.grants.create(grant(user.id, 5), t0);
    await refresh('refresh-5', 'gbank', issue('5b', 1, { refreshTokenHash: 'refresh-5b' }), at(1));
    await f.stores.grants.revoke(id, at(1));
    await f.stores.grants.revoke(id, at(2));
    assert.equal(await f.stores.grants.findAccessToken('access-5b', at(3)), null);
    assert.equal(await refresh('refresh-5', 'gbank', null, at(3)), null);
    assert.equal(await refresh('refresh-5b', 'gbank', null, at(3)), null);
  });

  test('concurrent refreshes of one grant take the lock in turn: each sees the refresh before it', async () => {
    const user = await f.newUser('gbank');
    await f.stores.grants.create(grant(user.id, 6), t0);
    const seen = await Promise.all(
      Array.from({ length: 10 }, () =>
        f.stores.transaction(async (s) => {
          const locked = await s.grants.lockForRefresh('refresh-6', 'gbank', at(1));
          assert.ok(locked);
          const generation = locked.generation + 1;
          await s.grants.recordRefresh(
            locked.grantId,
            { ...issue(`6-${generation}`, generation), presentedHash: 'refresh-6' },
            at(1),
          );
          return generation;
        }),
      ),
    );
    assert.deepEqual(
      seen.sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    const live = await Promise.all(
      ['access-6', ...seen.map((g) => `access-6-${g}`)].map((h) => f.stores.grants.findAccessToken(h, at(2))),
    );
    assert.deepEqual(
      live.map((g) => g !== null),
      [...Array(10).fill(false), true],
    );
  });

  test('concurrent refreshes of one token that rotate: one rotates, each one after it sees the token retired', async () => {
    const user = await f.newUser('gbank');
    const id = await f.stores.grants.create(grant(user.id, 9), t0);
    const seen = await Promise.all(
      Array.from({ length: 8 }, () =>
        f.stores.transaction(async (s) => {
          const locked = await s.grants.lockForRefresh('refresh-9', 'gbank', at(1));
          assert.ok(locked);
          if (locked.retiredAt === null)
            await s.grants.recordRefresh(
              locked.grantId,
              { ...issue('9b', 1, { refreshTokenHash: 'refresh-9b' }), presentedHash: 'refresh-9' },
              at(1),
            );
          return locked;
        }),
      ),
    );
    // Whether a waiter read the rotation from the grant's row or from the retired tokens, it is the same.
    assert.equal(seen.filter((l) => l.retiredAt === null).length, 1);
    for (const l of seen.filter((l) => l.retiredAt !== null)) {
      assert.equal(l.grantId, id);
      assert.deepEqual(l.retiredAt, at(1));
      assert.equal(l.refreshTokenHash, 'refresh-9b');
      assert.equal(l.generation, 1);
      assert.equal(l.refreshedFromHash, 'refresh-9');
    }
  });

  test('lockForRefresh with the client as read confirms it: any change the refresh relies on throws ClientChanged', async () => {
    const user = await f.newUser('gbank');
    const id = await f.stores.grants.create(grant(user.id, 10), t0);
    const lock = (asRead: ReturnType<typeof client>, token = 'refresh-10') =>
      f.stores.transaction((s) => s.grants.lockForRefresh(token, 'gbank', at(1), asRead));
    assert.equal((await lock(client('gbank')))?.grantId, id);
    // An unknown token with the client as registered: no grant, no error.
    assert.equal(await lock(client('gbank'), 'refresh-unknown'), null);
    for (const changed of [
      { secretHash: 'hash-of-another-secret' },
      { rotate: 'always' as const },
      { refreshTokenTtlSeconds: 60 },
      { isPublic: true, secretHash: null },
    ]) {
      await assert.rejects(lock(client('gbank', changed)), ClientChanged);
      await assert.rejects(lock(client('gbank', changed), 'refresh-unknown'), ClientChanged);
    }
    // Another client's record (gone or never registered) is not confirmed either.
    await assert.rejects(
      f.stores.transaction((s) => s.grants.lockForRefresh('refresh-10', 'gone', at(1), client('gone'))),
      ClientChanged,
    );
  });

  test('recordRefresh with `expected` writes only a grant still as read: its generation, token, client', async () => {
    const user = await f.newUser('gbank');
    const id = await f.stores.grants.create(grant(user.id, 11), t0);
    const read = await f.stores.grants.readForRefresh('refresh-11', 'gbank', at(1), client('gbank'));
    assert.equal(read?.generation, 0);
    const write = (n: string, generation: number, over: Parameters<typeof client>[1] = {}) =>
      f.stores.grants.recordRefresh(id, { ...issue(n, generation + 1), presentedHash: 'refresh-11' }, at(1), {
        generation,
        client: client('gbank', over),
      });
    // Another client registration than the one read, or a generation that is not the grant's: nothing.
    assert.equal(await write('11-x', 0, { secretHash: 'hash-of-another-secret' }), false);
    assert.equal(await write('11-y', 1), false);
    assert.equal(await f.stores.grants.findAccessToken('access-11-x', at(1)), null);
    assert.equal(await f.stores.grants.findAccessToken('access-11-y', at(1)), null);
    assert.notEqual(await f.stores.grants.findAccessToken('access-11', at(1)), null);
    // As read: written, and the previous access token is revoked.
    assert.equal(await write('11-a', 0), true);
    assert.notEqual(await f.stores.grants.findAccessToken('access-11-a', at(1)), null);
    assert.equal(await f.stores.grants.findAccessToken('access-11', at(1)), null);
    // The same read again (a concurrent refresh that lost): nothing, the winner's token stays live.
    assert.equal(await write('11-b', 0), false);
    assert.equal(await f.stores.grants.findAccessToken('access-11-b', at(1)), null);
    assert.notEqual(await f.stores.grants.findAccessToken('access-11-a', at(1)), null);
    // A revoked grant is never written, even at its generation.
    await f.stores.grants.revoke(id, at(2));
    assert.equal(await write('11-c', 1), false);
  });
});
