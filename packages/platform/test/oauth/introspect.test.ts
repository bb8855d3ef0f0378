import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basic, postForm, postJson, startTestPlatform, type TestPlatform } from '../support/index.js';
import { addPartner, CODE, type TestPartner } from '../support/partner.js';

/** RFC 7662 §2: POST /oauth/introspect (ours: Wise documents no introspection endpoint). */
describe('POST /oauth/introspect (RFC 7662)', () => {
  let p: TestPlatform;
  let bank: TestPartner;
  let other: TestPartner;
  let n = 0;
  before(async () => {
    p = await startTestPlatform();
    bank = await addPartner(p, 'Introspecting Bank');
    other = await addPartner(p, 'Other Bank');
  });
  after(() => p.close());

  async function userTokens(): Promise<{ access_token: string; refresh_token: string; userId: number }> {
    const email = `introspect${++n}@example.com`;
    const signup = await bank.signup({ email, registrationCode: CODE });
    assert.equal(signup.status, 200);
    const res = await bank.userTokens(email);
    assert.equal(res.status, 200);
    return { ...res.body, userId: signup.body.id };
  }
  const introspect = (form: Record<string, string>, auth = bank.auth) =>
    postForm(`${p.url}/oauth/introspect`, form, { authorization: auth });
  const secondsNow = () => Math.floor(p.clock.now().getTime() / 1000);
  const INACTIVE = { active: false };

  test('an active user access token: the RFC 7662 §2.2 members, no-store', async () => {
    const tokens = await userTokens();
    const issued = secondsNow();
    p.clock.advance(60);
    const res = await introspect({ token: tokens.access_token, token_type_hint: 'access_token' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(res.body, {
      active: true,
      scope: 'transfers',
      client_id: bank.clientId,
      token_type: 'bearer',
      token_use: 'access_token',
      exp: issued + 12 * 3600,
      iat: issued,
      sub: String(tokens.userId),
      iss: p.platform.config.issuer,
    });
  });

  test('a refresh token, found even with the wrong hint: its grant time and expiry, no token_type', async () => {
    const tokens = await userTokens();
    const issued = secondsNow();
    const res = await introspect({ token: tokens.refresh_token, token_type_hint: 'access_token' });
    assert.deepEqual(res.body, {
      active: true,
      scope: 'transfers',
      client_id: bank.clientId,
      token_use: 'refresh_token',
      exp: issued + 20 * 365 * 24 * 3600,
      iat: issued,
      sub: String(tokens.userId),
      iss: p.platform.config.issuer,
    });
  });

  test('a client-credentials token has no sub', async () => {
    const res = await introspect({ token: await bank.clientToken() });
    assert.equal(res.body.active, true);
    assert.equal(res.body.token_type, 'bearer');
    assert.equal('sub' in res.body, false);
  });

  test("unknown, expired, revoked and another client's tokens: active false and nothing else (§2.2)", async () => {
    assert.deepEqual((await introspect({ token: 'no-such-token' })).body, INACTIVE);
    const mine = await userTokens();
    assert.deepEqual((await introspect({ token: mine.access_token }, other.auth)).body, INACTIVE);
    assert.deepEqual((await introspect({ token: mine.refresh_token }, other.auth)).body, INACTIVE);
    const revoked = await userTokens();
    const r = await postForm(
      `${p.url}/oauth/revoke`,
      { token: revoked.refresh_token },
      { authorization: bank.auth },
    );
    assert.equal(r.status, 200);
    assert.deepEqual((await introspect({ token: revoked.access_token })).body, INACTIVE);
    assert.deepEqual((await introspect({ token: revoked.refresh_token })).body, INACTIVE);
    p.clock.advance(12 * 3600);
    assert.deepEqual((await introspect({ token: mine.access_token })).body, INACTIVE);
    assert.equal((await introspect({ token: mine.refresh_token })).body.active, true);
  });

  test('a refreshed grant: the old access token is inactive, the new one active', async () => {
    const tokens = await userTokens();
    const refreshed = await bank.refresh(tokens.refresh_token);
    assert.equal(refreshed.status, 200);
    assert.deepEqual((await introspect({ token: tokens.access_token })).body, INACTIVE);
    assert.equal((await introspect({ token: refreshed.body.access_token })).body.active, true);
  });

  test('client authentication is required, and a public client may not introspect (§2.1, §4)', async () => {
    const tokens = await userTokens();
    const none = await postForm(`${p.url}/oauth/introspect`, { token: tokens.access_token });
    assert.equal(none.status, 401);
    assert.equal(none.body.error, 'invalid_client');
    const wrong = await introspect({ token: tokens.access_token }, basic(bank.clientId, 'wrong'));
    assert.equal(wrong.status, 401);
    const pub = await p.addClient({ name: 'Public App', isPublic: true });
    const asPublic = await postForm(`${p.url}/oauth/introspect`, {
      token: tokens.access_token,
      client_id: pub.clientId,
    });
    assert.equal(asPublic.status, 401);
    assert.equal(asPublic.body.error, 'invalid_client');
  });

  test('a missing token is 400 invalid_request; a JSON body is refused', async () => {
    const missing = await introspect({});
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, 'invalid_request');
    const json = await postJson(`${p.url}/oauth/introspect`, { token: 'x' }, { authorization: bank.auth });
    assert.equal(json.status, 400);
    assert.equal(json.body.error, 'invalid_request');
  });

  test('20 concurrent introspections while the token is revoked: each is active or not, never an error', async () => {
    const tokens = await userTokens();
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, () => introspect({ token: tokens.access_token })),
      postForm(`${p.url}/oauth/revoke`, { token: tokens.refresh_token }, { authorization: bank.auth }),
    ]);
    for (const res of answers) assert.equal(res.status, 200);
    assert.deepEqual((await introspect({ token: tokens.access_token })).body, INACTIVE);
  });
});
