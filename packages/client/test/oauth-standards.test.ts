// The client's revocation (RFC 7009), introspection (RFC 7662) and discovery (RFC 8414) against the real
// platform on an ephemeral port.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateRegistrationCode, isWiseApiError, type UserTokens, type WiseClient } from '../src/index.js';
import { type ClientPlatform, startClientPlatform } from './support.js';

describe('client revocation and introspection against the platform', () => {
  let cp: ClientPlatform;
  let client: WiseClient;
  let other: WiseClient;
  let n = 0;
  before(async () => {
    cp = await startClientPlatform('Revoking Client Bank');
    client = cp.client;
    other = await cp.newClient('Other Client Bank');
  });
  after(() => cp.platform.close());

  async function newUser(): Promise<UserTokens> {
    const email = `client-revoke${++n}@example.com`;
    const registrationCode = generateRegistrationCode();
    await client.createUser({ email, registrationCode });
    return client.tokensFromRegistrationCode({ email, registrationCode });
  }
  const meStatus = (token: string) =>
    client.me(token).then(
      () => 200,
      (e: unknown) => (isWiseApiError(e) ? e.status : 0),
    );

  test('revoking an access token ends it alone; revoking the refresh token ends the grant', async () => {
    const tokens = await newUser();
    await client.revokeToken({ token: tokens.accessToken, tokenTypeHint: 'access_token' });
    assert.equal(await meStatus(tokens.accessToken), 401);
    const refreshed = await client.refresh(tokens.refreshToken);
    assert.equal(await meStatus(refreshed.accessToken), 200);
    await client.revokeToken({ token: refreshed.refreshToken });
    assert.equal(await meStatus(refreshed.accessToken), 401);
    await assert.rejects(
      client.refresh(refreshed.refreshToken),
      (e) => isWiseApiError(e) && e.status === 400,
    );
  });

  test("another client's revocation resolves and changes nothing; unknown tokens resolve", async () => {
    const tokens = await newUser();
    await other.revokeToken({ token: tokens.refreshToken });
    await other.revokeToken({ token: tokens.accessToken });
    await client.revokeToken({ token: 'no-such-token' });
    assert.equal(await meStatus(tokens.accessToken), 200);
  });
});
