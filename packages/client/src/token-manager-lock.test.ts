import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseApiError } from './errors.js';
import { isRelinkRequired } from './guards.js';
import { fakeFetch, json, userTokenBody } from './testing/fake-fetch.js';
import { fakeClock, testClient } from './testing/test-client.js';
import {
  credentials,
  fakeClient,
  HOUR,
  invalidGrant,
  invalidToken,
  LockingStore,
  setup,
  tokens,
} from './testing/token-manager-fixtures.js';
import { createTokenManager, MemoryTokenStore, type TokenStore } from './token-manager.js';

describe('token manager: a store with a cross-process lock (withLock)', () => {
  it('two managers on one store refreshing the same customer at once make one refresh', async () => {
    const clock = fakeClock();
    const fake = fakeClient(clock.now);
    const store = new LockingStore();
    const options = { client: fake.client, store, now: clock.now, refreshAheadMs: 60_000 };
    const one = createTokenManager(options);
    const two = createTokenManager(options);
    await one.save('c1', tokens('access-0', clock.now() + HOUR));
    clock.advance(HOUR - 30_000);
    const results = await Promise.all([one.getAccessToken('c1'), two.getAccessToken('c1')]);
    assert.deepEqual(results, ['access-1', 'access-1'], 'the second reads what the first stored');
    assert.deepEqual(fake.calls.refresh, ['refresh-1']);
    assert.deepEqual(store.log, ['locked get c1', 'locked put c1', 'locked get c1']);
  });

  it('regenerates and deletes through the locked store', async () => {
    const clock = fakeClock();
    const fake = fakeClient(clock.now);
    const store = new LockingStore();
    const manager = createTokenManager({ client: fake.client, store, now: clock.now });
    await manager.save('c1', tokens('access-0', clock.now() - 1));
    fake.behaviour.refresh = async () => {
      throw invalidGrant();
    };
    const error = await manager.getAccessToken('c1').catch((e: unknown) => e);
    assert.ok(isRelinkRequired(error));
    assert.deepEqual(store.log, ['locked get c1', 'locked delete c1']);
    assert.equal(await store.get('c1'), undefined);
  });

  it('a lock that fails (e.g. the database is down) fails the call, and nothing is refreshed', async () => {
    const clock = fakeClock();
    const fake = fakeClient(clock.now);
    const store = new MemoryTokenStore() as MemoryTokenStore & Pick<TokenStore, 'withLock'>;
    store.withLock = async () => {
      throw new Error('no connection');
    };
    const manager = createTokenManager({ client: fake.client, store, now: clock.now });
    await manager.save('c1', tokens('access-0', clock.now() - 1));
    await assert.rejects(manager.getAccessToken('c1'), /no connection/);
    assert.deepEqual(fake.calls.refresh, []);
  });
});

describe('token manager: withAccessToken', () => {
  it('runs the function with a valid token', async () => {
    const { manager, clock } = setup();
    await manager.save('c1', tokens('access-0', clock.now() + HOUR));
    assert.equal(await manager.withAccessToken('c1', async (t) => `used ${t}`), 'used access-0');
  });

  it('on 401 invalid_token refreshes once and runs the function again', async () => {
    const { manager, clock, calls } = setup();
    await manager.save('c1', tokens('access-0', clock.now() + HOUR));
    const seen: string[] = [];
    const result = await manager.withAccessToken('c1', async (token) => {
      seen.push(token);
      if (token === 'access-0') throw invalidToken();
      return 'ok';
    });
    assert.equal(result, 'ok');
    assert.deepEqual(seen, ['access-0', 'access-1']);
    assert.equal(calls.refresh.length, 1);
  });

  it('gives up when the fresh token is rejected too', async () => {
    const { manager, clock } = setup();
    await manager.save('c1', tokens('access-0', clock.now() + HOUR));
    let runs = 0;
    const error = await manager
      .withAccessToken('c1', async () => {
        runs++;
        throw invalidToken();
      })
      .catch((e: unknown) => e);
    assert.ok(error instanceof WiseApiError && error.error === 'invalid_token');
    assert.equal(runs, 2);
  });

  it('does not retry other errors', async () => {
    const { manager, clock, calls } = setup();
    await manager.save('c1', tokens('access-0', clock.now() + HOUR));
    let runs = 0;
    const forbidden = new WiseApiError({ endpoint: 'GET /v2/profiles/9', status: 403, body: '' });
    await assert.rejects(
      manager.withAccessToken('c1', async () => {
        runs++;
        throw forbidden;
      }),
      (e) => e === forbidden,
    );
    assert.equal(runs, 1);
    assert.equal(calls.refresh.length, 0);
  });
});

describe('token manager with the real client', () => {
  it('recovers from invalid_grant answered by the token endpoint', async () => {
    const fake = fakeFetch((request) => {
      const grant = request.form.get('grant_type');
      if (grant === 'refresh_token')
        return json(400, { error: 'invalid_grant', error_description: 'revoked' });
      return json(200, userTokenBody('registered', 'refresh-new'));
    });
    const { client, clock } = testClient(fake);
    const manager = createTokenManager({
      client,
      store: new MemoryTokenStore(),
      recover: { registrationCredentials: () => credentials },
      now: clock.now,
    });
    await manager.save('c1', tokens('old', clock.now() - 1));
    assert.equal(await manager.getAccessToken('c1'), 'registered');
    assert.deepEqual(
      fake.requests.map((r) => r.form.get('grant_type')),
      ['refresh_token', 'registration_code'],
    );
  });
});
