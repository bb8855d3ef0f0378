import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, postJson, startTestPlatform, type TestPlatform } from './support/index.js';
import { addPartner, CODE, type TestPartner } from './support/partner.js';

const NOT_NULL = (path: string) => ({ code: 'NotNull', message: 'must not be null', path, arguments: [] });

describe('POST /v1/user/signup/registration_code (contract §2)', () => {
  let p: TestPlatform;
  let partner: TestPartner;
  let token: string;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    token = await partner.clientToken();
  });
  after(() => p.close());
  const signup = (body: unknown, headers: Record<string, string> = bearer(token)) =>
    postJson(`${p.url}/v1/user/signup/registration_code`, body, headers);
  const userCount = async () =>
    Number((await p.db.query<{ n: number }>('select count(*)::int as n from users')).rows[0]!.n);

  test('creates the user: 200 with the contract body', async () => {
    const res = await signup({ email: 'new.user@example.com', registrationCode: CODE, language: 'pt' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      id: res.body.id,
      name: null,
      email: 'new.user@example.com',
      active: true,
      details: null,
    });
    assert.equal(typeof res.body.id, 'number');
    const { rows } = await p.db.query<Record<string, unknown>>(
      'select email, language, created_by_client_id, registration_code_hash from users where id = $1',
      [res.body.id],
    );
    assert.equal(rows[0]!['language'], 'PT');
    assert.equal(rows[0]!['created_by_client_id'], partner.clientId);
    // The registration code is kept only as a keyed hash.
    assert.notEqual(rows[0]!['registration_code_hash'], CODE);
    assert.ok(!String(rows[0]!['registration_code_hash']).includes(CODE));
  });

  test('the same email again: 409 NOT_UNIQUE with the email masked', async () => {
    const res = await signup({ email: 'new.user@example.com', registrationCode: CODE });
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, {
      errors: [
        {
          code: 'NOT_UNIQUE',
          message: "You're already a member. Please login",
          path: 'email',
          arguments: ['email', 'ne******@example.com'],
        },
      ],
    });
  });

  test('the same email in another case is the same user: 409', async () => {
    const res = await signup({ email: 'New.User@Example.COM', registrationCode: CODE });
    assert.equal(res.status, 409);
    assert.deepEqual(res.body.errors[0].arguments, ['email', 'Ne******@Example.COM']);
  });

  test('another partner signing up the same email: 409 too', async () => {
    const other = await addPartner(p, 'Other Bank');
    const res = await other.signup({ email: 'new.user@example.com', registrationCode: CODE });
    assert.equal(res.status, 409);
    assert.equal(res.body.errors[0].code, 'NOT_UNIQUE');
  });

  test('a missing email: 400 NotNull on email', async () => {
    const before = await userCount();
    const res = await signup({ registrationCode: CODE });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { errors: [NOT_NULL('email')] });
    assert.equal(await userCount(), before);
  });

  test('a missing registrationCode: 400 NotNull on registrationCode', async () => {
    const res = await signup({ email: 'x@example.com' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { errors: [NOT_NULL('registrationCode')] });
  });

  test('both missing (or null): one entry per field', async () => {
    for (const body of [{}, { email: null, registrationCode: null }]) {
      const res = await signup(body);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { errors: [NOT_NULL('email'), NOT_NULL('registrationCode')] });
    }
  });

  test('a registration code under 32 characters: 400 Size', async () => {
    const res = await signup({ email: 'short@example.com', registrationCode: 'x'.repeat(31) });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      errors: [
        {
          code: 'Size',
          message: 'size must be between 32 and 2147483647',
          path: 'registrationCode',
          arguments: ['2147483647', '32'],
        },
      ],
    });
  });

  test('exactly 32 characters is enough', async () => {
    const res = await signup({ email: 'exact32@example.com', registrationCode: 'x'.repeat(32) });
    assert.equal(res.status, 200);
  });

  test('a malformed email: 422 ERROR with the email masked', async () => {
    const res = await signup({ email: 'not-an-email', registrationCode: CODE });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body, {
      errors: [
        {
          code: 'ERROR',
          message: 'Please provide a valid email',
          path: 'email',
          arguments: ['email', 'no**********'],
        },
      ],
    });
  });

  test('no bearer token: 401 invalid_token', async () => {
    const res = await signup({ email: 'a@example.com', registrationCode: CODE }, {});
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, { error: 'invalid_token', error_description: 'A bearer token is required.' });
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer .*error="invalid_token"/);
  });

  test('an unknown bearer token: 401 invalid_token', async () => {
    const res = await signup({ email: 'a@example.com', registrationCode: CODE }, bearer('x'.repeat(43)));
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, {
      error: 'invalid_token',
      error_description: 'The access token is invalid or has expired.',
    });
  });

  test('a Basic header instead of a bearer token: 401 invalid_token', async () => {
    const res = await signup(
      { email: 'a@example.com', registrationCode: CODE },
      { authorization: partner.auth },
    );
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, {
      error: 'invalid_token',
      error_description: 'The Authorization header is not a bearer token.',
    });
  });

  test('a user token instead of a client token: 403', async () => {
    const tokens = await partner.userTokens('new.user@example.com');
    assert.equal(tokens.status, 200);
    const res = await signup(
      { email: 'b@example.com', registrationCode: CODE },
      bearer(tokens.body.access_token),
    );
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, {
      error: 'insufficient_scope',
      error_description: 'This call needs a client credentials token, not a user token.',
    });
  });

  test('bearer checks come before body checks: 401 for a bad token and a bad body', async () => {
    const res = await signup({}, {});
    assert.equal(res.status, 401);
  });
});

describe('create user with the 201 compat setting (contract §2)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({ settings: { createUserStatus: 201 } });
  });
  after(() => p.close());

  test('answers 201 with the same body', async () => {
    const partner = await addPartner(p);
    const res = await partner.signup({ email: 'compat@example.com', registrationCode: CODE });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body, {
      id: res.body.id,
      name: null,
      email: 'compat@example.com',
      active: true,
      details: null,
    });
  });
});
