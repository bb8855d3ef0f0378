import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basic, bearer, get, postForm, startTestPlatform, type TestPlatform } from './support/index.js';
import { addPartner, CODE, type TestPartner } from './support/partner.js';

const INVALID = { error: 'invalid_grant', error_description: 'Invalid user credentials.' };

describe('POST /oauth/token grant_type=registration_code (contract §3, §5)', () => {
  let p: TestPlatform;
  let partner: TestPartner;
  let userId: number;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    const created = await partner.signup({ email: 'ana@example.com', registrationCode: CODE });
    assert.equal(created.status, 200);
    userId = created.body.id;
  });
  after(() => p.close());

  test('returns the user token object of §5 with no-store', async () => {
    const res = await partner.userTokens('ana@example.com');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.body.access_token, /^[A-Za-z0-9_-]{43}$/);
    assert.match(res.body.refresh_token, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(res.body.access_token, res.body.refresh_token);
    assert.deepEqual(res.body, {
      access_token: res.body.access_token,
      token_type: 'bearer',
      refresh_token: res.body.refresh_token,
      expires_in: 43199,
      expires_at: '2026-11-23T22:00:00.000Z',
      refresh_token_expires_in: 20 * 365 * 24 * 3600 - 1,
      refresh_token_expires_at: '2046-11-18T10:00:00.000Z',
      scope: 'transfers',
      created_at: '2026-11-23T10:00:00.000Z',
    });
    const me = await get(`${p.url}/v1/me`, bearer(res.body.access_token));
    assert.equal(me.status, 200);
    assert.equal(me.body.id, userId);
  });

  test('is repeatable: each call gives new tokens, earlier ones keep working', async () => {
    const a = await partner.userTokens('ana@example.com');
    const b = await partner.userTokens('ANA@example.com');
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.notEqual(a.body.access_token, b.body.access_token);
    assert.equal((await get(`${p.url}/v1/me`, bearer(a.body.access_token))).status, 200);
    assert.equal((await get(`${p.url}/v1/me`, bearer(b.body.access_token))).status, 200);
  });

  test('a wrong code: 401 invalid_grant', async () => {
    const res = await partner.userTokens('ana@example.com', `${CODE}x`);
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, INVALID);
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  test('a wrong email: 401 invalid_grant', async () => {
    const res = await partner.userTokens('nobody@example.com');
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, INVALID);
  });

  test("another partner's user: 401 invalid_grant, even with the right code", async () => {
    const other = await addPartner(p, 'Other Bank');
    const res = await other.userTokens('ana@example.com');
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, INVALID);
  });

  test('a missing parameter: 400 invalid_request', async () => {
    const res = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'registration_code', client_id: partner.clientId, email: 'ana@example.com' },
      { authorization: partner.auth },
    );
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: 'invalid_request',
      error_description: 'The parameter registration_code is missing.',
    });
  });

  // https://docs.wise.com/api-reference/user-tokens: the request names client_id and every example sends it.
  test('no client_id in the form: 400 invalid_request, before any credential is checked', async () => {
    const res = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'registration_code', email: 'ana@example.com', registration_code: CODE },
      { authorization: partner.auth },
    );
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: 'invalid_request',
      error_description: 'The parameter client_id is missing.',
    });
  });

  test('a client_id other than the authenticated client: 401 invalid_client', async () => {
    const other = await addPartner(p, 'Other Bank');
    const res = await postForm(
      `${p.url}/oauth/token`,
      {
        grant_type: 'registration_code',
        client_id: other.clientId,
        email: 'ana@example.com',
        registration_code: CODE,
      },
      { authorization: partner.auth },
    );
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, {
      error: 'invalid_client',
      error_description: 'Client authentication failed.',
    });
  });

  test('bad client credentials: 401 invalid_client', async () => {
    const res = await postForm(
      `${p.url}/oauth/token`,
      {
        grant_type: 'registration_code',
        client_id: partner.clientId,
        email: 'ana@example.com',
        registration_code: CODE,
      },
      { authorization: basic(partner.clientId, 'wrong') },
    );
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'invalid_client');
  });

  test('a reclaimed user: 401 invalid_grant, and existing tokens are untouched by the check', async () => {
    const created = await partner.signup({ email: 'reclaimed@example.com', registrationCode: CODE });
    assert.equal(created.status, 200);
    assert.equal((await partner.userTokens('reclaimed@example.com')).status, 200);
    await p.db.query('update users set reclaimed_at = $2 where id = $1', [created.body.id, p.clock.now()]);
    const res = await partner.userTokens('reclaimed@example.com');
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, INVALID);
  });
});

describe('registration_code failures with the 400 compat setting (contract §3)', () => {
  let p: TestPlatform;
  let partner: TestPartner;
  before(async () => {
    p = await startTestPlatform({ settings: { registrationCodeFailureStatus: 400 } });
    partner = await addPartner(p);
    assert.equal((await partner.signup({ email: 'ana@example.com', registrationCode: CODE })).status, 200);
  });
  after(() => p.close());

  test('wrong code, wrong email, other partner, reclaimed: 400 invalid_grant', async () => {
    const other = await addPartner(p, 'Other Bank');
    const wrongCode = await partner.userTokens('ana@example.com', `${CODE}x`);
    const wrongEmail = await partner.userTokens('nobody@example.com');
    const foreign = await other.userTokens('ana@example.com');
    for (const res of [wrongCode, wrongEmail, foreign]) {
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, INVALID);
    }
    await p.db.query(`update users set reclaimed_at = now() where email = 'ana@example.com'`);
    const reclaimed = await partner.userTokens('ana@example.com');
    assert.equal(reclaimed.status, 400);
    assert.deepEqual(reclaimed.body, INVALID);
  });
});
