import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverAuthorizationServer, metadataUrl } from './discovery.js';
import { WiseResponseError } from './errors.js';
import { isWiseApiError } from './guards.js';
import { fakeFetch, json } from './testing/fake-fetch.js';
import { testClient } from './testing/test-client.js';

/** RFC 8414 §3.2, the example response, as printed. */
const EXAMPLE = {
  issuer: 'https://server.example.com',
  authorization_endpoint: 'https://server.example.com/authorize',
  token_endpoint: 'https://server.example.com/token',
  token_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt'],
  token_endpoint_auth_signing_alg_values_supported: ['RS256', 'ES256'],
  userinfo_endpoint: 'https://server.example.com/userinfo',
  jwks_uri: 'https://server.example.com/jwks.json',
  registration_endpoint: 'https://server.example.com/register',
  scopes_supported: ['openid', 'profile', 'email', 'address', 'phone', 'offline_access'],
  response_types_supported: ['code', 'code token'],
  service_documentation: 'http://server.example.com/service_documentation.html',
  ui_locales_supported: ['en-US', 'en-GB', 'en-CA', 'fr-FR', 'fr-CA'],
};

describe('discoverAuthorizationServer (RFC 8414)', () => {
  it('builds the §3.1 URL: the well-known suffix between host and path', () => {
    assert.deepEqual(metadataUrl('https://server.example.com'), {
      origin: 'https://server.example.com',
      path: '/.well-known/oauth-authorization-server',
    });
    // RFC 8414 §3.1's own example issuer with a path component.
    assert.deepEqual(metadataUrl('https://example.com/issuer1'), {
      origin: 'https://example.com',
      path: '/.well-known/oauth-authorization-server/issuer1',
    });
    assert.throws(() => metadataUrl('https://example.com/?a=1'), TypeError);
    assert.throws(() => metadataUrl('example.com'), TypeError);
    assert.throws(() => metadataUrl('ftp://example.com'), TypeError);
  });

  it('reads the §3.2 example: typed members, §2 defaults for the absent ones', async () => {
    const fake = fakeFetch(json(200, EXAMPLE));
    const metadata = await discoverAuthorizationServer('https://server.example.com', { fetch: fake.fetch });
    assert.equal(fake.requests[0]?.url, 'https://server.example.com/.well-known/oauth-authorization-server');
    assert.equal(fake.requests[0]?.method, 'GET');
    assert.deepEqual(metadata, {
      issuer: 'https://server.example.com',
      authorizationEndpoint: 'https://server.example.com/authorize',
      tokenEndpoint: 'https://server.example.com/token',
      revocationEndpoint: undefined,
      introspectionEndpoint: undefined,
      grantTypesSupported: ['authorization_code', 'implicit'],
      responseTypesSupported: ['code', 'code token'],
      codeChallengeMethodsSupported: [],
      tokenEndpointAuthMethodsSupported: ['client_secret_basic', 'private_key_jwt'],
      authorizationResponseIssParameterSupported: false,
      raw: EXAMPLE,
    });
  });

  it('accepts the issuer given with a trailing slash on a bare origin', async () => {
    const fake = fakeFetch(json(200, EXAMPLE));
    const metadata = await discoverAuthorizationServer('https://server.example.com/', { fetch: fake.fetch });
    assert.equal(metadata.issuer, 'https://server.example.com');
  });

  it('refuses a document naming another issuer (§3.3 "MUST NOT be used")', async () => {
    const fake = fakeFetch(json(200, { ...EXAMPLE, issuer: 'https://attacker.example.com' }));
    await assert.rejects(
      discoverAuthorizationServer('https://server.example.com', { fetch: fake.fetch }),
      (e) => e instanceof WiseResponseError && /names issuer https:\/\/attacker/.test(e.message),
    );
  });

  it('refuses a document without token_endpoint, a non-object, and a 404', async () => {
    const { token_endpoint: _, ...noToken } = EXAMPLE;
    for (const body of [noToken, ['not', 'metadata']]) {
      const fake = fakeFetch(json(200, body));
      await assert.rejects(
        discoverAuthorizationServer('https://server.example.com', { fetch: fake.fetch }),
        WiseResponseError,
      );
    }
    const missing = fakeFetch(json(404, { error: 'not_found' }));
    await assert.rejects(
      discoverAuthorizationServer('https://server.example.com', { fetch: missing.fetch }),
      (e) => isWiseApiError(e) && e.status === 404,
    );
  });

  it('the client discovers on its own fetch, retrying a 503 like a read', async () => {
    const busy = new Response('', { status: 503, headers: { 'retry-after': '1' } });
    const { client, requests, sleeps } = testClient(fakeFetch(busy, json(200, EXAMPLE)));
    const metadata = await client.discover('https://server.example.com');
    assert.equal(metadata.tokenEndpoint, 'https://server.example.com/token');
    assert.equal(requests.length, 2);
    assert.deepEqual(sleeps, [1000]);
  });
});
