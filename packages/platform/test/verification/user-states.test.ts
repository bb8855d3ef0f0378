// users#state-change in the sandbox: DEACTIVATED revokes the user's tokens
// (https://docs.wise.com/guides/developer/webhooks/event-types, "User state change events": "The end-user
// tokens will be revoked and you will receive a 401 Unauthorized response for API calls").
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { HASH, hashSecret } from '../../src/crypto/hashes.js';
import { userStateData } from '../../src/verification/lifecycle.js';
import {
  basic,
  bearer,
  get,
  postForm,
  postJson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';
import { addPartner, britishProfile, createPersonal, type Partner } from './support.js';

describe('POST /_sandbox/users/{userId}/state', () => {
  let p: TestPlatform;
  let partner: Partner;

  const tokenRequest = (form: Record<string, string>) =>
    postForm(`${p.url}/oauth/token`, form, { authorization: basic(partner.clientId, partner.clientSecret) });

  /** A user signed up by the partner, with the registration code and the tokens it gave. */
  async function user() {
    const email = `${randomUUID()}@example.com`;
    const registrationCode = randomBytes(32).toString('base64url');
    const signup = await postJson(
      `${p.url}/v1/user/signup/registration_code`,
      { email, registrationCode },
      bearer(partner.clientToken),
    );
    assert.equal(signup.status, 200, signup.text);
    const login = () =>
      tokenRequest({
        grant_type: 'registration_code',
        client_id: partner.clientId,
        email,
        registration_code: registrationCode,
      });
    const tokens = await login();
    assert.equal(tokens.status, 200, tokens.text);
    const second = await login();
    return {
      id: signup.body.id as number,
      login,
      tokens: [tokens.body, second.body] as { access_token: string; refresh_token: string }[],
    };
  }
  const setState = (userId: number | string, body: unknown) =>
    postJson(`${p.url}/_sandbox/users/${userId}/state`, body);
  const me = (token: string) => get(`${p.url}/v1/me`, bearer(token));

  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());

  test('DEACTIVATED: every access token gets 401 invalid_token, every refresh token invalid_grant, no new tokens', async () => {
    const u = await user();
    for (const t of u.tokens) assert.equal((await me(t.access_token)).status, 200);
    const res = await setState(u.id, {
      state: 'DEACTIVATED',
      deactivationType: 'ACCOUNT_CLOSURE',
      deactivationReason: 'REQUESTED_BY_CUSTOMER_CS',
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, {
      userId: u.id,
      previousState: 'ACTIVE',
      currentState: 'DEACTIVATED',
      changed: true,
    });
    for (const t of u.tokens) {
      const call = await me(t.access_token);
      assert.equal(call.status, 401);
      assert.equal(call.body.error, 'invalid_token');
      const refresh = await tokenRequest({ grant_type: 'refresh_token', refresh_token: t.refresh_token });
      assert.equal(refresh.body.error, 'invalid_grant');
    }
    assert.equal((await u.login()).body.error, 'invalid_grant', 'a deactivated account gets no new tokens');
    // Again: nothing changes.
    const again = await setState(u.id, { state: 'DEACTIVATED' });
    assert.deepEqual(again.body, {
      userId: u.id,
      previousState: 'DEACTIVATED',
      currentState: 'DEACTIVATED',
      changed: false,
    });
    // Back to ACTIVE: the partner can link again; the revoked tokens stay revoked.
    assert.equal((await setState(u.id, { state: 'ACTIVE' })).body.previousState, 'DEACTIVATED');
    const fresh = await u.login();
    assert.equal(fresh.status, 200, fresh.text);
    assert.equal((await me(fresh.body.access_token)).status, 200);
    assert.equal((await me(u.tokens[0]!.access_token)).status, 401);
  });

  test('DEACTIVATED: an authorization code issued before gets no tokens', async () => {
    const u = await user();
    const profile = await createPersonal(p, u.tokens[0]!.access_token, britishProfile());
    assert.equal(profile.status, 200, profile.text);
    const raw = randomBytes(32).toString('base64url');
    await p.platform.stores.authorizationCodes.create(
      {
        codeHash: hashSecret(p.platform.config.serverSecret, HASH.authorizationCode, raw),
        clientId: partner.clientId,
        delivery: 'display',
        redirectUri: null,
        userId: u.id,
        profileId: profile.body.id,
        codeChallenge: null,
        expiresAt: new Date(p.clock.now().getTime() + 600_000),
      },
      p.clock.now(),
    );
    assert.equal((await setState(u.id, { state: 'DEACTIVATED' })).status, 200);
    const res = await tokenRequest({ grant_type: 'authorization_code', code: raw });
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.error, 'invalid_grant');
  });

  test('WITHDRAW_ONLY keeps the tokens working', async () => {
    const u = await user();
    const res = await setState(u.id, { state: 'WITHDRAW_ONLY', deactivationType: 'ACCOUNT_SUSPENSION' });
    assert.deepEqual(res.body, {
      userId: u.id,
      previousState: 'ACTIVE',
      currentState: 'WITHDRAW_ONLY',
      changed: true,
    });
    assert.equal((await me(u.tokens[0]!.access_token)).status, 200);
    assert.equal(await p.platform.stores.verifications.userState(u.id), 'WITHDRAW_ONLY');
  });

  test('ten deactivations at once: one change', async () => {
    const u = await user();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => setState(u.id, { state: 'DEACTIVATED' })),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(10).fill(200),
    );
    assert.equal(answers.filter((a) => a.body.changed).length, 1);
    assert.equal((await me(u.tokens[1]!.access_token)).status, 401);
  });

  test("the event's data is the documented one (users#state-change example)", () => {
    const data = userStateData(
      1234,
      { previous: 'ACTIVE', current: 'WITHDRAW_ONLY' },
      {
        state: 'WITHDRAW_ONLY',
        deactivationType: 'ACCOUNT_SUSPENSION',
        deactivationReason: 'REQUESTED_BY_CUSTOMER_CS',
      },
      new Date('2020-01-01T12:34:56.789Z'),
    );
    assert.equal(
      JSON.stringify(data),
      JSON.stringify({
        resource: { id: 1234, type: 'user' },
        previous_state: 'ACTIVE',
        current_state: 'WITHDRAW_ONLY',
        deactivation_type: 'ACCOUNT_SUSPENSION',
        deactivation_reason: 'REQUESTED_BY_CUSTOMER_CS',
        occurred_at: '2020-01-01T12:34:56Z',
      }),
    );
    const plain = userStateData(
      7,
      { previous: 'DEACTIVATED', current: 'ACTIVE' },
      { state: 'ACTIVE', deactivationType: null, deactivationReason: null },
      new Date('2020-01-01T12:34:56Z'),
    );
    assert.deepEqual(Object.keys(plain), ['resource', 'previous_state', 'current_state', 'occurred_at']);
  });

  test('bad bodies 400, unknown users 404, never 500', async () => {
    const u = await user();
    for (const body of [
      {},
      { state: 'CLOSED' },
      { state: 'deactivated' },
      { state: 1 },
      [],
      { state: 'DEACTIVATED', deactivationType: 'FRAUD' },
      { state: 'DEACTIVATED', deactivationReason: '' },
      { state: 'DEACTIVATED', deactivationReason: 'x'.repeat(101) },
      { state: 'ACTIVE', deactivationType: 'ACCOUNT_CLOSURE' },
    ]) {
      const res = await setState(u.id, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
      assert.equal(res.body.errors[0].code, 'BAD_REQUEST');
    }
    assert.equal((await me(u.tokens[0]!.access_token)).status, 200, 'nothing changed');
    for (const id of ['99999999', 'abc', '0', '-1', '1e3']) {
      assert.equal((await setState(id, { state: 'DEACTIVATED' })).status, 404, id);
    }
  });

  test('not mounted outside sandbox mode', async () => {
    const prod = await startTestPlatform({ settings: { sandbox: false } });
    try {
      assert.equal(
        (await postJson(`${prod.url}/_sandbox/users/1000001/state`, { state: 'ACTIVE' })).status,
        404,
      );
    } finally {
      await prod.close();
    }
  });
});
