import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, postForm, startTestPlatform, type TestPlatform } from './support/index.js';
import { addPartner, CODE, type TestPartner } from './support/partner.js';

/** Bad input gets the contract's 4xx with a clear message: never a 500, never a half-written row. */
describe('bad input', () => {
  let p: TestPlatform;
  let partner: TestPartner;
  let token: string;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    token = await partner.clientToken();
  });
  after(() => p.close());

  const counts = async () => {
    const { rows } = await p.db.query<{ users: number; grants: number; tokens: number }>(
      `select (select count(*)::int from users) as users, (select count(*)::int from grants) as grants,
              (select count(*)::int from access_tokens) as tokens`,
    );
    return rows[0]!;
  };
  const raw = async (path: string, body: string | null, contentType: string | null, auth?: string) => {
    const headers: Record<string, string> = {};
    if (contentType !== null) headers['content-type'] = contentType;
    if (auth) headers['authorization'] = auth;
    const res = await fetch(`${p.url}${path}`, {
      method: 'POST',
      headers,
      ...(body === null ? {} : { body }),
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? JSON.parse(text) : null };
  };
  const signup = (body: string, contentType: string | null = 'application/json') =>
    raw('/v1/user/signup/registration_code', body, contentType, `Bearer ${token}`);
  const tokenRequest = (body: string, contentType: string | null = 'application/x-www-form-urlencoded') =>
    raw('/oauth/token', body, contentType, partner.auth);
  const BAD = (message: string, path?: string) => ({
    errors: [{ code: 'BAD_REQUEST', message, ...(path ? { path } : {}) }],
  });

  test('malformed JSON: 400', async () => {
    const before = await counts();
    for (const body of ['{', '{"email": }', "{'email': 'a@example.com'}", 'nope']) {
      const res = await signup(body);
      assert.equal(res.status, 400, body);
      assert.deepEqual(res.body, BAD('The request body is not valid JSON.'));
    }
    assert.deepEqual(await counts(), before);
  });

  test('an empty JSON body: 400', async () => {
    const res = await signup('');
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, BAD('The request body is not valid JSON.'));
  });

  test('JSON that is not an object: 400', async () => {
    for (const body of ['[]', '"a@example.com"', '42', 'null', 'true', '[{"email":"a@example.com"}]']) {
      const res = await signup(body);
      assert.equal(res.status, 400, body);
      assert.deepEqual(res.body, BAD('The request body must be a JSON object.'));
    }
  });

  test('wrong types: 400 TypeMismatch / Pattern per field', async () => {
    const before = await counts();
    const res = await signup(
      JSON.stringify({
        email: 42,
        registrationCode: ['x'],
        language: 'XX',
        sendAuthorizationCodeAsEmail: 'yes',
      }),
    );
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      errors: [
        { code: 'TypeMismatch', message: 'must be a string', path: 'email', arguments: [] },
        { code: 'TypeMismatch', message: 'must be a string', path: 'registrationCode', arguments: [] },
        {
          code: 'Pattern',
          message: 'must be one of EN, US, PT, ES, FR, DE, IT, JA, RU, PL, HU, TR, RO, NL, HK',
          path: 'language',
          arguments: [],
        },
        {
          code: 'TypeMismatch',
          message: 'must be a boolean',
          path: 'sendAuthorizationCodeAsEmail',
          arguments: [],
        },
      ],
    });
    const exists = await raw(
      '/v1/users/exists',
      '{"email": {"$ne": null}}',
      'application/json',
      `Bearer ${token}`,
    );
    assert.equal(exists.status, 400);
    assert.deepEqual(exists.body, {
      errors: [{ code: 'TypeMismatch', message: 'must be a string', path: 'email', arguments: [] }],
    });
    assert.deepEqual(await counts(), before);
  });

  test('NUL and lone surrogates in JSON strings: 400 naming the field', async () => {
    const before = await counts();
    const cases: [string, string][] = [
      [`{"email":"a\\u0000b@example.com","registrationCode":"${CODE}"}`, 'email'],
      [`{"email":"a@example.com","registrationCode":"${CODE}\\ud800"}`, 'registrationCode'],
      [`{"email":"a@example.com","registrationCode":"${CODE}\\udc00x"}`, 'registrationCode'],
      [`{"email":"a@example.com","registrationCode":"${CODE}","x\\u0000":1}`, 'x\u0000'],
    ];
    for (const [body, path] of cases) {
      const res = await signup(body);
      assert.equal(res.status, 400, body);
      assert.deepEqual(res.body, BAD('The request body contains characters that are not allowed.', path));
    }
    assert.deepEqual(await counts(), before);
  });

  test('JSON nested far too deeply: 400, not a stack overflow', async () => {
    const n = 100_000;
    for (const body of ['['.repeat(n) + ']'.repeat(n), '{"a":'.repeat(n) + '1' + '}'.repeat(n)]) {
      const res = await signup(body);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, BAD('The request body is nested too deeply.'));
    }
    const fine = await signup(
      JSON.stringify({ email: 'nested@example.com', registrationCode: CODE, x: [[[{ y: 1 }]]] }),
    );
    assert.equal(fine.status, 200);
  });

  test('a surrogate pair (an emoji) is fine: it is a 422 email, not a 400', async () => {
    const res = await signup(JSON.stringify({ email: '😀@example.com', registrationCode: CODE }));
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].code, 'ERROR');
  });

  test('an overlong email: 422, not a database error', async () => {
    const res = await signup(
      JSON.stringify({ email: `${'a'.repeat(300)}@example.com`, registrationCode: CODE }),
    );
    assert.equal(res.status, 422);
  });

  test('a wrong content type on a JSON route: 415', async () => {
    const before = await counts();
    const res = await signup(
      JSON.stringify({ email: 'a@example.com', registrationCode: CODE }),
      'text/plain',
    );
    assert.equal(res.status, 415);
    assert.deepEqual(res.body, BAD('Unsupported content type'));
    const form = await signup(
      `email=a%40example.com&registrationCode=${CODE}`,
      'application/x-www-form-urlencoded',
    );
    assert.equal(form.status, 415);
    assert.deepEqual(form.body, BAD('The request body must be application/json.'));
    assert.deepEqual(await counts(), before);
  });

  test('application/json with a charset is JSON', async () => {
    const res = await signup(
      JSON.stringify({ email: 'charset@example.com', registrationCode: CODE }),
      'application/json; charset=utf-8',
    );
    assert.equal(res.status, 200);
  });

  test('a JSON body over 1 MB: 413', async () => {
    const before = await counts();
    const big = JSON.stringify({ email: 'big@example.com', registrationCode: 'x'.repeat(1024 * 1024) });
    const res = await signup(big);
    assert.equal(res.status, 413);
    assert.deepEqual(res.body, BAD('Request body is larger than 1 MB'));
    assert.deepEqual(await counts(), before);
  });

  test('a registration code just under the limit is stored as a hash', async () => {
    const res = await signup(
      JSON.stringify({ email: 'long-code@example.com', registrationCode: 'y'.repeat(1000_000) }),
    );
    assert.equal(res.status, 200);
    const tokens = await partner.userTokens('long-code@example.com', 'y'.repeat(1000_000));
    assert.equal(tokens.status, 200);
  });

  test('a form body over 1 MB: 413 invalid_request', async () => {
    const res = await tokenRequest(`grant_type=client_credentials&pad=${'x'.repeat(1024 * 1024)}`);
    assert.equal(res.status, 413);
    assert.deepEqual(res.body, {
      error: 'invalid_request',
      error_description: 'Request body is larger than 1 MB',
    });
  });

  test('the token endpoint with JSON, no body or text: a 4xx invalid_request', async () => {
    const json = await tokenRequest('{"grant_type":"client_credentials"}', 'application/json');
    assert.equal(json.status, 400);
    assert.deepEqual(json.body, {
      error: 'invalid_request',
      error_description: 'The request body must be application/x-www-form-urlencoded or multipart/form-data.',
    });
    const none = await raw('/oauth/token', null, null, partner.auth);
    assert.equal(none.status, 400);
    assert.equal(none.body.error, 'invalid_request');
    const text = await tokenRequest('grant_type=client_credentials', 'text/plain');
    assert.equal(text.status, 415);
    assert.deepEqual(text.body, { error: 'invalid_request', error_description: 'Unsupported content type' });
  });

  test('a duplicate form parameter: 400 invalid_request', async () => {
    const before = await counts();
    const res = await tokenRequest('grant_type=client_credentials&grant_type=client_credentials');
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: 'invalid_request',
      error_description: 'The parameter grant_type was given more than once.',
    });
    const dupCode = await tokenRequest(
      `grant_type=registration_code&email=a%40example.com&registration_code=${CODE}&registration_code=${CODE}`,
    );
    assert.equal(dupCode.status, 400);
    assert.equal(dupCode.body.error, 'invalid_request');
    assert.deepEqual(await counts(), before);
  });

  test('NUL in a form parameter: 400 invalid_request', async () => {
    const res = await tokenRequest(
      `grant_type=registration_code&email=a%00%40example.com&registration_code=${CODE}`,
    );
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: 'invalid_request',
      error_description: 'The parameter email contains characters that are not allowed.',
    });
  });

  test('invalid UTF-8 and odd Unicode in form values never reach a 500', async () => {
    for (const email of ['%ED%A0%80%40example.com', '%FF%FE', '%F0%9F%98%80%40example.com', '%E2%80%AE']) {
      const res = await tokenRequest(
        `grant_type=registration_code&client_id=${partner.clientId}&email=${email}&registration_code=${CODE}`,
      );
      assert.equal(res.status, 401, email);
      assert.deepEqual(res.body, { error: 'invalid_grant', error_description: 'Invalid user credentials.' });
    }
  });

  test('odd bytes in a Basic header: 401 invalid_client', async () => {
    for (const creds of ['\u0000:\u0000', '%zz:%zz', `${'a'.repeat(5000)}:b`, ':']) {
      const res = await postForm(
        `${p.url}/oauth/token`,
        { grant_type: 'client_credentials' },
        { authorization: `Basic ${Buffer.from(creds).toString('base64')}` },
      );
      assert.equal(res.status, 401, creds);
      assert.equal(res.body.error, 'invalid_client');
    }
  });

  test('odd bearer tokens: 401 invalid_token', async () => {
    for (const authorization of [
      'Bearer',
      'Bearer ',
      'Bearer a b',
      `Bearer ${'a'.repeat(10_000)}`,
      'bearer%00',
    ]) {
      const res = await raw(
        '/v1/users/exists',
        '{"email":"a@example.com"}',
        'application/json',
        authorization,
      );
      assert.equal(res.status, 401, authorization);
      assert.equal(res.body.error, 'invalid_token');
    }
    const res = await raw(
      '/v1/users/exists',
      '{"email":"a@example.com"}',
      'application/json',
      `Bearer ${token}`,
    );
    assert.equal(res.status, 200);
    assert.deepEqual(bearer('x'), { authorization: 'Bearer x' });
  });
});
