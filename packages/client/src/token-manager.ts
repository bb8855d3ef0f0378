/**
 * A central token store with one refresher per user, refresh ahead of expiry, rotated refresh tokens kept,
 * and recovery: what contract §5 and §10.8 ask of a partner ("Keep one central token store; refresh before expiry, with one
 * refresher per user at a time; when a refresh fails with `invalid_grant`, regenerate from the
 * registration code …, and when that fails too … send the customer through linking again").
 *
 * Why one refresher matters: issuing a new access token invalidates the previous one at once (contract
 * §5), so two uncoordinated refreshes make each other's tokens fail. Within one process this manager
 * guarantees a single refresh per customer; a store shared by several processes offers `withLock`, and the
 * manager then renews under that lock, reading the tokens again once it holds it.
 *
 * Rotation (contract §5 "Rotation"): when a refresh answers a new refresh token, it is stored with the new
 * access token in one `put`; an `invalid_grant` after the platform detected reuse of a retired refresh
 * token (it revokes the grant) is handled as any rejected refresh: regenerate, else relink.
 *
 * Wise docs: https://docs.wise.com/guides/developer/auth-and-security/refresh-tokens
 *
 * @module
 */

import { abortable } from './context.js';
import { isNetworkError, isOAuthError, isTimeoutError } from './guards.js';
import { type RelinkReason, RelinkRequiredError } from './link-errors.js';
import type { RegistrationCredentials, UserTokens } from './oauth.js';
import type { WiseClient } from './wise-client.js';

/**
 * Where the partner keeps each customer's tokens, by the partner's own customer key: the one central token
 * store of contract §5 and §10.8. Implementations should encrypt at rest (the refresh token is a
 * long-lived secret). The manager serialises refreshes per customer within one process; a store shared by
 * several processes implements `withLock` too, or two refreshes will invalidate each other's access tokens
 * (§5).
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/refreshing-access
 */
export interface TokenStore {
  /** The stored tokens, or `undefined`/`null` when there are none. */
  get(customerKey: string): Promise<UserTokens | undefined | null>;
  /** Stores (replaces) the tokens. */
  put(customerKey: string, tokens: UserTokens): Promise<void>;
  /** Removes the tokens (they are dead: the customer must link again). */
  delete(customerKey: string): Promise<void>;
  /**
   * Optional, for a store shared by several processes (contract §5: "one refresher per user at a time"):
   * runs `fn` while holding a lock on this customer's tokens that no other process can take meanwhile
   * (e.g. a PostgreSQL advisory or row lock in a transaction), and gives it the store to read and write
   * under that lock. The manager renews (refresh or registration code) inside it, after reading the tokens
   * again: a renewal another process finished while this one waited is used, not repeated.
   */
  withLock?<T>(customerKey: string, fn: (locked: TokenStore) => Promise<T>): Promise<T>;
}

/**
 * An in-memory {@link TokenStore} (contract §10.8), for tests, examples and single-process demos. Not
 * durable, not shared between processes.
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/refreshing-access
 */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, UserTokens>();

  async get(customerKey: string): Promise<UserTokens | undefined> {
    return this.#tokens.get(customerKey);
  }

  async put(customerKey: string, tokens: UserTokens): Promise<void> {
    this.#tokens.set(customerKey, tokens);
  }

  async delete(customerKey: string): Promise<void> {
    this.#tokens.delete(customerKey);
  }
}

/**
 * How the manager regenerates tokens from the registration code (contract §3, §10.8) when nothing usable
 * is stored or the refresh token is rejected or expired.
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/refreshing-access
 * @see https://docs.wise.com/api-docs/api-reference/user-tokens
 */
export interface TokenRecovery {
  /**
   * The registration code and email of an API-created customer (decrypted from the partner's vault), or
   * `null` for a customer who was linked through §4/§6 and has none.
   */
  registrationCredentials(
    customerKey: string,
  ): Promise<RegistrationCredentials | null | undefined> | RegistrationCredentials | null | undefined;
}

/**
 * Options of {@link createTokenManager} (contract §5, §10.8).
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/refreshing-access
 */
