import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { clientToken, registrationCode, signup } from './mail/helpers.js';
import {
  basic,
  bearer,
  get,
  postForm,
  postJson,
  startTestPlatform,
  type TestPlatform,
} from './support/index.js';

describe('sandbox control plane: reclaim, revoke, expire', () => {
  let p: TestPlatform;
  let partner: { clientId: string; clientSecret: string };
  let n = 0;

  const registrationGrant = (email: string, code: string) =>
    postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'registration_code', client_id: partner.clientId, email, registration_code: code },
      { authorization: basic(partner.clientId, partner.clientSecret) },
    );
  const refresh = (refreshToken: string) =>
    postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      { authorization: basic(partner.clientId, partner.clientSecret) },
    );
  const me = (token: string) => get(`${p.url}/v1/me`, bearer(token));

  async function user() {
    const email = `sandbox${++n}@example.com`;
    const code = registrationCode();
    assert.equal(
      (await signup(p, await clientToken(p, partner), { email, registrationCode: code })).status,
      200,
    );
    const tokens = await registrationGrant(email, code);
    assert.equal(tokens.status, 200);
    return {
      email,
      code,
      access: tokens.body.access_token as string,
      refresh: tokens.body.refresh_token as string,
    };
  }

  before(async () => {
    p = await startTestPlatform();
    partner = await p.addClient({ name: 'Sandbox Bank' });
  });
  after(() => p.close());

  test('POST /_sandbox/users/{email}/reclaim: the registration_code grant then fails', async () => {
    const { email, code } = await user();
    const res = await postJson(
      `${p.url}/_sandbox/users/${encodeURIComponent(email.toUpperCase())}/reclaim`,
      {},
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.email, email);
    assert.equal(res.body.reclaimedAt, p.clock.now().toISOString());
    assert.equal((await registrationGrant(email, code)).body.error, 'invalid_grant');
    // Again, with no body at all: still 200, the first time kept.
    const again = await fetch(`${p.url}/_sandbox/users/${encodeURIComponent(email)}/reclaim`, {
      method: 'POST',
    });
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { reclaimedAt: string }).reclaimedAt, res.body.reclaimedAt);
    assert.equal((await postJson(`${p.url}/_sandbox/users/nobody%40example.com/reclaim`, {})).status, 404);
  });

  test('revoke an access token: only that token stops working', async () => {
    const { access, refresh: refreshToken } = await user();
    assert.equal((await me(access)).status, 200);
    const res = await postJson(`${p.url}/_sandbox/tokens/revoke`, { accessToken: access });
    assert.equal(res.status, 200);
    assert.equal((await me(access)).status, 401);
    assert.equal((await refresh(refreshToken)).status, 200, 'the refresh token still works');
    assert.equal((await postJson(`${p.url}/_sandbox/tokens/revoke`, { accessToken: access })).status, 404);
  });

  test('revoke a refresh token: the grant is gone, refresh answers invalid_grant', async () => {
    const { access, refresh: refreshToken } = await user();
    assert.equal((await postJson(`${p.url}/_sandbox/tokens/revoke`, { refreshToken })).status, 200);
    assert.equal((await refresh(refreshToken)).body.error, 'invalid_grant');
    assert.equal((await me(access)).status, 401);
  });

  test('expire an access token: 401, and a refresh brings a working one', async () => {
    const { access, refresh: refreshToken } = await user();
    assert.equal((await postJson(`${p.url}/_sandbox/tokens/expire`, { accessToken: access })).status, 200);
    assert.equal((await me(access)).status, 401);
    const fresh = await refresh(refreshToken);
    assert.equal(fresh.status, 200);
    assert.equal((await me(fresh.body.access_token)).status, 200);
  });

  test('bad bodies get 400, never 500', async () => {
    for (const body of [{}, { accessToken: 1 }, { accessToken: 'a', refreshToken: 'b' }, []]) {
      const res = await postJson(`${p.url}/_sandbox/tokens/revoke`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    assert.equal((await postJson(`${p.url}/_sandbox/tokens/expire`, { refreshToken: 'x' })).status, 400);
  });

  test('not mounted outside sandbox mode', async () => {
    const prod = await startTestPlatform({ settings: { sandbox: false } });
    try {
      assert.equal((await postJson(`${prod.url}/_sandbox/tokens/revoke`, { accessToken: 'x' })).status, 404);
    } finally {
      await prod.close();
    }
  });
});
