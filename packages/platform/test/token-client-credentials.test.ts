import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basic, postForm, startTestPlatform, type TestPlatform } from './support/index.js';

describe('POST /oauth/token grant_type=client_credentials (contract §1)', () => {
  let p: TestPlatform;
  let client: { clientId: string; clientSecret: string };
  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient();
  });
  after(() => p.close());

  test('issues a 12-hour bearer token with the contract body and no-store', async () => {
    const res = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'client_credentials' },
      {
        authorization: basic(client.clientId, client.clientSecret),
      },
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(Object.keys(res.body).sort(), [
      'access_token',
      'expires_at',
      'expires_in',
      'scope',
      'token_type',
    ]);
    assert.equal(res.body.token_type, 'bearer');
    assert.equal(res.body.scope, 'transfers');
    assert.equal(res.body.expires_in, 43199);
    assert.equal(res.body.expires_at, new Date(p.clock.now().getTime() + 12 * 3600_000).toISOString());
    assert.match(res.body.access_token, /^[A-Za-z0-9_-]{43}$/);
  });

  test('wrong secret: 401 invalid_client with a Basic challenge', async () => {
    const res = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'client_credentials' },
      {
        authorization: basic(client.clientId, 'wrong'),
      },
    );
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, {
      error: 'invalid_client',
      error_description: 'Client authentication failed.',
    });
    assert.match(res.headers.get('www-authenticate') ?? '', /^Basic /);
  });
});
