// The token manager against a platform client that rotates its refresh tokens (contract §5 "Rotation",
// §10 item 8): the rotated refresh token is stored with its access token, a lost refresh answer is
// recovered by the platform's grace window, and reuse detection (the grant revoked) is a broken link.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createClient,
  createTokenManager,
  generateRegistrationCode,
  isOAuthError,
  isRelinkRequired,
  MemoryTokenStore,
  type RegistrationCredentials,
  type TokenManager,
  type WiseClient,
  WiseNetworkError,
} from '../src/index.js';
import { type ClientPlatform, REDIRECT, startClientPlatform } from './support.js';

const TWELVE_HOURS = 43_200;

describe('client: the token manager with a rotating platform client', () => {
  let cp: ClientPlatform;
  let client: WiseClient;
  let store: MemoryTokenStore;
  let manager: TokenManager;
  const vault = new Map<string, RegistrationCredentials>();
  /** Set to make the next refresh reach the platform and then lose its answer. */
  let loseNextAnswer = false;
  let refreshes = 0;
  let n = 0;

  before(async () => {
    cp = await startClientPlatform();
    const credentials = await cp.platform.addClient({
      name: 'Rotating Bank',
      redirectUris: [REDIRECT],
      rotate: 'always',
    });
    client = createClient({ environment: cp.environment, ...credentials, now: cp.now });
    store = new MemoryTokenStore();
    manager = createTokenManager({
      client: {
        refresh: async (refreshToken, o) => {
          refreshes++;
          const answer = await client.refresh(refreshToken, o);
          if (loseNextAnswer) {
            loseNextAnswer = false;
            throw new WiseNetworkError('POST /oauth/token', { cause: new Error('ECONNRESET') });
          }
          return answer;
        },
        tokensFromRegistrationCode: (credentials, o) => client.tokensFromRegistrationCode(credentials, o),
      },
      store,
      recover: { registrationCredentials: (customerKey) => vault.get(customerKey) ?? null },
      now: cp.now,
    });
  });
  after(() => cp.platform.close());

  async function customer(withRecovery: boolean) {
    const key = `rotating-${++n}`;
    const email = `rotating${n}@example.com`;
    const registrationCode = generateRegistrationCode();
    assert.equal((await client.createUser({ email, registrationCode })).kind, 'created');
    if (withRecovery) vault.set(key, { email, registrationCode });
    const tokens = await client.tokensFromRegistrationCode({ email, registrationCode });
    await manager.save(key, tokens);
    return { key, email, tokens };
  }

  test('each refresh stores the rotated refresh token with its access token, and the next one uses it', async () => {
    const { key, email, tokens } = await customer(false);
    cp.platform.clock.advance(TWELVE_HOURS);
    const first = await manager.getAccessToken(key);
    const stored = await store.get(key);
    assert.equal(stored?.accessToken, first);
    assert.notEqual(stored?.refreshToken, tokens.refreshToken, 'rotated');
    cp.platform.clock.advance(TWELVE_HOURS);
    assert.equal((await manager.withAccessToken(key, (t) => client.me(t))).email, email);
    const again = await store.get(key);
    assert.notEqual(again?.refreshToken, stored?.refreshToken);
    // The first refresh token is retired on the platform: presenting it now is reuse, and ends the grant.
    await assert.rejects(client.refresh(tokens.refreshToken), (e) => isOAuthError(e, 'invalid_grant'));
    await assert.rejects(client.me(again!.accessToken), (e) => isOAuthError(e, 'invalid_token'));
  });

  test('a refresh whose answer was lost: sent again at once, it gets the same tokens, which work', async () => {
    const { key, email } = await customer(false);
    cp.platform.clock.advance(TWELVE_HOURS);
    refreshes = 0;
    loseNextAnswer = true;
    const token = await manager.getAccessToken(key);
    assert.equal(refreshes, 2);
    assert.equal((await client.me(token)).email, email);
    // The stored refresh token is the platform's current one: the next refresh is ordinary.
    cp.platform.clock.advance(TWELVE_HOURS);
    assert.equal((await manager.withAccessToken(key, (t) => client.me(t))).email, email);
  });

  test('reuse detected (a copy of the token used elsewhere first): relink, or regenerate when it can', async () => {
    for (const withRecovery of [false, true]) {
      const { key, email, tokens } = await customer(withRecovery);
      // Someone holding a copy of the stored refresh token uses it first; the manager's copy is retired.
      assert.equal((await client.refresh(tokens.refreshToken)).tokenType, 'bearer');
      cp.platform.clock.advance(TWELVE_HOURS);
      if (!withRecovery) {
        await assert.rejects(
          manager.getAccessToken(key),
          (e) => isRelinkRequired(e) && e.reason === 'refresh_rejected',
        );
        assert.equal(await store.get(key), undefined, 'dead tokens are forgotten');
      } else {
        assert.equal((await manager.withAccessToken(key, (t) => client.me(t))).email, email);
      }
    }
  });
});
