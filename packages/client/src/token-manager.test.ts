import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRelinkRequired, RelinkRequiredError, WiseApiError, WiseNetworkError } from './errors.js';
import type { RegistrationCredentials, UserTokens } from './oauth.js';
import { fakeFetch, json, userTokenBody } from './testing/fake-fetch.js';
import { fakeClock, testClient } from './testing/test-client.js';
import {
  createTokenManager,
  MemoryTokenStore,
  type TokenManagerOptions,
  type TokenStore,
} from './token-manager.js';

const HOUR = 3_600_000;
const invalidGrant = (status = 400) =>
  new WiseApiError({ endpoint: 'POST /oauth/token', status, body: '{"error":"invalid_grant"}' });
const invalidToken = () =>
  new WiseApiError({ endpoint: 'GET /v2/profiles', status: 401, body: '{"error":"invalid_token"}' });

function tokens(accessToken: string, expiresAt: number, refreshToken = 'refresh-1'): UserTokens {
  return {
    accessToken,
    tokenType: 'bearer',
    refreshToken,
    expiresAt,
    refreshTokenExpiresAt: undefined,
    scope: 'transfers',
  };
}

/** A fake of the two client calls the manager uses, counting them; each refresh waits a few ticks. */
function fakeClient(now: () => number) {
  const calls = { refresh: [] as string[], registration: [] as RegistrationCredentials[] };
  let issued = 0;
  const behaviour = {
    refresh: async (_refreshToken: string): Promise<UserTokens> =>
      tokens(`access-${++issued}`, now() + 12 * HOUR),
    registration: async (_c: RegistrationCredentials): Promise<UserTokens> =>
      tokens(`registered-${++issued}`, now() + 12 * HOUR, 'refresh-registered'),
  };
  const client: TokenManagerOptions['client'] = {
    async refresh(refreshToken) {
      calls.refresh.push(refreshToken);
      await new Promise((r) => setImmediate(r));
      return behaviour.refresh(refreshToken);
    },
    async tokensFromRegistrationCode(credentials) {
      calls.registration.push(credentials);
      await new Promise((r) => setImmediate(r));
      return behaviour.registration(credentials);
    },
  };
  return { client, calls, behaviour };
}

function setup(options: Partial<TokenManagerOptions> = {}) {
  const clock = fakeClock();
  const fake = fakeClient(clock.now);
  const store = new MemoryTokenStore();
  const manager = createTokenManager({
    client: fake.client,
    store,
    now: clock.now,
    refreshAheadMs: 60_000,
    ...options,
  });
  return { clock, store, manager, ...fake };
}

const credentials = { email: 'ana@example.com', registrationCode: 'r'.repeat(43) };

