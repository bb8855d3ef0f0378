// What the token manager's tests share: a fake of the two client calls it uses, a fake clock, and a store
// with a per-customer lock as a database store would offer (contract §5).
import { WiseApiError } from '../errors.js';
import type { RegistrationCredentials, UserTokens } from '../oauth.js';
import {
  createTokenManager,
  MemoryTokenStore,
  type TokenManagerOptions,
  type TokenStore,
} from '../token-manager.js';
import { fakeClock } from './test-client.js';

export const HOUR = 3_600_000;
export const invalidGrant = (status = 400) =>
  new WiseApiError({ endpoint: 'POST /oauth/token', status, body: '{"error":"invalid_grant"}' });
export const invalidToken = () =>
  new WiseApiError({ endpoint: 'GET /v2/profiles', status: 401, body: '{"error":"invalid_token"}' });

export function tokens(accessToken: string, expiresAt: number, refreshToken = 'refresh-1'): UserTokens {
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
export function fakeClient(now: () => number) {
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

export function setup(options: Partial<TokenManagerOptions> = {}) {
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

export const credentials = { email: 'ana@example.com', registrationCode: 'r'.repeat(43) };

/**
 * A store shared by "processes" (managers) with a lock per customer, as a database store would offer; it
 * records which operations ran under the lock.
 */
export class LockingStore extends MemoryTokenStore {
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