export interface TokenManagerOptions {
  /** The client (only `refresh` and `tokensFromRegistrationCode` are used). */
  readonly client: Pick<WiseClient, 'refresh' | 'tokensFromRegistrationCode'>;
  readonly store: TokenStore;
  /**
   * Regenerates from the registration code when nothing usable is stored or the refresh token is rejected
   * or expired; without it, the customer must link again.
   */
  readonly recover?: TokenRecovery | undefined;
  /** Refresh this long before the access token expires (default 5 minutes). */
  readonly refreshAheadMs?: number | undefined;
  /** The clock, epoch milliseconds (default `Date.now`). */
  readonly now?: (() => number) | undefined;
}

/**
 * Options of the token manager's calls (contract §10.8).
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/refreshing-access
 */
export interface AccessTokenOptions {
  /** Stops waiting (the shared refresh itself goes on for other callers). */
  readonly signal?: AbortSignal | undefined;
  /** Refresh even if the stored access token looks valid. */
  readonly forceRefresh?: boolean | undefined;
}

/**
 * Tokens of many customers, kept fresh (contract §5, §10.8); see {@link createTokenManager}.
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/refreshing-access
 */
export interface TokenManager {
  /** Stores the tokens of a customer just linked or created (after `exchangeCode` / registration code). */
  save(customerKey: string, tokens: UserTokens): Promise<void>;

  /**
   * A valid access token for the customer: the stored one, or a refreshed one when it expires within
   * `refreshAheadMs`. Concurrent callers for one customer share a single refresh.
   *
   * @throws RelinkRequiredError when no grant is left (§10.8); the refresh's own error when it failed
   *   transiently and the stored access token has already expired.
   */
  getAccessToken(customerKey: string, options?: AccessTokenOptions): Promise<string>;

  /**
   * Runs `fn` with a valid access token. If `fn` fails with 401 `invalid_token` (the token was revoked,
   * or replaced by a refresh elsewhere), it runs once more with a fresh token; the request was rejected
   * at authentication, so repeating it is safe.
   */
  withAccessToken<T>(
    customerKey: string,
    fn: (accessToken: string) => Promise<T>,
    options?: Omit<AccessTokenOptions, 'forceRefresh'>,
  ): Promise<T>;

  /** Removes the customer's tokens (unlinking). */
  forget(customerKey: string): Promise<void>;
}

