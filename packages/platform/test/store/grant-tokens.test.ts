import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { NewGrant } from '../../src/store/grants.js';
import { at, BACKEND, client, storeFixture, t0 } from './support.js';

const f = storeFixture();

/** GrantStore.findToken and revokeAccessToken: what revocation (RFC 7009) and introspection (RFC 7662) read. */
describe(`GrantStore tokens by hash (${BACKEND})`, () => {
  before(async () => {
    await f.stores.clients.save(client('tbank'));
  });
  const grant = (userId: number | null, n: number, over: Partial<NewGrant> = {}): NewGrant => ({
    clientId: 'tbank',
    userId,
    grantType: userId === null ? 'client_credentials' : 'registration_code',
    profileIds: [],
    accessTokenHash: `t-access-${n}`,
    accessExpiresAt: at(3600),
    refreshTokenHash: userId === null ? null : `t-refresh-${n}`,
    refreshExpiresAt: userId === null ? null : at(7200),
    ...over,
  });

  test('an access token and a refresh token, each with its times, until each expires', async () => {
    const user = await f.newUser('tbank');
    const grantId = await f.stores.grants.create(grant(user.id, 1), t0);
    const common = { grantId, clientId: 'tbank', userId: user.id, grantType: 'registration_code' };
    assert.deepEqual(await f.stores.grants.findToken('access', 't-access-1', at(3599)), {
      ...common,
      issuedAt: t0,
      expiresAt: at(3600),
    });
    assert.deepEqual(await f.stores.grants.findToken('refresh', 't-refresh-1', at(7199)), {
      ...common,
      issuedAt: t0,
      expiresAt: at(7200),
    });
    assert.equal(await f.stores.grants.findToken('access', 't-access-1', at(3600)), null);
    assert.equal(await f.stores.grants.findToken('refresh', 't-refresh-1', at(7200)), null);
    // The kinds are separate: a refresh token's hash is no access token.
    assert.equal(await f.stores.grants.findToken('access', 't-refresh-1', t0), null);
    assert.equal(await f.stores.grants.findToken('refresh', 'unknown', t0), null);
  });

  test('a refresh token without an expiry has expiresAt null', async () => {
    const user = await f.newUser('tbank');
    await f.stores.grants.create(grant(user.id, 2, { refreshExpiresAt: null }), t0);
    assert.equal((await f.stores.grants.findToken('refresh', 't-refresh-2', at(1e9)))?.expiresAt, null);
  });

  test('revokeAccessToken ends that token only; revoke ends the grant and both kinds', async () => {
    const user = await f.newUser('tbank');
    const grantId = await f.stores.grants.create(grant(user.id, 3), t0);
    await f.stores.grants.revokeAccessToken('t-access-3', at(1));
    assert.equal(await f.stores.grants.findToken('access', 't-access-3', at(2)), null);
    assert.equal((await f.stores.grants.findToken('refresh', 't-refresh-3', at(2)))?.grantId, grantId);
    await f.stores.grants.revokeAccessToken('t-access-3', at(3));
    await f.stores.grants.revoke(grantId, at(4));
    assert.equal(await f.stores.grants.findToken('refresh', 't-refresh-3', at(5)), null);
  });

  test('a revoked grant has no live access token, even one never revoked itself', async () => {
    const grantId = await f.stores.grants.create(grant(null, 4), t0);
    assert.equal((await f.stores.grants.findToken('access', 't-access-4', t0))?.userId, null);
    await f.stores.grants.revoke(grantId, at(1));
    assert.equal(await f.stores.grants.findToken('access', 't-access-4', at(2)), null);
  });
});