describe('token manager: refresh', () => {
  it('returns the stored access token while it is fresh', async () => {
    const { manager, clock, calls } = setup();
    await manager.save('c1', tokens('access-0', clock.now() + HOUR));
    assert.equal(await manager.getAccessToken('c1'), 'access-0');
    assert.deepEqual(calls.refresh, []);
  });

  it('refreshes ahead of expiry and stores the new tokens', async () => {
    const { manager, clock, store, calls } = setup();
    await manager.save('c1', tokens('access-0', clock.now() + HOUR));
    clock.advance(HOUR - 60_000);
    assert.equal(await manager.getAccessToken('c1'), 'access-1');
    assert.deepEqual(calls.refresh, ['refresh-1']);
    assert.equal((await store.get('c1'))?.accessToken, 'access-1');
    assert.equal(await manager.getAccessToken('c1'), 'access-1');
    assert.equal(calls.refresh.length, 1);
  });

  it('forceRefresh refreshes a fresh token', async () => {
    const { manager, clock, calls } = setup();
    await manager.save('c1', tokens('access-0', clock.now() + HOUR));
    assert.equal(await manager.getAccessToken('c1', { forceRefresh: true }), 'access-1');
    assert.equal(calls.refresh.length, 1);
  });

  it('10 concurrent callers share exactly one refresh', async () => {
    const { manager, clock, calls } = setup();
    await manager.save('c1', tokens('access-0', clock.now() - 1));
    const results = await Promise.all(Array.from({ length: 10 }, () => manager.getAccessToken('c1')));
    assert.equal(calls.refresh.length, 1);
    assert.deepEqual(new Set(results), new Set(['access-1']));
  });

  it('refreshes each customer separately, once each', async () => {
    const { manager, clock, calls } = setup();
    await manager.save('c1', tokens('a-0', clock.now() - 1, 'r-c1'));
    await manager.save('c2', tokens('b-0', clock.now() - 1, 'r-c2'));
    await Promise.all(Array.from({ length: 10 }, (_, i) => manager.getAccessToken(i % 2 ? 'c1' : 'c2')));
    assert.deepEqual(calls.refresh.sort(), ['r-c1', 'r-c2']);
  });

  it('a caller that saw the old token after a refresh finished does not refresh again', async () => {
    const { manager, clock, store, calls } = setup();
    await manager.save('c1', tokens('access-0', clock.now() - 1));
    const stale = await store.get('c1');
    assert.equal(await manager.getAccessToken('c1'), 'access-1');
    // Another caller, holding the stale token, asks for a renewal because the server rejected it.
    const renewed = await manager.withAccessToken('c1', async (token) => {
      if (token === stale?.accessToken) throw invalidToken();
      return token;
    });
    assert.equal(renewed, 'access-1');
    assert.equal(calls.refresh.length, 1);
  });

  it('keeps using a still-valid token when a refresh ahead of expiry fails transiently', async () => {
    const { manager, clock, behaviour } = setup();
    await manager.save('c1', tokens('access-0', clock.now() + 30_000));
    behaviour.refresh = async () => {
      throw new WiseNetworkError('POST /oauth/token', { cause: new Error('ECONNRESET') });
    };
    assert.equal(await manager.getAccessToken('c1'), 'access-0');
    clock.advance(30_000);
    await assert.rejects(manager.getAccessToken('c1'), WiseNetworkError);
  });

  it('lets a waiting caller give up without cancelling the shared refresh', async () => {
    const { manager, clock, calls } = setup();
    await manager.save('c1', tokens('access-0', clock.now() - 1));
    const controller = new AbortController();
    const impatient = manager.getAccessToken('c1', { signal: controller.signal }).catch((e: unknown) => e);
    const patient = manager.getAccessToken('c1');
    controller.abort(new Error('gave up'));
    assert.equal(((await impatient) as Error).message, 'gave up');
    assert.equal(await patient, 'access-1');
    assert.equal(calls.refresh.length, 1);
  });
});

