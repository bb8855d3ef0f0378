import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  basic,
  bearer,
  get,
  postForm,
  postJson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';
import { addPartner, CODE, type TestPartner } from '../support/partner.js';

/** RFC 7009 §2: POST /oauth/revoke (ours: Wise documents no revocation endpoint). */
describe('POST /oauth/revoke (RFC 7009)', () => {
  let p: TestPlatform;
  let bank: TestPartner;
  let other: TestPartner;
  let n = 0;
  before(async () => {
    p = await startTestPlatform();
    bank = await addPartner(p, 'Revoking Bank');
    other = await addPartner(p, 'Other Bank');
  });
  after(() => p.close());

  async function userTokens(): Promise<{ access_token: string; refresh_token: string }> {
    const email = `revoke${++n}@example.com`;
    assert.equal((await bank.signup({ email, registrationCode: CODE })).status, 200);
    const res = await bank.userTokens(email);
    assert.equal(res.status, 200);
    return res.body;
  }
  const revoke = (form: Record<string, string>, auth = bank.auth) =>
    postForm(`${p.url}/oauth/revoke`, form, { authorization: auth });
  const me = (token: string) => get(`${p.url}/v1/me`, bearer(token));

  /** §2.2: 200, and the body is empty. */
  function assertRevokedAnswer(res: { status: number; text: string; headers: Headers }): void {
    assert.equal(res.status, 200);
    assert.equal(res.text, '');
    assert.equal(res.headers.get('cache-control'), 'no-store');
  }

  test('an access token: that token stops working, the refresh token still works (§2.1)', async () => {
    const tokens = await userTokens();
    assert.equal((await me(tokens.access_token)).status, 200);
    assertRevokedAnswer(await revoke({ token: tokens.access_token, token_type_hint: 'access_token' }));
    assert.equal((await me(tokens.access_token)).status, 401);
    const refreshed = await bank.refresh(tokens.refresh_token);
    assert.equal(refreshed.status, 200);
    assert.equal((await me(refreshed.body.access_token)).status, 200);
  });

  test('a refresh token revokes the whole grant, its access token with it (§2.1)', async () => {
    const tokens = await userTokens();
    assertRevokedAnswer(await revoke({ token: tokens.refresh_token, token_type_hint: 'refresh_token' }));
    assert.equal((await me(tokens.access_token)).status, 401);
    assert.equal((await bank.refresh(tokens.refresh_token)).status, 400);
  });

  test('a wrong or unknown hint still finds the token (§2.1)', async () => {
    const a = await userTokens();
    assertRevokedAnswer(await revoke({ token: a.refresh_token, token_type_hint: 'access_token' }));
    assert.equal((await bank.refresh(a.refresh_token)).status, 400);
    const b = await userTokens();
    assertRevokedAnswer(await revoke({ token: b.access_token, token_type_hint: 'id_token' }));
    assert.equal((await me(b.access_token)).status, 401);
  });

  test('a client-credentials token, with client_secret_post authentication (§2.1)', async () => {
    const token = await bank.clientToken();
    const res = await postForm(`${p.url}/oauth/revoke`, {
      token,
      client_id: bank.clientId,
      client_secret: bank.clientSecret,
    });
    assertRevokedAnswer(res);
    const signup = await bank.signup({ email: 'after-revoke@example.com', registrationCode: CODE }, token);
    assert.equal(signup.status, 401);
  });

  test("another client's token: 200 and nothing revoked (§2.2)", async () => {
    const tokens = await userTokens();
    assertRevokedAnswer(await revoke({ token: tokens.refresh_token }, other.auth));
    assertRevokedAnswer(await revoke({ token: tokens.access_token }, other.auth));
    assert.equal((await me(tokens.access_token)).status, 200);
    assert.equal((await bank.refresh(tokens.refresh_token)).status, 200);
  });

  test('unknown and already revoked tokens: the same 200 (§2.2)', async () => {
    assertRevokedAnswer(await revoke({ token: 'no-such-token' }));
    const tokens = await userTokens();
    assertRevokedAnswer(await revoke({ token: tokens.refresh_token }));
    assertRevokedAnswer(await revoke({ token: tokens.refresh_token }));
    assertRevokedAnswer(await revoke({ token: tokens.access_token }));
  });

  test('client authentication is required: 401 invalid_client, as at the token endpoint (§2.1)', async () => {
    const tokens = await userTokens();
    const none = await postForm(`${p.url}/oauth/revoke`, { token: tokens.access_token });
    assert.equal(none.status, 401);
    assert.equal(none.body.error, 'invalid_client');
    assert.match(none.headers.get('www-authenticate') ?? '', /^Basic /);
    const wrong = await revoke({ token: tokens.access_token }, basic(bank.clientId, 'not-the-secret'));
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error, 'invalid_client');
    assert.equal((await me(tokens.access_token)).status, 200);
  });

  test('a missing token is 400 invalid_request; a JSON body is refused (§2.1, §2.2.1)', async () => {
    const missing = await revoke({});
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body, {
      error: 'invalid_request',
      error_description: 'The parameter token is missing.',
    });
    const json = await postJson(`${p.url}/oauth/revoke`, { token: 'x' }, { authorization: bank.auth });
    assert.equal(json.status, 400);
    assert.equal(json.body.error, 'invalid_request');
  });

  test('20 concurrent revocations of one refresh token: every answer 200, the grant revoked', async () => {
    const tokens = await userTokens();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        revoke({ token: i % 2 ? tokens.refresh_token : tokens.access_token }),
      ),
    );
    for (const res of answers) assertRevokedAnswer(res);
    assert.equal((await me(tokens.access_token)).status, 401);
    assert.equal((await bank.refresh(tokens.refresh_token)).status, 400);
  });
});
