import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseApiError, WiseNetworkError, WiseTimeoutError } from './errors.js';
import { isRelinkRequired } from './guards.js';
import { RelinkRequiredError } from './link-errors.js';
import {
  credentials,
  HOUR,
  invalidGrant,
  invalidToken,
  setup,
  tokens,
} from './testing/token-manager-fixtures.js';

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

  it('sends a refresh whose answer was lost once more, and stores the rotated refresh token it answers', async () => {
    const { manager, clock, behaviour, calls, store } = setup();
    await manager.save('c1', tokens('access-0', clock.now() - 1, 'refresh-old'));
    let lost = true;
    behaviour.refresh = async () => {
      if (lost) {
        lost = false;
        throw new WiseTimeoutError('POST /oauth/token', 30_000);
      }
      return tokens('access-new', clock.now() + 12 * HOUR, 'refresh-new');
    };
    assert.equal(await manager.getAccessToken('c1'), 'access-new');
    assert.deepEqual(calls.refresh, ['refresh-old', 'refresh-old']);
    assert.deepEqual(await store.get('c1'), tokens('access-new', clock.now() + 12 * HOUR, 'refresh-new'));
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