describe('token manager: recovery', () => {
  it('regenerates from the registration code when the refresh token is rejected', async () => {
    const { manager, clock, store, calls, behaviour } = setup({
      recover: { registrationCredentials: async (key) => (key === 'c1' ? credentials : null) },
    });
    await manager.save('c1', tokens('access-0', clock.now() - 1));
    behaviour.refresh = async () => {
      throw invalidGrant();
    };
    assert.equal(await manager.getAccessToken('c1'), 'registered-1');
    assert.deepEqual(calls.registration, [credentials]);
    assert.equal((await store.get('c1'))?.refreshToken, 'refresh-registered');
  });

  it('10 concurrent callers share one refresh and one regeneration', async () => {
    const { manager, clock, calls, behaviour } = setup({
      recover: { registrationCredentials: () => credentials },
    });
    await manager.save('c1', tokens('access-0', clock.now() - 1));
    behaviour.refresh = async () => {
      throw invalidGrant(401);
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => manager.getAccessToken('c1')));
    assert.deepEqual(new Set(results), new Set(['registered-1']));
    assert.equal(calls.refresh.length, 1);
    assert.equal(calls.registration.length, 1);
  });

  it('regenerates a customer with no stored tokens from the registration code', async () => {
    const { manager, calls } = setup({ recover: { registrationCredentials: () => credentials } });
    assert.equal(await manager.getAccessToken('c1'), 'registered-1');
    assert.deepEqual(calls.refresh, []);
  });

  it('regenerates without calling refresh when the refresh token has expired', async () => {
    const { manager, clock, calls } = setup({ recover: { registrationCredentials: () => credentials } });
    await manager.save('c1', {
      ...tokens('access-0', clock.now() - 1),
      refreshTokenExpiresAt: clock.now() - 1,
    });
    assert.equal(await manager.getAccessToken('c1'), 'registered-1');
    assert.deepEqual(calls.refresh, []);
  });

  it('requires relinking when the refresh token is rejected and there is no registration code', async () => {
    for (const recover of [undefined, { registrationCredentials: async () => null }]) {
      const { manager, clock, store, behaviour } = setup({ recover });
      await manager.save('c1', tokens('access-0', clock.now() - 1));
      const cause = invalidGrant();
      behaviour.refresh = async () => {
        throw cause;
      };
      const error = await manager.getAccessToken('c1').catch((e: unknown) => e);
      assert.ok(error instanceof RelinkRequiredError);
      assert.equal(error.reason, 'refresh_rejected');
      assert.equal(error.customerKey, 'c1');
      assert.equal(error.cause, cause);
      assert.equal(await store.get('c1'), undefined);
    }
  });

  it('requires relinking when the registration code is rejected too (reclaimed account)', async () => {
    const { manager, clock, store, behaviour } = setup({
      recover: { registrationCredentials: () => credentials },
    });
    await manager.save('c1', tokens('access-0', clock.now() - 1));
    behaviour.refresh = async () => {
      throw invalidGrant();
    };
    behaviour.registration = async () => {
      throw invalidGrant(401);
    };
    const error = await manager.getAccessToken('c1').catch((e: unknown) => e);
    assert.ok(isRelinkRequired(error));
    assert.equal(error.reason, 'registration_code_rejected');
    assert.equal(await store.get('c1'), undefined);
  });

  it('requires relinking for an unknown customer without a registration code', async () => {
    const { manager } = setup();
    const error = await manager.getAccessToken('nobody').catch((e: unknown) => e);
    assert.ok(isRelinkRequired(error) && error.reason === 'no_tokens');
  });

  it('does not relink on transient failures of the regeneration', async () => {
    const { manager, clock, store, behaviour } = setup({
      recover: { registrationCredentials: () => credentials },
    });
    await manager.save('c1', tokens('access-0', clock.now() - 1));
    behaviour.refresh = async () => {
      throw invalidGrant();
    };
    behaviour.registration = async () => {
      throw new WiseApiError({ endpoint: 'POST /oauth/token', status: 503, body: '' });
    };
    const error = await manager.getAccessToken('c1').catch((e: unknown) => e);
    assert.ok(error instanceof WiseApiError && error.status === 503);
    assert.notEqual(await store.get('c1'), undefined);
  });

  it('forget removes the tokens', async () => {
    const { manager, clock, store } = setup();
    await manager.save('c1', tokens('access-0', clock.now() + HOUR));
    await manager.forget('c1');
    assert.equal(await store.get('c1'), undefined);
  });
});

/**
 * A store shared by "processes" (managers) with a lock per customer, as a database store would offer; it
 * records which operations ran under the lock.
 */
class LockingStore extends MemoryTokenStore {
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly log: string[] = [];
  withLock<T>(customerKey: string, fn: (locked: TokenStore) => Promise<T>): Promise<T> {
    const noted = <A extends unknown[], R>(name: string, op: (...args: A) => R) => {
      return (...args: A): R => {
        this.log.push(`locked ${name} ${String(args[0])}`);
        return op(...args);
      };
    };
    const locked: TokenStore = {
      get: noted('get', (k: string) => this.get(k)),
      put: noted('put', (k: string, t: UserTokens) => this.put(k, t)),
      delete: noted('delete', (k: string) => this.delete(k)),
    };
    const previous = this.#locks.get(customerKey) ?? Promise.resolve();
    const run = previous.then(() => fn(locked));
    this.#locks.set(
      customerKey,
      run.catch(() => {}),
    );
    return run;
  }
}

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
