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
} from './support/index.js';
import { addPartner, CODE, type TestPartner } from './support/partner.js';

const INVALID = {
  error: 'invalid_grant',
  error_description: 'The refresh token is invalid, expired or revoked.',
};

describe('POST /oauth/token grant_type=refresh_token (contract §5)', () => {
  let p: TestPlatform;
  let partner: TestPartner;
  let n = 0;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());

  /** A new user of `partner` with its first tokens. */
  async function userTokens(): Promise<{ access_token: string; refresh_token: string; email: string }> {
    const email = `user${++n}@example.com`;
    assert.equal((await partner.signup({ email, registrationCode: CODE })).status, 200);
    const res = await partner.userTokens(email);
    assert.equal(res.status, 200);
    return { ...res.body, email };
  }
  const me = (token: string) => get(`${p.url}/v1/me`, bearer(token));

  test('a new access token, the refresh token unchanged, the contract body, no-store', async () => {
    const first = await userTokens();
    p.clock.advance(3600);
    const res = await partner.refresh(first.refresh_token);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.notEqual(res.body.access_token, first.access_token);
    assert.match(res.body.access_token, /^[A-Za-z0-9_-]{43}$/);
    const now = p.clock.now();
    assert.deepEqual(res.body, {
      access_token: res.body.access_token,
      token_type: 'bearer',
      refresh_token: first.refresh_token,
      expires_in: 43199,
      expires_at: new Date(now.getTime() + 12 * 3600_000).toISOString(),
      // The refresh token keeps its original expiry: an hour has gone by.
      refresh_token_expires_in: 20 * 365 * 24 * 3600 - 3600 - 1,
      refresh_token_expires_at: '2046-11-18T10:00:00.000Z',
      scope: 'transfers',
      created_at: now.toISOString(),
    });
    const who = await me(res.body.access_token);
    assert.equal(who.status, 200);
    assert.equal(who.body.email, first.email);
  });

  test('the previous access token of the grant stops working at once', async () => {
    const first = await userTokens();
    assert.equal((await me(first.access_token)).status, 200);
    const second = await partner.refresh(first.refresh_token);
    assert.equal(second.status, 200);
    const old = await me(first.access_token);
    assert.equal(old.status, 401);
    assert.deepEqual(old.body, {
      error: 'invalid_token',
      error_description: 'The access token is invalid or has expired.',
    });
    // A refresh after the grace window is a new refresh, not a repeat (contract §5 "Duplicates").
    p.clock.advance(p.platform.config.tokens.refreshGraceSeconds);
    const third = await partner.refresh(first.refresh_token);
    assert.equal(third.status, 200);
    assert.notEqual(third.body.access_token, second.body.access_token);
    assert.equal((await me(second.body.access_token)).status, 401);
    assert.equal((await me(third.body.access_token)).status, 200);
  });

  test('only that grant: tokens of another grant of the same user keep working', async () => {
    const first = await userTokens();
    const otherGrant = await partner.userTokens(first.email);
    assert.equal((await partner.refresh(first.refresh_token)).status, 200);
    assert.equal((await me(otherGrant.body.access_token)).status, 200);
  });

  test('an unknown refresh token: 400 invalid_grant', async () => {
    const res = await partner.refresh('x'.repeat(43));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, INVALID);
  });

  test('an access token presented as a refresh token: 400 invalid_grant', async () => {
    const first = await userTokens();
    const res = await partner.refresh(first.access_token);
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, INVALID);
  });

  test("another partner's refresh token: 400 invalid_grant, and the grant is untouched", async () => {
    const first = await userTokens();
    const other = await addPartner(p, 'Other Bank');
    const res = await other.refresh(first.refresh_token);
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, INVALID);
    assert.equal((await me(first.access_token)).status, 200);
  });

  test('a revoked grant: 400 invalid_grant', async () => {
    const first = await userTokens();
    const { rows } = await p.db.query<{ id: string }>(
      'select g.id from grants g join users u on u.id = g.user_id where u.email = $1',
      [first.email],
    );
    await p.platform.stores.grants.revoke(rows[0]!.id, p.clock.now());
    const res = await partner.refresh(first.refresh_token);
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, INVALID);
    assert.equal((await me(first.access_token)).status, 401);
  });

  test('a missing refresh_token: 400 invalid_request', async () => {
    const res = await partner.refresh('');
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: 'invalid_request',
      error_description: 'The parameter refresh_token is missing.',
    });
  });

  test('the access token expires after 12 hours; refreshing gives a working one', async () => {
    const first = await userTokens();
    p.clock.advance(12 * 3600 - 1);
    assert.equal((await me(first.access_token)).status, 200);
    p.clock.advance(1);
    assert.equal((await me(first.access_token)).status, 401);
    const res = await partner.refresh(first.refresh_token);
    assert.equal(res.status, 200);
    assert.equal((await me(res.body.access_token)).status, 200);
  });
});

describe('refresh token expiry (contract §5, with a short lifetime)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({ settings: { refreshTokenTtlSeconds: 3600 } });
  });
  after(() => p.close());

  test('an expired refresh token: 400 invalid_grant', async () => {
    const partner = await addPartner(p);
    assert.equal((await partner.signup({ email: 'ana@example.com', registrationCode: CODE })).status, 200);
    const tokens = await partner.userTokens('ana@example.com');
    assert.equal(tokens.body.refresh_token_expires_in, 3599);
    p.clock.advance(3599);
    assert.equal((await partner.refresh(tokens.body.refresh_token)).status, 200);
    p.clock.advance(1);
    const res = await partner.refresh(tokens.body.refresh_token);
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, INVALID);
  });

  test('a per-client refresh lifetime overrides the default', async () => {
    const { clientId, clientSecret } = await p.addClient({ name: 'Long', refreshTokenTtlSeconds: 7200 });
    const auth = basic(clientId, clientSecret);
    const ct = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'client_credentials' },
      { authorization: auth },
    );
    const created = await postJson(
      `${p.url}/v1/user/signup/registration_code`,
      { email: 'long@example.com', registrationCode: CODE },
      bearer(ct.body.access_token),
    );
    assert.equal(created.status, 200);
    const tokens = await postForm(
      `${p.url}/oauth/token`,
      {
        grant_type: 'registration_code',
        client_id: clientId,
        email: 'long@example.com',
        registration_code: CODE,
      },
      { authorization: auth },
    );
    assert.equal(tokens.body.refresh_token_expires_in, 7199);
  });
});
