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

  test('introspection: my live token is active with its user; revoked and foreign ones are not', async () => {
    const tokens = await newUser();
    const me = await client.me(tokens.accessToken);
    const active = await client.introspectToken({ token: tokens.accessToken });
    assert.equal(active.active, true);
    assert.equal(active.clientId, cp.credentials.clientId);
    assert.equal(active.subject, String(me.id));
    assert.equal(active.tokenType, 'bearer');
    assert.equal(active.scope, 'transfers');
    assert.equal(active.expiresAt, tokens.expiresAt + 1000);
    assert.equal((await other.introspectToken({ token: tokens.accessToken })).active, false);
    await client.revokeToken({ token: tokens.refreshToken, tokenTypeHint: 'refresh_token' });
    const revoked = await client.introspectToken({ token: tokens.refreshToken });
    assert.deepEqual(revoked.raw, { active: false });
  });

  test('discovery: the platform names itself, and the endpoints it names work with this client', async () => {
    const issuer = cp.platform.platform.config.issuer;
    const metadata = await client.discover(issuer);
    assert.equal(metadata.issuer, issuer);
    assert.equal(metadata.tokenEndpoint, `${issuer}/oauth/token`);
    assert.equal(metadata.revocationEndpoint, `${issuer}/oauth/revoke`);
    assert.equal(metadata.introspectionEndpoint, `${issuer}/oauth/introspect`);
    assert.ok(metadata.grantTypesSupported.includes('registration_code'));
    assert.deepEqual(metadata.codeChallengeMethodsSupported, ['S256']);
    assert.equal(metadata.authorizationResponseIssParameterSupported, true);
  });

  test('discovery refuses the platform under another name for it (RFC 8414 §3.3)', async () => {
    const issuer = cp.platform.platform.config.issuer;
    const alias = issuer.replace('127.0.0.1', 'localhost');
    assert.notEqual(alias, issuer);
    await assert.rejects(client.discover(alias), /names issuer/);
  });
});
