import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, get, postJson, startTestPlatform, type TestPlatform } from './support/index.js';
import { addPartner, CODE, type TestPartner } from './support/partner.js';

describe('POST /v1/users/exists (contract §2)', () => {
  let p: TestPlatform;
  let partner: TestPartner;
  let token: string;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    token = await partner.clientToken();
    assert.equal(
      (await partner.signup({ email: 'ana@example.com', registrationCode: CODE }, token)).status,
      200,
    );
  });
  after(() => p.close());
  const exists = (body: unknown, headers: Record<string, string> = bearer(token)) =>
    postJson(`${p.url}/v1/users/exists`, body, headers);

  test('true for a registered email, whatever its case', async () => {
    for (const email of ['ana@example.com', 'ANA@Example.com']) {
      const res = await exists({ email });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { exists: true });
    }
  });

  test('true for a user another partner created', async () => {
    const other = await addPartner(p, 'Other Bank');
    const res = await exists({ email: 'ana@example.com' }, bearer(await other.clientToken()));
    assert.deepEqual(res.body, { exists: true });
  });

  test('false for an unknown email', async () => {
    const res = await exists({ email: 'nobody@example.com' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { exists: false });
  });

  test('a missing email: 400 NotNull', async () => {
    const res = await exists({});
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      errors: [{ code: 'NotNull', message: 'must not be null', path: 'email', arguments: [] }],
    });
  });

  test('no token: 401 invalid_token; a user token: 403', async () => {
    const none = await exists({ email: 'ana@example.com' }, {});
    assert.equal(none.status, 401);
    assert.equal(none.body.error, 'invalid_token');
    const user = await partner.userTokens('ana@example.com');
    const res = await exists({ email: 'ana@example.com' }, bearer(user.body.access_token));
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, {
      error: 'insufficient_scope',
      error_description: 'This call needs a client credentials token, not a user token.',
    });
  });
});

describe('GET /v1/me (contract §8)', () => {
  let p: TestPlatform;
  let partner: TestPartner;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());

  test('the person behind a user token, details null until a personal profile exists', async () => {
    const created = await partner.signup({ email: 'Ana.Silva@example.com', registrationCode: CODE });
    const tokens = await partner.userTokens('ana.silva@example.com');
    const res = await get(`${p.url}/v1/me`, bearer(tokens.body.access_token));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      id: created.body.id,
      name: null,
      email: 'Ana.Silva@example.com',
      active: true,
      details: null,
    });
  });

  test('a client token: 403', async () => {
    const res = await get(`${p.url}/v1/me`, bearer(await partner.clientToken()));
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, {
      error: 'insufficient_scope',
      error_description: 'This call needs a user token, not a client credentials token.',
    });
  });

  test('no token or a bad one: 401 invalid_token', async () => {
    const none = await get(`${p.url}/v1/me`);
    assert.equal(none.status, 401);
    assert.deepEqual(none.body, { error: 'invalid_token', error_description: 'A bearer token is required.' });
    const bad = await get(`${p.url}/v1/me`, bearer('nope'));
    assert.equal(bad.status, 401);
    assert.deepEqual(bad.body, {
      error: 'invalid_token',
      error_description: 'The access token is invalid or has expired.',
    });
  });
});
