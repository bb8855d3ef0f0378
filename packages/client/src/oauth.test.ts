import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseNetworkError, WiseResponseError } from './errors.js';
import { isOAuthError } from './guards.js';
import { fakeFetch, json, text, tokenBody, userTokenBody } from './testing/fake-fetch.js';
import { testClient } from './testing/test-client.js';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('token endpoint requests', () => {
  it('POSTs a form to {apiUrl}/oauth/token with HTTP Basic client authentication', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, tokenBody('cc-1'))));
    const token = await client.clientCredentialsToken();
    const request = requests[0];
    assert.equal(request?.url, 'http://localhost:4000/oauth/token');
    assert.equal(request?.method, 'POST');
    assert.equal(request?.headers.get('content-type'), 'application/x-www-form-urlencoded');
    assert.equal(request?.headers.get('authorization'), basic('partner-client', 'partner-secret'));
    assert.equal(request?.body, 'grant_type=client_credentials');
    assert.equal(token.accessToken, 'cc-1');
    assert.equal(token.tokenType, 'bearer');
    assert.equal(token.scope, 'transfers');
  });

  it('form-urlencodes the client id and secret before base64 (RFC 6749 §2.3.1)', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, tokenBody('cc-1'))), {
      clientId: 'bank client',
      clientSecret: 'p@ss:w/rd+é',
    });
    await client.clientCredentialsToken();
    assert.equal(requests[0]?.headers.get('authorization'), basic('bank+client', 'p%40ss%3Aw%2Frd%2B%C3%A9'));
  });

  it('sends the registration-code grant with client_id, email and registration_code', async () => {
    const { client, requests, clock } = testClient(fakeFetch(json(200, userTokenBody('u-1', 'r-1'))));
    const tokens = await client.tokensFromRegistrationCode({
      email: 'a@example.com',
      registrationCode: 'c'.repeat(32),
    });
    assert.deepEqual(Object.fromEntries(requests[0]?.form ?? []), {
      grant_type: 'registration_code',
      client_id: 'partner-client',
      email: 'a@example.com',
      registration_code: 'c'.repeat(32),
    });
    assert.equal(requests[0]?.headers.get('authorization'), basic('partner-client', 'partner-secret'));
    assert.deepEqual(tokens, {
      accessToken: 'u-1',
      tokenType: 'bearer',
      refreshToken: 'r-1',
      expiresAt: clock.now() + 43_199_000,
      refreshTokenExpiresAt: clock.now() + 628_639_555_000,
      scope: 'transfers',
    });
  });

  it('accepts invalid_grant on the registration-code grant as 401 and as 400', async () => {
    for (const status of [401, 400]) {
      const body = { error: 'invalid_grant', error_description: 'Invalid user credentials.' };
      const { client } = testClient(fakeFetch(json(status, body)));
      const error = await client
        .tokensFromRegistrationCode({ email: 'a@example.com', registrationCode: 'x'.repeat(32) })
        .catch((e: unknown) => e);
      assert.ok(isOAuthError(error, 'invalid_grant'), String(status));
      assert.equal(error.status, status);
    }
  });

  it('exchanges an authorization code with redirect_uri and code_verifier', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, userTokenBody('u-1'))));
    await client.exchangeCode({
      code: 'abc',
      redirectUri: 'https://bank.example/cb?x=1',
      codeVerifier: 'v'.repeat(43),
    });
    assert.deepEqual(Object.fromEntries(requests[0]?.form ?? []), {
      grant_type: 'authorization_code',
      client_id: 'partner-client',
      code: 'abc',
      redirect_uri: 'https://bank.example/cb?x=1',
      code_verifier: 'v'.repeat(43),
    });
  });

  it('exchanges an emailed code without redirect_uri (contract §6)', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, userTokenBody('u-1'))));
    await client.exchangeCode({ code: 'ABCD-EFGH' });
    assert.equal(requests[0]?.body, 'grant_type=authorization_code&client_id=partner-client&code=ABCD-EFGH');
  });

  it('refresh keeps the refresh token when the server returns none, and takes a rotated one', async () => {
    const kept = testClient(fakeFetch(json(200, tokenBody('u-2'))));
    const a = await kept.client.refresh('r-1');
    assert.deepEqual(Object.fromEntries(kept.requests[0]?.form ?? []), {
      grant_type: 'refresh_token',
      refresh_token: 'r-1',
    });
    assert.equal(a.refreshToken, 'r-1');
    assert.equal(a.refreshTokenExpiresAt, undefined);
    const rotated = testClient(fakeFetch(json(200, userTokenBody('u-2', 'r-2'))));
    assert.equal((await rotated.client.refresh('r-1')).refreshToken, 'r-2');
  });

  it('falls back to expires_at when expires_in is missing', async () => {
    const { client } = testClient(
      fakeFetch(json(200, { access_token: 'cc', token_type: 'bearer', expires_at: '2026-01-01T12:00:00Z' })),
    );
    assert.equal((await client.clientCredentialsToken()).expiresAt, Date.UTC(2026, 0, 1, 12));
  });

  it('rejects a 200 without an access token, or that is not JSON, as WiseResponseError', async () => {
    for (const response of [
      json(200, { token_type: 'bearer' }),
      text(200, '<html>login</html>'),
      json(200, {}),
    ]) {
      const { client } = testClient(fakeFetch(response));
      await assert.rejects(client.clientCredentialsToken(), WiseResponseError);
    }
    const noExpiry = testClient(fakeFetch(json(200, { access_token: 'x' })));
    await assert.rejects(noExpiry.client.clientCredentialsToken(), /no expires_in/);
    const noRefresh = testClient(fakeFetch(json(200, tokenBody('x'))));
    await assert.rejects(noRefresh.client.exchangeCode({ code: 'c' }), /no refresh_token/);
  });

  it('retries the client-credentials grant, which is idempotent', async () => {
    const { client, requests } = testClient(fakeFetch(text(503, ''), json(200, tokenBody('cc-1'))));
    assert.equal((await client.clientCredentialsToken()).accessToken, 'cc-1');
    assert.equal(requests.length, 2);
  });

  it('never retries the registration-code, authorization-code or refresh grants', async () => {
    const calls = [
      (c: ReturnType<typeof testClient>['client']) =>
        c.tokensFromRegistrationCode({ email: 'a@example.com', registrationCode: 'x'.repeat(32) }),
      (c: ReturnType<typeof testClient>['client']) =>
        c.exchangeCode({ code: 'abc', redirectUri: 'https://b/cb' }),
      (c: ReturnType<typeof testClient>['client']) => c.refresh('r-1'),
    ];
    for (const call of calls) {
      for (const first of [text(503, ''), text(429, '', { 'retry-after': '1' }), new Error('ECONNRESET')]) {
        const { client, requests } = testClient(fakeFetch(first, json(200, userTokenBody('u'))));
        const outcome = await call(client).catch((e: unknown) => e);
        assert.equal(requests.length, 1);
        if (first instanceof Error) assert.ok(outcome instanceof WiseNetworkError);
        else assert.ok(outcome instanceof Error);
      }
    }
  });
});