/**
 * Creates a {@link TokenManager} (contract §5, §10.8): refreshes `refreshAheadMs` before expiry with one
 * refresh per customer in flight (concurrent callers share it); sends a refresh whose answer was lost once
 * more; keeps using a still-valid access token when a refresh fails transiently; on `invalid_grant` (or no stored tokens, or an expired refresh token)
 * regenerates from the registration code when `recover` provides one (§3); when there is none, or it is
 * rejected too (§7 reclaim), deletes the stored tokens and throws {@link RelinkRequiredError}.
 *
 * @example
 * const tokens = createTokenManager({
 *   client: wise,
 *   store: new MemoryTokenStore(),
 *   recover: { registrationCredentials: (customerId) => vault.registrationCredentials(customerId) },
 * });
 * const profiles = await tokens.withAccessToken(customerId, (t) => wise.listProfiles(t));
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/refreshing-access
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { client, store, recover } = options;
  const now = options.now ?? Date.now;
  const refreshAheadMs = options.refreshAheadMs ?? 5 * 60_000;
  const inflight = new Map<string, Promise<UserTokens>>();

  const usable = (tokens: UserTokens) => now() < tokens.expiresAt - refreshAheadMs;

  /**
   * One renewal per customer at a time; later callers join the one in flight. `rejected` is an access
   * token that must not be returned (the server refused it, or the caller forces a refresh).
   */
  function renew(customerKey: string, rejected: string | undefined): Promise<UserTokens> {
    let renewal = inflight.get(customerKey);
    if (!renewal) {
      renewal = renewNow(customerKey, rejected).finally(() => inflight.delete(customerKey));
      inflight.set(customerKey, renewal);
    }
    return renewal;
  }

  /** Renews under the store's cross-process lock when it has one (see `TokenStore.withLock`). */
  function renewNow(customerKey: string, rejected: string | undefined): Promise<UserTokens> {
    const run = (s: TokenStore) => renewIn(s, customerKey, rejected);
    return store.withLock ? store.withLock(customerKey, run) : run(store);
  }

  async function renewIn(
    store: TokenStore,
    customerKey: string,
    rejected: string | undefined,
  ): Promise<UserTokens> {
    // Read again: a renewal that finished since the caller looked (here or, under the lock, in another
    // process) has already stored a good token, and refreshing again would invalidate it (contract §5).
    const current = await store.get(customerKey);
    if (current && current.accessToken !== rejected && usable(current)) return current;
    if (!current) return regenerate(store, customerKey, 'no_tokens', undefined);
    if (current.refreshTokenExpiresAt !== undefined && current.refreshTokenExpiresAt <= now()) {
      return regenerate(store, customerKey, 'refresh_rejected', undefined);
    }
    let next: UserTokens;
    try {
      next = await refresh(current.refreshToken);
    } catch (e) {
      if (isOAuthError(e, 'invalid_grant')) return regenerate(store, customerKey, 'refresh_rejected', e);
      // A transient failure while refreshing ahead: the stored token still works until it expires.
      if (current.accessToken !== rejected && now() < current.expiresAt) return current;
      throw e;
    }
    // One write for both tokens (contract §10 item 8): a rotated refresh token (§5 "Rotation") replaces the
    // one just presented, which the platform has retired; presenting that one again later revokes the grant.
    await store.put(customerKey, next);
    return next;
  }

  /**
   * A refresh whose answer was lost (network error, timeout) is sent once more at once. A rotating platform
   * has then retired the presented refresh token, and answers a repeat within its grace window with the
   * very tokens the lost answer held (contract §5 "Duplicates"); without this, the manager would keep a
   * retired token whose next use, later, revokes the grant. Wise, which does not rotate, just issues another
   * access token.
   */
  async function refresh(refreshToken: string): Promise<UserTokens> {
    try {
      return await client.refresh(refreshToken);
    } catch (e) {
      if (!isNetworkError(e) && !isTimeoutError(e)) throw e;
      return client.refresh(refreshToken);
    }
  }

  /** Contract §10.8: regenerate from the registration code, else the customer must link again. */
  async function regenerate(
    store: TokenStore,
    customerKey: string,
    reason: RelinkReason,
    cause: unknown,
  ): Promise<UserTokens> {
    const credentials = await recover?.registrationCredentials(customerKey);
    if (!credentials) {
      await store.delete(customerKey);
      throw new RelinkRequiredError(customerKey, reason, { cause });
    }
    let next: UserTokens;
    try {
      next = await client.tokensFromRegistrationCode(credentials);
    } catch (e) {
      // Rejected registration code: the person reclaimed the account (contract §3, §7).
      if (!isOAuthError(e, 'invalid_grant')) throw e;
      await store.delete(customerKey);
      throw new RelinkRequiredError(customerKey, 'registration_code_rejected', { cause: e });
    }
    await store.put(customerKey, next);
    return next;
  }

  async function getAccessToken(customerKey: string, opts?: AccessTokenOptions): Promise<string> {
    const current = await store.get(customerKey);
    if (current && !opts?.forceRefresh && usable(current)) return current.accessToken;
    const rejected = opts?.forceRefresh ? current?.accessToken : undefined;
    const renewed = await abortable(renew(customerKey, rejected), opts?.signal);
    return renewed.accessToken;
  }

  return {
    save: (customerKey, tokens) => store.put(customerKey, tokens),
    forget: (customerKey) => store.delete(customerKey),
    getAccessToken,
    async withAccessToken(customerKey, fn, opts) {
      const accessToken = await getAccessToken(customerKey, opts);
      try {
        return await fn(accessToken);
      } catch (e) {
        if (!isOAuthError(e, 'invalid_token') || e.status !== 401) throw e;
        const renewed = await abortable(renew(customerKey, accessToken), opts?.signal);
        return fn(renewed.accessToken);
      }
    },
  };
}
