import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basic, postForm, startTestPlatform, type TestPlatform } from './support/index.js';

const INVALID_CLIENT = { error: 'invalid_client', error_description: 'Client authentication failed.' };

describe('POST /oauth/token grant_type=client_credentials (contract §1)', () => {
  let p: TestPlatform;
  let client: { clientId: string; clientSecret: string };
  let token: string;
  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient();
  });
  after(() => p.close());
  const token_ = (form: Record<string, string> | string, headers: Record<string, string> = {}) =>
    postForm(`${p.url}/oauth/token`, form, headers);

  test('issues a 12-hour bearer token with the contract body and no-store', async () => {
    const res = await token_(
      { grant_type: 'client_credentials' },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('pragma'), 'no-cache');
    assert.match(res.body.access_token, /^[A-Za-z0-9_-]{43}$/);
    token = res.body.access_token;
    assert.deepEqual(res.body, {
      access_token: token,
      token_type: 'bearer',
      expires_in: 43199,
      expires_at: '2026-11-23T22:00:00.000Z',
      scope: 'transfers',
    });
  });

  test('every token is new: 256 random bits each time', async () => {
    const again = await token_(
      { grant_type: 'client_credentials' },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    assert.equal(again.status, 200);
    assert.notEqual(again.body.access_token, token);
  });

  test('Basic credentials form-urlencoded before base64 (RFC 6749 §2.3.1) and raw both work', async () => {
    const odd = await p.addClient({ clientId: 'odd.bank~1', clientSecret: 'se cret:+/%&=ü' });
    const encode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
    const encoded = `Basic ${Buffer.from(`${encode(odd.clientId)}:${encode(odd.clientSecret)}`).toString('base64')}`;
    const viaEncoded = await token_({ grant_type: 'client_credentials' }, { authorization: encoded });
    assert.equal(viaEncoded.status, 200, viaEncoded.text);
    const viaRaw = await token_(
      { grant_type: 'client_credentials' },
      { authorization: basic(odd.clientId, odd.clientSecret) },
    );
    assert.equal(viaRaw.status, 200, viaRaw.text);
    assert.equal(viaRaw.body.token_type, 'bearer');
  });

  test('client_secret_post: credentials in the form body', async () => {
    const res = await token_({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.scope, 'transfers');
  });

  test('wrong secret: 401 invalid_client with a Basic challenge', async () => {
    const res = await token_(
      { grant_type: 'client_credentials' },
      { authorization: basic(client.clientId, 'wrong') },
    );
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, INVALID_CLIENT);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Basic /);
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  test('unknown client: 401 invalid_client', async () => {
    const res = await token_(
      { grant_type: 'client_credentials' },
      { authorization: basic('no-such-client', client.clientSecret) },
    );
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, INVALID_CLIENT);
  });

  test('wrong secret in the form body: 401 invalid_client', async () => {
    const res = await token_({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: 'wrong',
    });
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, INVALID_CLIENT);
  });

  test('no credentials at all: 401 invalid_client', async () => {
    const res = await token_({ grant_type: 'client_credentials' });
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, {
      error: 'invalid_client',
      error_description: 'Client authentication is required.',
    });
  });

  test('an Authorization header that is not Basic: 401 invalid_client', async () => {
    for (const authorization of [
      'Bearer abc',
      'Basic !!!',
      `Basic ${Buffer.from('nocolon').toString('base64')}`,
    ]) {
      const res = await token_({ grant_type: 'client_credentials' }, { authorization });
      assert.equal(res.status, 401, authorization);
      assert.deepEqual(res.body, {
        error: 'invalid_client',
        error_description: 'The Authorization header is not valid HTTP Basic authentication.',
      });
    }
  });

  test('a client id without its secret: 401 invalid_client', async () => {
    const res = await token_({ grant_type: 'client_credentials', client_id: client.clientId });
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, INVALID_CLIENT);
  });

  test('two authentication methods at once: 400 invalid_request', async () => {
    const res = await token_(
      { grant_type: 'client_credentials', client_secret: client.clientSecret },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: 'invalid_request',
      error_description: 'Use one client authentication method, not two.',
    });
  });

  test('a public client: 400 unauthorized_client', async () => {
    const pub = await p.addClient({ name: 'Mobile App', isPublic: true });
    const res = await token_({ grant_type: 'client_credentials', client_id: pub.clientId });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: 'unauthorized_client',
      error_description: 'Public clients cannot use the client_credentials grant.',
    });
  });

  test('an unsupported grant type: 400 unsupported_grant_type', async () => {
    const res = await token_(
      { grant_type: 'password' },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: 'unsupported_grant_type',
      error_description: 'The grant type password is not supported.',
    });
  });

  // Wise's example body: https://docs.wise.com/api-reference/user-tokens ("grant_type is missing").
  test('a missing grant_type: 400 invalid_request "Missing grant type"', async () => {
    const res = await token_({}, { authorization: basic(client.clientId, client.clientSecret) });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { error: 'invalid_request', error_description: 'Missing grant type' });
    const empty = await token_(
      { grant_type: '' },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    assert.deepEqual(empty.body, { error: 'invalid_request', error_description: 'Missing grant type' });
  });

  test('the token expires after 12 hours', async () => {
    const q = await startTestPlatform();
    const clock = q.clock;
    try {
      const c = await q.addClient();
      const res = await postForm(
        `${q.url}/oauth/token`,
        { grant_type: 'client_credentials' },
        { authorization: basic(c.clientId, c.clientSecret) },
      );
      const exists = (at: string) =>
        fetch(`${q.url}/v1/users/exists`, {
          method: 'POST',
          headers: { authorization: `Bearer ${at}`, 'content-type': 'application/json' },
          body: '{"email":"a@example.com"}',
        }).then((r) => r.status);
      clock.advance(12 * 3600 - 1);
      assert.equal(await exists(res.body.access_token), 200);
      clock.advance(1);
      assert.equal(await exists(res.body.access_token), 401);
    } finally {
      await q.close();
    }
  });
});
