import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  bearer,
  get,
  linkAccount,
  PageClient,
  PERSONAL,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from './support/index.js';
import { addPartner, CODE, type TestPartner } from './support/partner.js';

/**
 * The token endpoint with multipart/form-data bodies, built by `FormData` and sent by `fetch` as Postman sends
 * the token request of Wise's collections and Wise's `banks-reference-backend` does. Same rules as the
 * urlencoded form: https://docs.wise.com/api-reference/user-tokens, https://docs.wise.com/api-reference/client-credentials-token.
 */
const REDIRECT = 'https://bank.example/callback';

function multipart(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  }
  return form;
}

describe('POST /oauth/token with multipart/form-data', () => {
  let p: TestPlatform;
  let partner: TestPartner;
  const person = { email: 'ada@example.com', password: 'correct horse battery staple' };

  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    const created = await partner.signup({ email: 'new.user@example.com', registrationCode: CODE });
    assert.equal(created.status, 200);
    await seedPerson(p, { ...person, profiles: [PERSONAL] });
  });
  after(() => p.close());

  async function send(
    body: FormData | string | Blob,
    headers: Record<string, string> = {},
    path = '/oauth/token',
  ) {
    const res = await fetch(`${p.url}${path}`, {
      method: 'POST',
      headers: { authorization: partner.auth, ...headers },
      body,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }

  const USER_TOKEN_FIELDS = [
    'access_token',
    'created_at',
    'expires_at',
    'expires_in',
    'refresh_token',
    'refresh_token_expires_at',
    'refresh_token_expires_in',
    'scope',
    'token_type',
  ];

  test('client_credentials: the documented token body', async () => {
    const res = await send(multipart({ grant_type: 'client_credentials' }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(res.body, {
      access_token: res.body.access_token,
      token_type: 'bearer',
      expires_in: 43199,
      expires_at: '2026-11-23T22:00:00.000Z',
      scope: 'transfers',
    });
  });

  let refreshToken: string;
  test('registration_code: the user token object, and it works on the API', async () => {
    const res = await send(
      multipart({
        grant_type: 'registration_code',
        client_id: partner.clientId,
        email: 'new.user@example.com',
        registration_code: CODE,
      }),
    );
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), USER_TOKEN_FIELDS);
    assert.equal(res.body.token_type, 'bearer');
    assert.equal(res.body.expires_in, 43199);
    refreshToken = res.body.refresh_token;
    const me = await get(`${p.url}/v1/me`, bearer(res.body.access_token));
    assert.equal(me.status, 200);
    assert.equal(me.body.email, 'new.user@example.com');
  });

  test("registration_code with a wrong code: 401 invalid_grant, Wise's body", async () => {
    const res = await send(
      multipart({
        grant_type: 'registration_code',
        client_id: partner.clientId,
        email: 'new.user@example.com',
        registration_code: `${CODE}-wrong`,
      }),
    );
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, { error: 'invalid_grant', error_description: 'Invalid user credentials.' });
  });

  test('refresh_token: a new access token', async () => {
    const res = await send(multipart({ grant_type: 'refresh_token', refresh_token: refreshToken }));
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), USER_TOKEN_FIELDS);
    assert.equal(res.body.refresh_token, refreshToken);
  });

  test('authorization_code: exchanged once; parallel multipart exchanges of one code, one winner', async () => {
    const callback = await linkAccount(p, new PageClient(p.url), {
      client: partner,
      redirectUri: REDIRECT,
      ...person,
      state: 's',
    });
    const code = callback.searchParams.get('code')!;
    const form = () =>
      multipart({
        grant_type: 'authorization_code',
        client_id: partner.clientId,
        code,
        redirect_uri: REDIRECT,
      });
    const results = await Promise.all(Array.from({ length: 5 }, () => send(form())));
    const ok = results.filter((r) => r.status === 200);
    assert.equal(ok.length, 1, JSON.stringify(results.map((r) => r.status)));
    assert.deepEqual(Object.keys(ok[0]!.body).sort(), USER_TOKEN_FIELDS);
    for (const r of results.filter((x) => x.status !== 200)) {
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'invalid_grant');
    }
  });

  test('a missing grant_type: Wise\'s 400 "Missing grant type"', async () => {
    const res = await send(multipart({ client_id: partner.clientId }));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { error: 'invalid_request', error_description: 'Missing grant type' });
  });

  test('a repeated parameter: 400 invalid_request, as with an urlencoded body', async () => {
    const res = await send(multipart({ grant_type: ['client_credentials', 'client_credentials'] }));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: 'invalid_request',
      error_description: 'The parameter grant_type was given more than once.',
    });
  });

  test('an empty parameter counts as omitted; a NUL is refused', async () => {
    const empty = await send(
      multipart({ grant_type: 'registration_code', client_id: '', email: 'a@b.c', registration_code: CODE }),
    );
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.body, {
      error: 'invalid_request',
      error_description: 'The parameter client_id is missing.',
    });
    const nul = await send(multipart({ grant_type: 'client_credentials', scope: 'a\u0000b' }));
    assert.equal(nul.status, 400);
    assert.deepEqual(nul.body, {
      error: 'invalid_request',
      error_description: 'The parameter scope contains characters that are not allowed.',
    });
  });

  test('a file part: 400 invalid_request saying so', async () => {
    const form = multipart({ grant_type: 'client_credentials' });
    form.append('registration_code', new Blob(['secret']), 'code.txt');
    const res = await send(form);
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: 'invalid_request',
      error_description:
        'The parameter registration_code is a file; a token request has only text parameters.',
    });
  });

  test('a body that is not multipart, or has no boundary: 400 invalid_request', async () => {
    for (const contentType of ['multipart/form-data; boundary=zz', 'multipart/form-data']) {
      const res = await send('grant_type=client_credentials', { 'content-type': contentType });
      assert.equal(res.status, 400, contentType);
      assert.deepEqual(res.body, {
        error: 'invalid_request',
        error_description: 'The request body is not valid multipart/form-data.',
      });
    }
  });

  test('raw parts as other clients write them: typed text parts, odd bytes, a part without a name', async () => {
    const raw = (...parts: (string | Buffer)[]) =>
      Buffer.concat([
        ...parts.flatMap((part) => [Buffer.from('--zz\r\n'), Buffer.from(part), Buffer.from('\r\n')]),
        Buffer.from('--zz--\r\n'),
      ]);
    const send_ = (body: Buffer) =>
      send(new Blob([body]), { 'content-type': 'multipart/form-data; boundary=zz' });
    const field = (name: string, value: string | Buffer, type = '') =>
      Buffer.concat([
        Buffer.from(`Content-Disposition: form-data; name="${name}"\r\n${type}\r\n`),
        Buffer.from(value),
      ]);
    const typed = await send_(
      raw(field('grant_type', 'client_credentials', 'Content-Type: text/plain; charset=UTF-8\r\n')),
    );
    assert.equal(typed.status, 200);
    assert.equal(typed.body.token_type, 'bearer');
    // Invalid UTF-8 (half a surrogate pair, encoded) is decoded with replacement characters: no match, no 500.
    const odd = await send_(
      raw(
        field('grant_type', 'registration_code'),
        field('client_id', partner.clientId),
        field('email', Buffer.from([0xed, 0xa0, 0x80, 0x40])),
        field('registration_code', CODE),
      ),
    );
    assert.equal(odd.status, 401);
    assert.deepEqual(odd.body, { error: 'invalid_grant', error_description: 'Invalid user credentials.' });
    const nameless = await send_(raw('Content-Disposition: form-data\r\n\r\nx'));
    assert.equal(nameless.status, 400);
    assert.equal(nameless.body.error, 'invalid_request');
    const nulName = await send_(raw(field('grant\u0000type', 'client_credentials')));
    assert.equal(nulName.status, 400);
    assert.equal(nulName.body.error, 'invalid_request');
  });

  test('the body limit holds: over 1 MB is 413', async () => {
    const res = await send(multipart({ grant_type: 'client_credentials', pad: 'x'.repeat(1024 * 1024) }));
    assert.equal(res.status, 413);
    assert.deepEqual(res.body, {
      error: 'invalid_request',
      error_description: 'Request body is larger than 1 MB',
    });
  });

  test('other routes keep 415 for multipart', async () => {
    const token = await partner.clientToken();
    const res = await send(
      multipart({ email: 'x@example.com', registrationCode: CODE }),
      { authorization: `Bearer ${token}` },
      '/v1/user/signup/registration_code',
    );
    assert.equal(res.status, 415);
    assert.deepEqual(res.body, { errors: [{ code: 'BAD_REQUEST', message: 'Unsupported content type' }] });
  });
});
