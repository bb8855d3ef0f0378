// The client's redirect flow against the real platform (contract §4, §5, §8, §10.3–10.6): the authorize URL
// it builds is opened by a browser played over HTTP (cookies, CSRF, password, TOTP, profile, consent), the
// callback is parsed and checked, the code exchanged with PKCE, and the token reads only what was granted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newTotpSecret } from '@account-access/platform/testing';
import {
  dateOfBirthMatches,
  generatePkce,
  generateState,
  isCallbackError,
  isOAuthError,
  isWiseApiError,
  type WiseClient,
} from '../src/index.js';
import {
  addPerson,
  BUSINESS_PROFILE,
  type ClientPlatform,
  completeHostedFlow,
  PERSONAL_PROFILE,
  type Person,
  REDIRECT,
  startClientPlatform,
} from './support.js';

describe('client: the hosted redirect flow against the platform', () => {
  let cp: ClientPlatform;
  let client: WiseClient;
  let person: Person;

  before(async () => {
    cp = await startClientPlatform();
    client = cp.client;
    person = await addPerson(cp.platform, {
      email: 'ada.linked@example.com',
      totpSecret: newTotpSecret(),
      profiles: [PERSONAL_PROFILE, BUSINESS_PROFILE],
    });
  });
  after(() => cp.platform.close());

  /** authorizeUrl → the person's browser → parseCallback, as a partner's callback handler does it. */
  async function link(options: { decision?: 'allow' | 'deny'; profileId?: number } = {}) {
    // A TOTP code is accepted once: each login happens in a later 30-second step.
    cp.platform.clock.advance(30);
    const state = generateState();
    const pkce = await generatePkce();
    const url = client.authorizeUrl({ redirectUri: REDIRECT, state, codeChallenge: pkce.codeChallenge });
    const callbackUrl = await completeHostedFlow(cp.platform, url, person, options);
    return { state, pkce, callbackUrl };
  }

  test('authorizeUrl points the browser at the platform with the client, redirect, state and PKCE', () => {
    const url = new URL(
      client.authorizeUrl({ redirectUri: REDIRECT, state: 's1', codeChallenge: 'c'.repeat(43) }),
    );
    assert.equal(`${url.origin}${url.pathname}`, `${cp.platform.url}/oauth/authorize`);
    assert.equal(url.searchParams.get('client_id'), client.clientId);
    assert.equal(url.searchParams.get('redirect_uri'), REDIRECT);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  });

  test('allow: the callback parses to code, profileId and iss; the code is exchanged once, with PKCE', async () => {
    const [personalId] = person.profileIds;
    const { state, pkce, callbackUrl } = await link({ profileId: personalId! });
    assert.ok(callbackUrl.startsWith(`${REDIRECT}?`), callbackUrl);

    const callback = client.parseCallback(callbackUrl, {
      expectedState: state,
      expectedIssuer: cp.platform.platform.config.issuer,
    });
    assert.equal(callback.kind, 'authorized');
    if (callback.kind !== 'authorized') return;
    assert.equal(callback.profileId, personalId);
    assert.equal(callback.state, state);
    assert.equal(callback.iss, cp.platform.platform.config.issuer);
    assert.match(callback.code, /^\S+$/);

    // Without the verifier the platform refuses the code, and it stays usable for the right one.
    await assert.rejects(client.exchangeCode({ code: callback.code, redirectUri: REDIRECT }), (e) =>
      isOAuthError(e, 'invalid_grant'),
    );
    const tokens = await client.exchangeCode({
      code: callback.code,
      redirectUri: REDIRECT,
      codeVerifier: pkce.codeVerifier,
    });
    assert.equal(tokens.tokenType, 'bearer');
    assert.equal(tokens.expiresAt, cp.now() + 43_199_000);
    assert.ok(tokens.refreshTokenExpiresAt && tokens.refreshTokenExpiresAt > tokens.expiresAt);
    assert.equal((await client.me(tokens.accessToken)).email, person.email);

    // Single use: a second exchange is a typed invalid_grant. At once, an identical retry, it revokes nothing;
    // after the retry window it revokes what the first one issued (§4 "Duplicates").
    const again = () =>
      client.exchangeCode({ code: callback.code, redirectUri: REDIRECT, codeVerifier: pkce.codeVerifier });
    const refused = (e: unknown) => isOAuthError(e, 'invalid_grant') && isWiseApiError(e, 400);
    await assert.rejects(again(), refused);
    assert.equal((await client.me(tokens.accessToken)).email, person.email);
    cp.platform.clock.advance(cp.platform.platform.config.tokens.authorizationCodeRetrySeconds);
    await assert.rejects(again(), refused);
    await assert.rejects(client.me(tokens.accessToken), (e) => isOAuthError(e, 'invalid_token'));
  });

  test('the token reads only the granted profile; the other one is a typed 404', async () => {
    const [personalId, businessId] = person.profileIds;
    const { state, pkce, callbackUrl } = await link({ profileId: personalId! });
    const callback = client.parseCallback(callbackUrl, { expectedState: state });
    assert.equal(callback.kind, 'authorized');
    if (callback.kind !== 'authorized') return;
    const tokens = await client.exchangeCode({
      code: callback.code,
      redirectUri: REDIRECT,
      codeVerifier: pkce.codeVerifier,
    });

    const profiles = await client.listProfiles(tokens.accessToken);
    assert.deepEqual(
      profiles.map((p) => [p.type, p.id]),
      [['PERSONAL', personalId]],
    );
    const profile = await client.getProfile(tokens.accessToken, callback.profileId);
    assert.equal(profile.type, 'PERSONAL');
    assert.ok(dateOfBirthMatches(profile, PERSONAL_PROFILE.dateOfBirth), 'the same-person check (§10.6)');
    assert.ok(!dateOfBirthMatches(profile, '1990-12-11'));

    const legacy = await client.listLegacyProfiles(tokens.accessToken);
    assert.deepEqual(
      legacy.map((p) => [p.type, p.id]),
      [['personal', personalId]],
    );
    assert.ok(dateOfBirthMatches(legacy[0]!, PERSONAL_PROFILE.dateOfBirth), 'v1 shape read too');

    await assert.rejects(
      client.getProfile(tokens.accessToken, businessId!),
      (e) => isWiseApiError(e, 404) && e.family === 'validation',
    );
    await assert.rejects(client.getProfile(tokens.accessToken, 987_654_321), (e) => isWiseApiError(e, 404));

    // `details` of /v1/me come from the granted personal profile (§8).
    const me = await client.me(tokens.accessToken);
    assert.equal(me.details?.dateOfBirth, PERSONAL_PROFILE.dateOfBirth);
    assert.ok(dateOfBirthMatches(me, PERSONAL_PROFILE.dateOfBirth));
  });

  test('a business profile granted: only it is listed, and /v1/me has no personal details', async () => {
    const [, businessId] = person.profileIds;
    const { state, pkce, callbackUrl } = await link({ profileId: businessId! });
    const callback = client.parseCallback(callbackUrl, { expectedState: state });
    assert.equal(callback.kind, 'authorized');
    if (callback.kind !== 'authorized') return;
    assert.equal(callback.profileId, businessId);
    const tokens = await client.exchangeCode({
      code: callback.code,
      redirectUri: REDIRECT,
      codeVerifier: pkce.codeVerifier,
    });
    const profiles = await client.listProfiles(tokens.accessToken);
    assert.deepEqual(
      profiles.map((p) => [p.type, p.id]),
      [['BUSINESS', businessId]],
    );
    assert.equal((await client.listLegacyProfiles(tokens.accessToken))[0]?.type, 'business');
    assert.equal((await client.me(tokens.accessToken)).details, null);
  });

  test('deny: the callback is a rejected access_denied with the description to show', async () => {
    const { state, callbackUrl } = await link({ decision: 'deny' });
    const callback = client.parseCallback(callbackUrl, { expectedState: state });
    assert.equal(callback.kind, 'rejected');
    if (callback.kind !== 'rejected') return;
    assert.ok(isCallbackError(callback.error, 'authorization_error'));
    assert.equal(callback.error.error, 'access_denied');
    assert.ok(callback.error.errorDescription, 'an error_description to show the customer');
  });

  test('a callback answering another session (mismatched or missing state) is rejected, not exchanged', async () => {
    const { state, callbackUrl } = await link();
    const foreign = client.parseCallback(callbackUrl, { expectedState: generateState() });
    assert.equal(foreign.kind, 'rejected');
    if (foreign.kind === 'rejected') assert.ok(isCallbackError(foreign.error, 'state_mismatch'));

    const stripped = new URL(callbackUrl);
    stripped.searchParams.delete('state');
    const missing = client.parseCallback(stripped, { expectedState: state });
    assert.equal(missing.kind, 'rejected');
    if (missing.kind === 'rejected') assert.ok(isCallbackError(missing.error, 'missing_state'));

    const otherIssuer = client.parseCallback(callbackUrl, {
      expectedState: state,
      expectedIssuer: 'https://wise.com',
    });
    assert.equal(otherIssuer.kind, 'rejected');
    if (otherIssuer.kind === 'rejected') assert.ok(isCallbackError(otherIssuer.error, 'issuer_mismatch'));
  });

  test('refresh after linking: a new access token, the old one dead, the grant still scoped', async () => {
    const [personalId] = person.profileIds;
    const { state, pkce, callbackUrl } = await link({ profileId: personalId! });
    const callback = client.parseCallback(callbackUrl, { expectedState: state });
    if (callback.kind !== 'authorized') assert.fail('not authorized');
    const tokens = await client.exchangeCode({
      code: callback.code,
      redirectUri: REDIRECT,
      codeVerifier: pkce.codeVerifier,
    });
    cp.platform.clock.advance(3600);
    const refreshed = await client.refresh(tokens.refreshToken);
    assert.notEqual(refreshed.accessToken, tokens.accessToken);
    assert.equal(refreshed.refreshToken, tokens.refreshToken);
    assert.equal(refreshed.expiresAt, cp.now() + 43_199_000);
    await assert.rejects(client.listProfiles(tokens.accessToken), (e) => isOAuthError(e, 'invalid_token'));
    assert.deepEqual(
      (await client.listProfiles(refreshed.accessToken)).map((p) => p.id),
      [personalId],
    );
    // Another partner cannot use this refresh token (§5: foreign refresh token is invalid_grant).
    const rival = await cp.newClient('Rival Bank');
    await assert.rejects(rival.refresh(tokens.refreshToken), (e) => isOAuthError(e, 'invalid_grant'));
  });

  test('an unregistered redirect URI never comes back to the partner: the platform shows an error page', async () => {
    const url = client.authorizeUrl({ redirectUri: 'https://evil.example/callback', state: generateState() });
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    // The exchange of an invented code is a typed invalid_grant, never a crash.
    await assert.rejects(client.exchangeCode({ code: 'no-such-code', redirectUri: REDIRECT }), (e) =>
      isOAuthError(e, 'invalid_grant'),
    );
  });
});