describe('client-credentials token cache', () => {
  it('reuses the token until shortly before expiry, then fetches a new one', async () => {
    const { client, requests, clock } = testClient(
      fakeFetch(
        json(200, tokenBody('cc-1', { expires_in: 3600 })),
        json(200, tokenBody('cc-2', { expires_in: 3600 })),
      ),
      { clientTokenRefreshAheadMs: 60_000 },
    );
    assert.equal((await client.clientCredentialsToken()).accessToken, 'cc-1');
    clock.advance(3_600_000 - 60_001);
    assert.equal((await client.clientCredentialsToken()).accessToken, 'cc-1');
    assert.equal(requests.length, 1);
    clock.advance(1);
    assert.equal((await client.clientCredentialsToken()).accessToken, 'cc-2');
    assert.equal(requests.length, 2);
  });

  it('renews at half the lifetime when the lifetime is shorter than twice the margin', async () => {
    const { client, requests, clock } = testClient(
      fakeFetch(json(200, tokenBody('cc-1', { expires_in: 60 })), json(200, tokenBody('cc-2'))),
    );
    await client.clientCredentialsToken();
    clock.advance(29_999);
    assert.equal((await client.clientCredentialsToken()).accessToken, 'cc-1');
    clock.advance(1);
    assert.equal((await client.clientCredentialsToken()).accessToken, 'cc-2');
    assert.equal(requests.length, 2);
  });

  it('shares one request among concurrent callers', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { client, requests } = testClient(
      fakeFetch(async () => {
        await gate;
        return json(200, tokenBody('cc-1'));
      }),
    );
    const all = Promise.all(Array.from({ length: 10 }, () => client.clientCredentialsToken()));
    release();
    const tokens = await all;
    assert.equal(requests.length, 1);
    assert.ok(tokens.every((t) => t.accessToken === 'cc-1'));
  });

  it('does not cache a failure', async () => {
    const { client, requests } = testClient(
      fakeFetch(json(401, { error: 'invalid_client' }), json(200, tokenBody('cc-1'))),
    );
    await assert.rejects(client.clientCredentialsToken(), (e: unknown) => isOAuthError(e, 'invalid_client'));
    assert.equal((await client.clientCredentialsToken()).accessToken, 'cc-1');
    assert.equal(requests.length, 2);
  });

  it('forceRefresh fetches a new token', async () => {
    const { client, requests } = testClient(
      fakeFetch(json(200, tokenBody('cc-1')), json(200, tokenBody('cc-2'))),
    );
    await client.clientCredentialsToken();
    assert.equal((await client.clientCredentialsToken({ forceRefresh: true })).accessToken, 'cc-2');
    assert.equal(requests.length, 2);
  });

  it('an aborted caller does not fail the others sharing the request', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { client } = testClient(
      fakeFetch(async () => {
        await gate;
        return json(200, tokenBody('cc-1'));
      }),
    );
    const controller = new AbortController();
    const impatient = client.clientCredentialsToken({ signal: controller.signal }).catch((e: unknown) => e);
    const patient = client.clientCredentialsToken();
    controller.abort(new Error('gave up'));
    release();
    assert.equal(((await impatient) as Error).message, 'gave up');
    assert.equal((await patient).accessToken, 'cc-1');
  });
});
