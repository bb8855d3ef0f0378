// A third-party, standards-minded OAuth client (openid-client, on oauth4webapi) against the platform: it
// learns every endpoint from the RFC 8414 metadata and nothing else, so a wrong document fails here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import {
  linkAccount,
  PageClient,
  PERSONAL,
  postJson,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';
import { CODE } from '../support/partner.js';

const REDIRECT = 'https://bank.example/callback';

/** openid-client wraps oauth4webapi's refusal; the reason is in the cause. */
const refusedFor = (reason: RegExp) => (e: unknown) =>
  e instanceof Error && reason.test(`${e.message} ${(e.cause as Error | undefined)?.message ?? ''}`);

describe('openid-client against the platform (RFC 8414, 6749, 7636, 9207, 7009, 7662)', () => {
  let p: TestPlatform;
  let config: oidc.Configuration;
  let credentials: { clientId: string; clientSecret: string };
  const person = { email: 'oidc-ada@example.com', password: 'correct horse battery staple' };

  before(async () => {
    p = await startTestPlatform();
    credentials = await p.addClient({ name: 'Standard Bank', redirectUris: [REDIRECT] });
    await seedPerson(p, { ...person, profiles: [PERSONAL] });
    // RFC 8414 discovery (`oauth2`: /.well-known/oauth-authorization-server; the platform is no OpenID
    // provider, so it serves no openid-configuration). Loopback http needs the library's explicit opt-in.
    config = await oidc.discovery(
      new URL(p.platform.config.issuer),
      credentials.clientId,
      undefined,
      oidc.ClientSecretBasic(credentials.clientSecret),
      { algorithm: 'oauth2', execute: [oidc.allowInsecureRequests] },
    );
  });
  after(() => p.close());

  /** The hosted pages driven from the URL openid-client built; the callback URL the browser lands on. */
  async function authorize(on = config): Promise<{ callback: URL; verifier: string; state: string }> {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(on, {
      redirect_uri: REDIRECT,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    assert.equal(url.origin + url.pathname, `${p.platform.config.issuer}/oauth/authorize`);
    const callback = await linkAccount(p, new PageClient(p.url), {
      client: { clientId: url.searchParams.get('client_id')! },
      redirectUri: url.searchParams.get('redirect_uri')!,
      state: url.searchParams.get('state')!,
      challenge: url.searchParams.get('code_challenge')!,
      ...person,
    });
    return { callback, verifier, state };
  }

  test('discovers the issuer, its endpoints and what it supports', () => {
    const meta = config.serverMetadata();
    assert.equal(meta.issuer, p.platform.config.issuer);
    assert.equal(meta.token_endpoint, `${p.platform.config.issuer}/oauth/token`);
    assert.equal(meta.supportsPKCE('S256'), true);
    assert.equal(meta.supportsPKCE('plain'), false);
    assert.equal(meta.authorization_response_iss_parameter_supported, true);
  });

  test('client credentials, then registration_code as a generic grant, refresh, introspection, revocation', async () => {
    const partner = await oidc.clientCredentialsGrant(config);
    assert.equal(partner.token_type, 'bearer');
    const email = 'oidc-api-user@example.com';
    const signup = await postJson(
      `${p.url}/v1/user/signup/registration_code`,
      { email, registrationCode: CODE },
      { authorization: `Bearer ${partner.access_token}` },
    );
    assert.equal(signup.status, 200, signup.text);

    const user = await oidc.genericGrantRequest(config, 'registration_code', {
      client_id: credentials.clientId,
      email,
      registration_code: CODE,
    });
    assert.equal(typeof user.refresh_token, 'string');
    const refreshed = await oidc.refreshTokenGrant(config, user.refresh_token!);
    assert.notEqual(refreshed.access_token, user.access_token);

    const live = await oidc.tokenIntrospection(config, refreshed.access_token);
    assert.equal(live.active, true);
    assert.equal(live.client_id, credentials.clientId);
    assert.equal(live.sub, String(signup.body.id));
    assert.equal((await oidc.tokenIntrospection(config, user.access_token)).active, false);

    await oidc.tokenRevocation(config, user.refresh_token!, { token_type_hint: 'refresh_token' });
    assert.equal((await oidc.tokenIntrospection(config, refreshed.access_token)).active, false);
    await assert.rejects(oidc.refreshTokenGrant(config, user.refresh_token!), (e: unknown) => {
      return e instanceof oidc.ResponseBodyError && e.error === 'invalid_grant';
    });
    // The partner token lives on until revoked itself.
    assert.equal((await oidc.tokenIntrospection(config, partner.access_token)).active, true);
    await oidc.tokenRevocation(config, partner.access_token);
    assert.equal((await oidc.tokenIntrospection(config, partner.access_token)).active, false);
  });

  test('authorization code with PKCE: the callback carries iss and the library checks it (RFC 9207)', async () => {
    const { callback, verifier, state } = await authorize();
    assert.equal(callback.searchParams.get('iss'), p.platform.config.issuer);
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    assert.equal(tokens.token_type, 'bearer');
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    assert.equal((await oidc.tokenIntrospection(config, refreshed.access_token)).active, true);
    await oidc.tokenRevocation(config, refreshed.access_token, { token_type_hint: 'access_token' });
    assert.equal((await oidc.tokenIntrospection(config, refreshed.access_token)).active, false);
    assert.equal((await oidc.tokenIntrospection(config, tokens.refresh_token!)).active, true);
  });

  test('a callback with a missing or foreign iss is refused before any code exchange (RFC 9207 §2.4)', async () => {
    const { callback, verifier, state } = await authorize();
    const forged = new URL(callback);
    forged.searchParams.set('iss', 'https://attacker.example');
    await assert.rejects(
      oidc.authorizationCodeGrant(config, forged, { pkceCodeVerifier: verifier, expectedState: state }),
      refusedFor(/"iss"/),
    );
    const stripped = new URL(callback);
    stripped.searchParams.delete('iss');
    await assert.rejects(
      oidc.authorizationCodeGrant(config, stripped, { pkceCodeVerifier: verifier, expectedState: state }),
      refusedFor(/"iss"/),
    );
    // The code was never sent, so it still works with the genuine callback.
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    assert.equal(typeof tokens.access_token, 'string');
  });

  test('client_secret_post works for every endpoint too', async () => {
    const post = await oidc.discovery(
      new URL(p.platform.config.issuer),
      credentials.clientId,
      undefined,
      oidc.ClientSecretPost(credentials.clientSecret),
      { algorithm: 'oauth2', execute: [oidc.allowInsecureRequests] },
    );
    const token = await oidc.clientCredentialsGrant(post);
    assert.equal((await oidc.tokenIntrospection(post, token.access_token)).active, true);
    await oidc.tokenRevocation(post, token.access_token);
    assert.equal((await oidc.tokenIntrospection(post, token.access_token)).active, false);
  });

  test('a public client (auth method none) gets tokens with PKCE and revokes its own grant', async () => {
    const app = await p.addClient({ name: 'Public App', redirectUris: [REDIRECT], isPublic: true });
    const pub = await oidc.discovery(
      new URL(p.platform.config.issuer),
      app.clientId,
      undefined,
      oidc.None(),
      {
        algorithm: 'oauth2',
        execute: [oidc.allowInsecureRequests],
      },
    );
    const { callback, verifier, state } = await authorize(pub);
    const tokens = await oidc.authorizationCodeGrant(pub, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    await oidc.tokenRevocation(pub, tokens.refresh_token!, { token_type_hint: 'refresh_token' });
    await assert.rejects(oidc.refreshTokenGrant(pub, tokens.refresh_token!), (e: unknown) => {
      return e instanceof oidc.ResponseBodyError && e.error === 'invalid_grant';
    });
    // Introspection is for confidential clients only (RFC 7662 §4): the metadata leaves `none` out.
    // The 401 carries its Basic challenge (RFC 6749 §5.2), which the library reports as such.
    await assert.rejects(oidc.tokenIntrospection(pub, tokens.access_token), (e: unknown) => {
      return e instanceof oidc.WWWAuthenticateChallengeError && e.status === 401;
    });
  });
});
