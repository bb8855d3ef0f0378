import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOAuthError } from './guards.js';
import { fakeFetch, json, text } from './testing/fake-fetch.js';
import { testClient } from './testing/test-client.js';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('revokeToken (RFC 7009)', () => {
  it('POSTs token and token_type_hint with HTTP Basic, as RFC 7009 §2.1 example, and resolves on 200', async () => {
    const { client, requests } = testClient(fakeFetch(text(200, '')));
    // The RFC's own example token: "token=45ghiukldjahdnhzdauz&token_type_hint=refresh_token".
    await client.revokeToken({ token: '45ghiukldjahdnhzdauz', tokenTypeHint: 'refresh_token' });
    const request = requests[0];
    assert.equal(request?.url, 'http://localhost:4000/oauth/revoke');
    assert.equal(request?.method, 'POST');
    assert.equal(request?.headers.get('content-type'), 'application/x-www-form-urlencoded');
    assert.equal(request?.headers.get('authorization'), basic('partner-client', 'partner-secret'));
    assert.equal(request?.body, 'token=45ghiukldjahdnhzdauz&token_type_hint=refresh_token');
  });

  it('leaves the hint out when not given, and ignores any 200 body (§2.2)', async () => {
    const { client, requests } = testClient(fakeFetch(text(200, 'whatever')));
    await client.revokeToken({ token: 'agabcdefddddafdd' });
    assert.equal(requests[0]?.body, 'token=agabcdefddddafdd');
  });

  it('retries a 503 with Retry-After (§2.2.1: the token still exists, retry later)', async () => {
    const busy = new Response('', { status: 503, headers: { 'retry-after': '2' } });
    const { client, requests, sleeps } = testClient(fakeFetch(busy, text(200, '')));
    await client.revokeToken({ token: 't' });
    assert.equal(requests.length, 2);
    assert.deepEqual(sleeps, [2000]);
  });

  it('rejects with the OAuth error of a 400 unsupported_token_type or 401 invalid_client (§2.2.1)', async () => {
    const { client } = testClient(
      fakeFetch(json(400, { error: 'unsupported_token_type', error_description: 'no' })),
    );
    await assert.rejects(client.revokeToken({ token: 't' }), (e) => isOAuthError(e) && e.status === 400);
    const denied = testClient(fakeFetch(json(401, { error: 'invalid_client' })));
    await assert.rejects(
      denied.client.revokeToken({ token: 't' }),
      (e) => isOAuthError(e, 'invalid_client') && e.status === 401,
    );
  });
});

describe('introspectToken (RFC 7662)', () => {
  it('POSTs the token with HTTP Basic and reads the RFC 7662 §2.2 example response', async () => {
    // RFC 7662 §2.2, the example active response, as printed.
    const example = {
      active: true,
      client_id: 'l238j323ds-23ij4',
      username: 'jdoe',
      scope: 'read write dolphin',
      sub: 'Z5O3upPC88QrAjx00dis',
      aud: 'https://protected.example.net/resource',
      iss: 'https://server.example.com/',
      exp: 1419356238,
      iat: 1419350238,
      extension_field: 'twenty-seven',
    };
    const { client, requests } = testClient(fakeFetch(json(200, example)));
    const result = await client.introspectToken({ token: 'mF_9.B5f-4.1JqM', tokenTypeHint: 'access_token' });
    assert.equal(requests[0]?.url, 'http://localhost:4000/oauth/introspect');
    assert.equal(requests[0]?.body, 'token=mF_9.B5f-4.1JqM&token_type_hint=access_token');
    assert.equal(requests[0]?.headers.get('authorization'), basic('partner-client', 'partner-secret'));
    assert.deepEqual(result, {
      active: true,
      scope: 'read write dolphin',
      clientId: 'l238j323ds-23ij4',
      username: 'jdoe',
      tokenType: undefined,
      expiresAt: 1419356238000,
      issuedAt: 1419350238000,
      notBefore: undefined,
      subject: 'Z5O3upPC88QrAjx00dis',
      audience: 'https://protected.example.net/resource',
      issuer: 'https://server.example.com/',
      jwtId: undefined,
      raw: example,
    });
  });

  it('reads the §2.2 inactive example: active false and nothing else', async () => {
    const { client } = testClient(fakeFetch(json(200, { active: false })));
    const result = await client.introspectToken({ token: 'x' });
    assert.equal(result.active, false);
    assert.equal(result.clientId, undefined);
    assert.equal(result.expiresAt, undefined);
  });

  it('refuses a body without a boolean active (§2.2 REQUIRED)', async () => {
    const { client } = testClient(fakeFetch(json(200, { active: 'true' })));
    await assert.rejects(client.introspectToken({ token: 'x' }), /no boolean active/);
  });

  it('rejects with invalid_client when the server refuses the client (§2.3)', async () => {
    const { client } = testClient(fakeFetch(json(401, { error: 'invalid_client' })));
    await assert.rejects(client.introspectToken({ token: 'x' }), (e) => isOAuthError(e, 'invalid_client'));
  });
});
