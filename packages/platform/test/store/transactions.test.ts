import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StoredResponse } from '../../src/store/idempotency.js';
import type { Stores } from '../../src/store/stores.js';
import { emailKey } from '../../src/store/users.js';
import { at, BACKEND, inParallel, storeFixture, t0 } from './support.js';

const f = storeFixture((f) => f.addClient('tbank'));

const newUser = (stores: Stores, email: string) =>
  stores.users.create({
    email,
    emailKey: emailKey(email),
    language: 'EN',
    createdByClientId: null,
    registrationCodeHash: null,
  });

describe(`Stores.transaction (${BACKEND})`, () => {
  test('what the stores of one transaction write commits together, or not at all', async () => {
    await assert.rejects(
      f.stores.transaction(async (s) => {
        const user = await newUser(s, 'tx-rollback@example.com');
        if (user === 'conflict') assert.fail('conflict');
        await s.sessions.create('tx-session', user.id, t0, at(60));
        assert.equal(await s.sessions.findUser('tx-session', t0), user.id, 'seen inside');
        throw new Error('fails after both writes');
      }),
      /fails after both writes/,
    );
    assert.equal(await f.stores.users.findByEmailKey('tx-rollback@example.com'), null);
    assert.equal(await f.stores.sessions.findUser('tx-session', t0), null);

    const id = await f.stores.transaction(async (s) => {
      const user = await newUser(s, 'tx-commit@example.com');
      if (user === 'conflict') assert.fail('conflict');
      await s.sessions.create('tx-session-2', user.id, t0, at(60));
      return user.id;
    });
    assert.equal(await f.stores.sessions.findUser('tx-session-2', t0), id);
  });

  test('a store’s own transaction joins the caller’s: a refresh is rolled back with it', async () => {
    const user = await f.newUser();
    const grant = await f.stores.grants.create(
      {
        clientId: 'tbank',
        userId: user.id,
        grantType: 'authorization_code',
        profileIds: [],
        accessTokenHash: 'tx-access-1',
        accessExpiresAt: at(3600),
        refreshTokenHash: 'tx-refresh',
        refreshExpiresAt: null,
      },
      t0,
    );
    await assert.rejects(
      f.stores.transaction(async (s) => {
        assert.equal((await s.grants.lockForRefresh('tx-refresh', 'tbank', at(1)))?.grantId, grant);
        const next = { presentedHash: 'tx-refresh', generation: 1, rotateTo: null, refreshExpiresAt: null };
        await s.grants.recordRefresh(
          grant,
          { ...next, accessTokenHash: 'tx-access-2', accessExpiresAt: at(3600) },
          at(1),
        );
        // Nested: the same transaction again.
        await s.transaction((inner) => inner.grants.revoke(grant, at(2)));
        throw new Error('the outer unit fails');
      }),
      /the outer unit fails/,
    );
    assert.equal(
      (await f.stores.grants.findAccessToken('tx-access-1', at(3)))?.grantId,
      grant,
      'not revoked',
    );
    assert.equal(await f.stores.grants.findAccessToken('tx-access-2', at(3)), null, 'never issued');
  });
});

describe(`IdempotencyStore (${BACKEND})`, () => {
  /** Keys are UUIDs (contract §8 `X-idempotence-uuid`). */
  const KEY = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const response = (n: number): StoredResponse => ({ status: 200, body: JSON.stringify({ n }) });

  test('the first run is stored and every repeat replays it; another request with the key is a mismatch', async () => {
    const user = await f.newUser();
    const scope = { userId: user.id, key: KEY(1), requestHash: 'req-a' };
    let runs = 0;
    const work = async () => response(++runs);
    assert.deepEqual(await f.stores.idempotency.once(scope, t0, work), {
      kind: 'fresh',
      response: response(1),
    });
    assert.deepEqual(await f.stores.idempotency.once(scope, at(1), work), {
      kind: 'replay',
      response: response(1),
    });
    assert.deepEqual(await f.stores.idempotency.once({ ...scope, requestHash: 'req-b' }, at(2), work), {
      kind: 'mismatch',
    });
    assert.equal(runs, 1);
    const other = await f.newUser();
    assert.equal(
      (await f.stores.idempotency.once({ ...scope, userId: other.id }, at(3), work)).kind,
      'fresh',
      'keys are per user',
    );
  });

  test('work writes through the stores it is handed, in the key’s transaction: a failure keeps nothing', async () => {
    const user = await f.newUser();
    const scope = { userId: user.id, key: KEY(2), requestHash: 'req' };
    await assert.rejects(
      f.stores.idempotency.once(scope, t0, async (s) => {
        await newUser(s, 'idem-1@example.com');
        throw new Error('work failed');
      }),
      /work failed/,
    );
    assert.equal(await f.stores.users.findByEmailKey('idem-1@example.com'), null, 'rolled back');
    const again = await f.stores.idempotency.once(scope, at(1), async (s) => {
      await newUser(s, 'idem-1@example.com');
      return response(2);
    });
    assert.deepEqual(again, { kind: 'fresh', response: response(2) }, 'the failure was not stored');
    assert.notEqual(await f.stores.users.findByEmailKey('idem-1@example.com'), null, 'committed');
  });

  test('10 concurrent requests with one key: work runs once, the others replay its response', async () => {
    const user = await f.newUser();
    const scope = { userId: user.id, key: KEY(3), requestHash: 'req' };
    let runs = 0;
    const outcomes = await inParallel(10, () =>
      f.stores.idempotency.once(scope, t0, async () => {
        const n = ++runs;
        // Holds the key's transaction a moment, so the others really arrive while it is open.
        await new Promise((resolve) => setImmediate(resolve));
        return response(n);
      }),
    );
    assert.equal(runs, 1);
    assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['fresh', ...Array(9).fill('replay')]);
    for (const o of outcomes) assert.deepEqual(o.kind === 'mismatch' ? null : o.response, response(1));
  });
});
