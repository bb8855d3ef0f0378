import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NewGrant } from '../../src/store/grants.js';
import { RETENTION } from '../../src/store/retention.js';
import { emailKey } from '../../src/store/users.js';
import { at, BACKEND, inParallel, storeFixture, t0 } from './support.js';

const f = storeFixture((f) => f.addClient('xbank'));

const grant = (userId: number, n: number): NewGrant => ({
  clientId: 'xbank',
  userId,
  grantType: 'registration_code',
  profileIds: [],
  accessTokenHash: `x-access-${n}`,
  accessExpiresAt: at(3600),
  refreshTokenHash: `x-refresh-${n}`,
  refreshExpiresAt: null,
});

describe(`SandboxStore (${BACKEND})`, () => {
  test('reclaimUser marks the account of an email reclaimed, keeping the first date; unknown: null', async () => {
    const user = await f.newUser('xbank');
    const key = emailKey(user.email.toUpperCase());
    assert.deepEqual(await f.stores.sandbox.reclaimUser(key, at(1)), {
      email: user.email,
      reclaimedAt: at(1),
    });
    assert.deepEqual(await f.stores.sandbox.reclaimUser(key, at(2)), {
      email: user.email,
      reclaimedAt: at(1),
    });
    assert.deepEqual((await f.stores.users.findById(user.id))?.reclaimedAt, at(1));
    assert.equal(await f.stores.sandbox.reclaimUser('nobody@example.com', at(1)), null);
  });

  test('revokeAccessToken ends one live token, once; the grant and its refresh token stay', async () => {
    const user = await f.newUser();
    const id = await f.stores.grants.create(grant(user.id, 1), t0);
    assert.equal(await f.stores.sandbox.revokeAccessToken('x-access-1', at(1)), true);
    assert.equal(await f.stores.sandbox.revokeAccessToken('x-access-1', at(2)), false, 'already revoked');
    assert.equal(await f.stores.sandbox.revokeAccessToken('unknown', at(2)), false);
    assert.equal(await f.stores.grants.findAccessToken('x-access-1', at(3)), null);
    assert.equal(await f.stores.sandbox.findGrantByRefreshToken('x-refresh-1'), id);
  });

  test('expireAccessToken makes a live token expire now; an expired or unknown one is refused', async () => {
    const user = await f.newUser();
    await f.stores.grants.create(grant(user.id, 2), t0);
    assert.equal(await f.stores.sandbox.expireAccessToken('x-access-2', at(10)), true);
    assert.equal(await f.stores.grants.findAccessToken('x-access-2', at(10)), null);
    assert.equal(await f.stores.sandbox.expireAccessToken('x-access-2', at(11)), false, 'no longer live');
    assert.equal(await f.stores.sandbox.expireAccessToken('unknown', at(11)), false);
  });

  test('findGrantByRefreshToken: the live grant only', async () => {
    const user = await f.newUser();
    const id = await f.stores.grants.create(grant(user.id, 3), t0);
    assert.equal(await f.stores.sandbox.findGrantByRefreshToken('x-refresh-3'), id);
    await f.stores.grants.revoke(id, at(1));
    assert.equal(await f.stores.sandbox.findGrantByRefreshToken('x-refresh-3'), null);
    assert.equal(await f.stores.sandbox.findGrantByRefreshToken('unknown'), null);
  });
});

describe(`RetentionStore (${BACKEND})`, () => {
  const grace = RETENTION.graceSeconds;

  test('purgeExpired removes rows past expiry plus the grace period, keeps the rest, and counts per table', async () => {
    const user = await f.newUser();
    await f.stores.sessions.create('r-old', user.id, t0, at(60));
    await f.stores.sessions.create('r-grace', user.id, t0, at(grace));
    const counter = {
      scope: 'r-scope',
      key: 'r-key',
      subject: null,
      max: 5,
      windowSeconds: 60,
      delayAfter: null,
    };
    await f.stores.attemptCounters.take([counter], t0);
    const counts = await f.stores.retention.purgeExpired(at(grace + 61));
    assert.equal(counts['platformSessions'], 1);
    assert.equal(counts['attemptCounters'], 1);
    assert.deepEqual(
      Object.keys(counts).sort(),
      [
        'attemptCounters',
        'authorizationCodes',
        'claimAccountCodes',
        'emailAuthorizations',
        'federatedLogins',
        'interactions',
        'mailOutbox',
        'passwordResetLinks',
        'platformSessions',
        'webhookDeliveries',
      ],
      'every table with expiring rows',
    );
    assert.equal(await f.stores.sessions.findUser('r-grace', at(grace - 1)), user.id, 'within its grace');
  });

  test('purges on several instances at once delete each row once', async () => {
    const user = await f.newUser();
    for (let n = 0; n < 20; n++) await f.stores.sessions.create(`r-many-${n}`, user.id, t0, at(60));
    const runs = await inParallel(4, () => f.stores.retention.purgeExpired(at(grace + 61)));
    assert.equal(
      runs.reduce((sum, c) => sum + (c['platformSessions'] ?? 0), 0),
      20,
      'each of the 20 sessions counted by exactly one purge',
    );
    assert.equal((await f.stores.retention.purgeExpired(at(grace + 61)))['platformSessions'], 0, 'none left');
  });
});
