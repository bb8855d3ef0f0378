import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Environment } from './environments.js';
import { WiseNetworkError, WiseResponseError } from './errors.js';
import { isOAuthError, isValidationError, isWiseApiError } from './guards.js';
import { fakeFetch, json, type RecordedRequest, text, tokenBody } from './testing/fake-fetch.js';
import { testClient } from './testing/test-client.js';
import { generateRegistrationCode } from './users.js';

const user = { id: 12345, name: null, email: 'new.user@example.com', active: true, details: null };
const conflict = {
  errors: [
    {
      code: 'NOT_UNIQUE',
      message: "You're already a member. Please login",
      path: 'email',
      arguments: ['email', 'ne******@example.com'],
    },
  ],
};
const input = { email: 'new.user@example.com', registrationCode: 'r'.repeat(43) };

/** Answers the token endpoint with a client token, and everything else with `api` in order. */
function withTokenEndpoint(...api: (Response | Error)[]) {
  let n = 0;
  let tokens = 0;
  return fakeFetch((request: RecordedRequest) => {
    if (request.url.endsWith('/oauth/token')) return json(200, tokenBody(`cc-${++tokens}`));
    const step = api[Math.min(n++, api.length - 1)];
    if (step instanceof Error) throw new TypeError('fetch failed', { cause: step });
    if (!step) throw new Error('no step');
    return step.clone();
  });
}

describe('createUser', () => {
  it('POSTs the signup with the client-credentials token and returns created on 200', async () => {
    const { client, requests } = testClient(withTokenEndpoint(json(200, user)));
    const result = await client.createUser({ ...input, language: 'PT' });
    assert.deepEqual(result, { kind: 'created', user });
    const request = requests[1];
    assert.equal(request?.url, 'http://localhost:4000/v1/user/signup/registration_code');
    assert.equal(request?.headers.get('authorization'), 'Bearer cc-1');
    assert.deepEqual(request?.json, { ...input, language: 'PT' });
  });

  it('accepts 201 as success too (compat setting)', async () => {
    const { client } = testClient(withTokenEndpoint(json(201, user)));
    assert.equal((await client.createUser(input)).kind, 'created');
  });

  it('returns the 409 as a conflict with the masked email, not as an exception', async () => {
    const { client, requests } = testClient(
      withTokenEndpoint(json(409, conflict, { 'x-request-id': 'req-9' })),
    );
    const result = await client.createUser({ ...input, sendAuthorizationCodeAsEmail: true });
    assert.equal(result.kind, 'conflict');
    if (result.kind !== 'conflict') return;
    assert.equal(result.maskedEmail, 'ne******@example.com');
    assert.equal(result.authorizationCodeEmailRequested, true);
    assert.equal(result.error.status, 409);
    assert.equal(result.error.requestId, 'req-9');
    assert.deepEqual(requests[1]?.json, { ...input, sendAuthorizationCodeAsEmail: true });
  });

  it('throws validation errors (400 NotNull / Size, 422 ERROR) as WiseApiError', async () => {
    const cases: [number, string, string][] = [
      [400, 'NotNull', 'email'],
      [400, 'Size', 'registrationCode'],
      [422, 'ERROR', 'email'],
    ];
    for (const [status, code, path] of cases) {
      const body = { errors: [{ code, message: 'x', path, arguments: [] }] };
      const { client } = testClient(withTokenEndpoint(json(status, body)));
      const error = await client.createUser(input).catch((e: unknown) => e);
      assert.ok(isValidationError(error, code, path), `${status} ${code}`);
    }
  });

  it('renews a rejected client token once and repeats the request (401 invalid_token)', async () => {
    const { client, requests } = testClient(
      withTokenEndpoint(json(401, { error: 'invalid_token', error_description: 'expired' }), json(200, user)),
    );
    assert.equal((await client.createUser(input)).kind, 'created');
    assert.deepEqual(
      requests.map((r) => [new URL(r.url).pathname, r.headers.get('authorization')?.slice(0, 9)]),
      [
        ['/oauth/token', 'Basic cGF'],
        ['/v1/user/signup/registration_code', 'Bearer cc'],
        ['/oauth/token', 'Basic cGF'],
        ['/v1/user/signup/registration_code', 'Bearer cc'],
      ],
    );
    assert.equal(requests[3]?.headers.get('authorization'), 'Bearer cc-2');
  });

  it('gives up after one renewal when the fresh token is rejected too', async () => {
    const { client, requests } = testClient(withTokenEndpoint(json(401, { error: 'invalid_token' })));
    const error = await client.createUser(input).catch((e: unknown) => e);
    assert.ok(isOAuthError(error, 'invalid_token'));
    assert.equal(requests.length, 4);
  });

  it('reports a user token used in place of a client token (403) as an error', async () => {
    const { client } = testClient(withTokenEndpoint(json(403, { error: 'insufficient_scope' })));
    assert.ok(isWiseApiError(await client.createUser(input).catch((e: unknown) => e), 403));
  });

  it('is never retried: a lost response would turn success into a conflict', async () => {
    for (const first of [text(503, ''), new Error('ECONNRESET')]) {
      const { client, requests } = testClient(withTokenEndpoint(first, json(200, user)));
      const error = await client.createUser(input).catch((e: unknown) => e);
      assert.equal(requests.length, 2);
      assert.ok(first instanceof Error ? error instanceof WiseNetworkError : isWiseApiError(error, 503));
    }
  });

  it('shares the cached client token between calls', async () => {
    const { client, requests } = testClient(withTokenEndpoint(json(200, user)));
    await client.createUser(input);
    await client.createUser(input);
    assert.equal(requests.filter((r) => r.url.endsWith('/oauth/token')).length, 1);
  });
});

