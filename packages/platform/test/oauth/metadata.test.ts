import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GRANTS } from '../../src/oauth/grants/index.js';
import { get, startTestPlatform, type TestPlatform } from '../support/index.js';

/** RFC 8414 §3: the authorization server metadata (ours: Wise publishes none for this API). */
describe('GET /.well-known/oauth-authorization-server (RFC 8414)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({ settings: { issuer: 'https://auth.bank-platform.example' } });
  });
  after(() => p.close());

  test('names the issuer, every endpoint under it, and what the platform supports (§2, §3.2)', async () => {
    const res = await get(`${p.url}/.well-known/oauth-authorization-server`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const issuer = 'https://auth.bank-platform.example';
    assert.deepEqual(res.body, {
      issuer,
      authorization_endpoint: `${issuer}/oauth/authorize`,
      token_endpoint: `${issuer}/oauth/token`,
      revocation_endpoint: `${issuer}/oauth/revoke`,
      introspection_endpoint: `${issuer}/oauth/introspect`,
      grant_types_supported: [
        'client_credentials',
        'registration_code',
        'refresh_token',
        'authorization_code',
      ],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      scopes_supported: ['transfers'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });

  test('the grant types are the token endpoint table, whatever it holds', async () => {
    const res = await get(`${p.url}/.well-known/oauth-authorization-server`);
    assert.deepEqual(res.body.grant_types_supported, [...GRANTS.keys()]);
  });

  test('every endpoint it names is served (a POST with nothing is an OAuth error, never a 404)', async () => {
    const res = await get(`${p.url}/.well-known/oauth-authorization-server`);
    for (const key of ['token_endpoint', 'revocation_endpoint', 'introspection_endpoint']) {
      const path = new URL(res.body[key]).pathname;
      const answer = await fetch(`${p.url}${path}`, { method: 'POST' });
      assert.notEqual(answer.status, 404, key);
      assert.ok(answer.status >= 400 && answer.status < 500, `${key}: ${answer.status}`);
    }
    const authorize = new URL(res.body.authorization_endpoint).pathname;
    assert.notEqual((await get(`${p.url}${authorize}`)).status, 404);
  });

  test('the issuer of a platform with no configured issuer is the URL it is fetched at (§3.3)', async () => {
    const local = await startTestPlatform();
    try {
      const res = await get(`${local.url}/.well-known/oauth-authorization-server`);
      assert.equal(res.body.issuer, local.url);
      assert.equal(res.body.token_endpoint, `${local.url}/oauth/token`);
    } finally {
      await local.close();
    }
  });
});
