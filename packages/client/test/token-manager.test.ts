// The token manager against the real platform (contract §3, §5, §10.8): refresh ahead of expiry with one
// refresh shared by concurrent callers, recovery from the registration code after the platform revoked the
// grant, and RelinkRequired when no grant can be had again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HASH, hashSecret } from '@account-access/platform';
import {
  createTokenManager,
  generatePkce,
  generateRegistrationCode,
  generateState,
  isOAuthError,
  isRelinkRequired,
  MemoryTokenStore,
  type RegistrationCredentials,
  type TokenManager,
  type UserTokens,
  type WiseClient,
} from '../src/index.js';
import {
  addPerson,
  brazilianCustomer,
  type ClientPlatform,
  completeHostedFlow,
  PERSONAL_PROFILE,
  REDIRECT,
  startClientPlatform,
} from './support.js';

const TWELVE_HOURS = 43_199;

describe('client: the token manager against the platform', () => {
  let cp: ClientPlatform;
  let client: WiseClient;
  let store: MemoryTokenStore;
  let manager: TokenManager;
  const vault = new Map<string, RegistrationCredentials>();
  const calls = { refresh: 0, registrationCode: 0 };
  let n = 0;

  before(async () => {
    cp = await startClientPlatform();
    client = cp.client;
    store = new MemoryTokenStore();
    manager = createTokenManager({
      // Counts the grants the manager asks for, then sends them to the platform.
      client: {
        refresh: (refreshToken, o) => {
          calls.refresh++;
          return client.refresh(refreshToken, o);
        },
        tokensFromRegistrationCode: (credentials, o) => {
          calls.registrationCode++;
          return client.tokensFromRegistrationCode(credentials, o);
        },
      },
      store,
      recover: { registrationCredentials: (customerKey) => vault.get(customerKey) ?? null },
      now: cp.now,
    });
  });
  after(() => cp.platform.close());

  /** An API-created customer, its registration code in the vault and its tokens saved. */
  async function apiCustomer(): Promise<{ key: string; email: string; tokens: UserTokens }> {
    const key = `customer-${++n}`;
    const email = `managed${n}@example.com`;
    const registrationCode = generateRegistrationCode();
    assert.equal((await client.createUser({ email, registrationCode })).kind, 'created');
    vault.set(key, { email, registrationCode });
    const tokens = await client.tokensFromRegistrationCode({ email, registrationCode });
    await manager.save(key, tokens);
    return { key, email, tokens };
  }

  /** The platform's grant behind an access token, revoked as an operator or a reclaim would. */
  async function revokeGrantOf(accessToken: string): Promise<void> {
    const { platform } = cp.platform;
    const hash = hashSecret(platform.config.serverSecret, HASH.accessToken, accessToken);
    const grant = await platform.stores.grants.findAccessToken(hash, platform.now());
    assert.ok(grant, 'the access token is live on the platform');
    await platform.stores.grants.revoke(grant.grantId, platform.now());
  }

  const reset = () => {
    calls.refresh = 0;
    calls.registrationCode = 0;
  };

  test('a saved token is used as is until shortly before expiry, then one refresh serves every caller', async () => {
    const { key, email, tokens } = await apiCustomer();
    reset();
    assert.equal(await manager.getAccessToken(key), tokens.accessToken);
    cp.platform.clock.advance(TWELVE_HOURS - 6 * 60);
    assert.equal(await manager.getAccessToken(key), tokens.accessToken, 'more than 5 minutes left');
    assert.equal(calls.refresh, 0);

    cp.platform.clock.advance(2 * 60);
    const concurrent = await Promise.all(Array.from({ length: 8 }, () => manager.getAccessToken(key)));
    assert.equal(calls.refresh, 1, 'one refresh for eight callers');
    assert.equal(new Set(concurrent).size, 1);
    const [fresh] = concurrent;
    assert.notEqual(fresh, tokens.accessToken);
    assert.equal((await store.get(key))?.accessToken, fresh);
    // The refreshed token works on the platform and the one it replaced does not (§5).
    assert.equal((await client.me(fresh!)).email, email);
    await assert.rejects(client.me(tokens.accessToken), (e) => isOAuthError(e, 'invalid_token'));
    // One refresh on the platform too: the grant holds the first token and exactly one more.
    const { rows } = await cp.platform.db.query<{ n: number }>(
      `select count(*)::int as n from access_tokens where grant_id =
         (select grant_id from access_tokens where token_hash = $1)`,
      [hashSecret(cp.platform.platform.config.serverSecret, HASH.accessToken, fresh!)],
    );
    assert.equal(rows[0]?.n, 2);

    const profile = await manager.withAccessToken(key, (t) =>
      client.createPersonalProfile(t, brazilianCustomer(email, 'Eva')),
    );
    assert.equal(profile.type, 'personal');
    assert.equal(calls.refresh, 1);
  });

  test('the refresh token revoked on the platform: recovered from the registration code', async () => {
    const { key, email, tokens } = await apiCustomer();
    await revokeGrantOf(tokens.accessToken);
    await assert.rejects(client.refresh(tokens.refreshToken), (e) => isOAuthError(e, 'invalid_grant'));
    reset();

    // The stored access token is dead (revoked with its grant): the call fails with 401 invalid_token,
    // the manager's refresh is refused, and it regenerates from the registration code (§10.8).
    const me = await manager.withAccessToken(key, (t) => client.me(t));
    assert.equal(me.email, email);
    assert.deepEqual(calls, { refresh: 1, registrationCode: 1 });
    const recovered = await store.get(key);
    assert.ok(recovered);
    assert.notEqual(recovered.accessToken, tokens.accessToken);
    assert.notEqual(recovered.refreshToken, tokens.refreshToken);
    // The new refresh token is live on the platform: the next renewal is an ordinary refresh.
    cp.platform.clock.advance(TWELVE_HOURS);
    const next = await manager.getAccessToken(key);
    assert.deepEqual(calls, { refresh: 2, registrationCode: 1 });
    assert.equal((await client.me(next)).email, email);
  });

  test('an account the person reclaimed: the registration code fails too, so the customer must relink', async () => {
    const { key, email, tokens } = await apiCustomer();
    await revokeGrantOf(tokens.accessToken);
    await cp.platform.db.query('update users set reclaimed_at = $2 where email = $1', [
      email,
      cp.platform.clock.now(),
    ]);
    await assert.rejects(
      manager.withAccessToken(key, (t) => client.me(t)),
      (e) => isRelinkRequired(e) && e.reason === 'registration_code_rejected' && e.customerKey === key,
    );
    assert.equal(await store.get(key), undefined, 'dead tokens are forgotten');
    await assert.rejects(manager.getAccessToken(key), (e) => isRelinkRequired(e));
  });

  test('a linked customer (no registration code) whose refresh token is revoked must relink', async () => {
    const person = await addPerson(cp.platform, {
      email: 'linked.managed@example.com',
      profiles: [PERSONAL_PROFILE],
    });
    const state = generateState();
    const pkce = await generatePkce();
    const callbackUrl = await completeHostedFlow(
      cp.platform,
      client.authorizeUrl({ redirectUri: REDIRECT, state, codeChallenge: pkce.codeChallenge }),
      person,
    );
    const callback = client.parseCallback(callbackUrl, { expectedState: state });
    if (callback.kind !== 'authorized') assert.fail(String(callback.error));
    const key = 'linked-customer';
    const tokens = await client.exchangeCode({
      code: callback.code,
      redirectUri: REDIRECT,
      codeVerifier: pkce.codeVerifier,
    });
    await manager.save(key, tokens);
    assert.deepEqual(
      (await manager.withAccessToken(key, (t) => client.listProfiles(t))).map((p) => p.id),
      [callback.profileId],
    );

    // While the grant lives, an expired access token is refreshed, not regenerated.
    cp.platform.clock.advance(TWELVE_HOURS);
    reset();
    assert.equal((await manager.withAccessToken(key, (t) => client.me(t))).email, person.email);
    assert.deepEqual(calls, { refresh: 1, registrationCode: 0 });

    await revokeGrantOf((await store.get(key))!.accessToken);
    await assert.rejects(
      manager.withAccessToken(key, (t) => client.me(t)),
      (e) => isRelinkRequired(e) && e.reason === 'refresh_rejected',
    );
    assert.equal(await store.get(key), undefined);
  });
});