describe('userExists', () => {
  it('POSTs the email with the client token and returns the boolean', async () => {
    for (const exists of [true, false]) {
      const { client, requests } = testClient(withTokenEndpoint(json(200, { exists })));
      assert.equal(await client.userExists('a@example.com'), exists);
      assert.equal(requests[1]?.url, 'http://localhost:4000/v1/users/exists');
      assert.deepEqual(requests[1]?.json, { email: 'a@example.com' });
    }
  });

  it('is retried like a read', async () => {
    const { client } = testClient(withTokenEndpoint(text(502, '<html>'), json(200, { exists: true })));
    assert.equal(await client.userExists('a@example.com'), true);
  });

  it('rejects a body without a boolean', async () => {
    const { client } = testClient(withTokenEndpoint(json(200, { exists: 'yes' })));
    await assert.rejects(client.userExists('a@example.com'), WiseResponseError);
  });
});

describe('me, claim-account code, terms', () => {
  it('GETs /v1/me with the user token', async () => {
    const details = { firstName: 'Ana', lastName: 'Silva', dateOfBirth: '1990-04-01' };
    const { client, requests } = testClient(fakeFetch(json(200, { ...user, name: 'Ana Silva', details })));
    const me = await client.me('user-token');
    assert.equal(requests[0]?.url, 'http://localhost:4000/v1/me');
    assert.equal(requests[0]?.method, 'GET');
    assert.equal(requests[0]?.headers.get('authorization'), 'Bearer user-token');
    assert.equal(me.details?.dateOfBirth, '1990-04-01');
    assert.equal(me.name, 'Ana Silva');
  });

  it('reports an invalid bearer token as 401 invalid_token', async () => {
    const { client } = testClient(fakeFetch(json(401, { error: 'invalid_token' })));
    assert.ok(isOAuthError(await client.me('bad').catch((e: unknown) => e), 'invalid_token'));
  });

  it('creates a claim-account code with the user token', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, { claimAccountCode: 'claim-1' })));
    assert.equal(await client.createClaimAccountCode('user-token', 'r'.repeat(43)), 'claim-1');
    assert.equal(requests[0]?.url, 'http://localhost:4000/v1/user/claim-account');
    assert.deepEqual(requests[0]?.json, { registrationCode: 'r'.repeat(43) });
    assert.equal(requests[0]?.headers.get('authorization'), 'Bearer user-token');
  });

  it('builds the terms URL for the client or the general terms, and fetches them as HTML', async () => {
    const { client, requests } = testClient(fakeFetch(text(200, '<h1>Terms</h1>')));
    assert.equal(client.termsUrl(), 'http://localhost:4000/v1/terms/partner-client');
    assert.equal(client.termsUrl('default'), 'http://localhost:4000/v1/terms/default');
    assert.equal(await client.fetchTerms(), '<h1>Terms</h1>');
    assert.equal(requests[0]?.headers.get('authorization'), null);
    assert.equal(requests[0]?.headers.get('accept'), 'text/html');
  });

  it("links to Wise's public terms page on Wise's hosts, and to the platform's /v1/terms elsewhere", () => {
    // https://docs.wise.com/guides/product/kyc/partner-kyc/accessing-accounts: "a link to our website";
    // Wise's current reference documents no terms endpoint.
    const on = (environment: Environment) => testClient(fakeFetch(text(200, '')), { environment }).client;
    assert.equal(on('production').termsUrl(), 'https://wise.com/terms-of-use');
    assert.equal(on('sandbox').termsUrl('default'), 'https://wise.com/terms-of-use');
    const versioned = {
      apiUrl: 'https://api.wise.com/2026Q3',
      authorizeUrl: 'https://wise.com/oauth/authorize/',
    };
    assert.equal(on(versioned).termsUrl(), 'https://wise.com/terms-of-use');
    const platform = {
      apiUrl: 'http://127.0.0.1:43111/',
      authorizeUrl: 'http://127.0.0.1:43111/oauth/authorize',
    };
    assert.equal(on(platform).termsUrl(), 'http://127.0.0.1:43111/v1/terms/partner-client');
    assert.equal(on('local').termsUrl('default'), 'http://localhost:4000/v1/terms/default');
  });

  it('throws on a terms page that does not exist', async () => {
    const { client } = testClient(fakeFetch(text(404, 'not found')));
    assert.ok(isWiseApiError(await client.fetchTerms('nope').catch((e: unknown) => e), 404));
  });
});

describe('generateRegistrationCode', () => {
  it('makes 43 base64url characters (32 random bytes), different every time', () => {
    const codes = new Set(Array.from({ length: 100 }, generateRegistrationCode));
    assert.equal(codes.size, 100);
    for (const code of codes) assert.match(code, /^[A-Za-z0-9_-]{43}$/);
  });
});
