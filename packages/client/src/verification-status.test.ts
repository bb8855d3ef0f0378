// Verification status and sandbox simulation on Wise's documented bodies:
// https://docs.wise.com/api-reference/profile ("Check profile verification status", also in
// https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation) and
// https://docs.wise.com/api-reference/simulation ("No content is returned with a 200 response code").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseResponseError } from './errors.js';
import { isWiseApiError } from './guards.js';
import { fakeFetch, json, type RecordedRequest, text, tokenBody } from './testing/fake-fetch.js';
import { testClient } from './testing/test-client.js';
import { verificationStatusResponse } from './testing/wise-examples.js';

describe('bankTransferVerificationStatus', () => {
  it("POSTs with the currencies joined by commas, as Wise's example, and returns Wise's body", async () => {
    const { client, requests } = testClient(fakeFetch(json(200, verificationStatusResponse)));
    const status = await client.bankTransferVerificationStatus('user-token', 14575282, ['GBP', 'USD', 'EUR']);
    assert.deepEqual(status, verificationStatusResponse);
    assert.equal(status.routes.find((r) => r.source_currency === 'GBP')?.current_status, 'verified');
    assert.equal(requests[0]?.method, 'POST');
    assert.equal(
      requests[0]?.url,
      'http://localhost:4000/v3/profiles/14575282/verification-status/bank-transfer?source_currencies=GBP,USD,EUR',
    );
    assert.equal(requests[0]?.body, '');
    assert.equal(requests[0]?.headers.get('authorization'), 'Bearer user-token');
  });

  it('is retried like a read', async () => {
    const { client, requests } = testClient(fakeFetch(text(503, ''), json(200, verificationStatusResponse)));
    await client.bankTransferVerificationStatus('t', 1, ['BRL']);
    assert.equal(requests.length, 2);
  });

  it('refuses an empty currency list without a request, and a body that is not a status', async () => {
    const a = testClient(fakeFetch(json(200, verificationStatusResponse)));
    await assert.rejects(a.client.bankTransferVerificationStatus('t', 1, []), TypeError);
    assert.equal(a.requests.length, 0);
    for (const body of [
      { routes: [{ source_currency: 'GBP', current_status: 'verified' }], request_id: 'r' },
      { routes: [], requestId: 'r' },
      { sourceCurrency: 'GBP' },
    ]) {
      const b = testClient(fakeFetch(json(200, body)));
      await assert.rejects(b.client.bankTransferVerificationStatus('t', 1, ['GBP']), WiseResponseError);
    }
  });
});

describe('simulation (sandbox)', () => {
  it('verifies one profile with a user token: POST, no body, 200 with no content', async () => {
    const { client, requests } = testClient(fakeFetch(new Response(null, { status: 200 })));
    assert.equal(await client.simulateProfileVerification('user-token', 14575282), undefined);
    assert.equal(requests[0]?.method, 'POST');
    assert.equal(requests[0]?.url, 'http://localhost:4000/v1/simulation/profiles/14575282/verifications');
    assert.equal(requests[0]?.headers.get('authorization'), 'Bearer user-token');
    assert.equal(requests[0]?.body, '');
  });

  it('verifies one profile with the client-credentials token when no user token is given', async () => {
    const { client, requests } = testClient(
      fakeFetch((r: RecordedRequest) =>
        r.url.endsWith('/oauth/token') ? json(200, tokenBody('cc-1')) : new Response(null, { status: 200 }),
      ),
    );
    await client.simulateProfileVerification(null, 14575282);
    assert.equal(requests[1]?.url, 'http://localhost:4000/v1/simulation/profiles/14575282/verifications');
    assert.equal(requests[1]?.headers.get('authorization'), 'Bearer cc-1');
  });

  it('verifies every profile of the user with POST /v1/simulation/verify-profile', async () => {
    const { client, requests } = testClient(fakeFetch(new Response(null, { status: 200 })));
    await client.simulateUserVerification('user-token');
    assert.equal(requests[0]?.method, 'POST');
    assert.equal(requests[0]?.url, 'http://localhost:4000/v1/simulation/verify-profile');
    assert.equal(requests[0]?.headers.get('authorization'), 'Bearer user-token');
  });

  it('is retried (verifying twice changes nothing) and throws the API error of a refusal', async () => {
    const a = testClient(fakeFetch(text(503, ''), new Response(null, { status: 200 })));
    await a.client.simulateUserVerification('t');
    assert.equal(a.requests.length, 2);
    const b = testClient(fakeFetch(json(404, { errors: [{ code: 'NOT_FOUND', message: 'x' }] })));
    assert.ok(isWiseApiError(await b.client.simulateProfileVerification('t', 9).catch((e) => e), 404));
  });

  it('refuses to simulate on the production API, without a request', async () => {
    const { client, requests } = testClient(fakeFetch(new Response(null, { status: 200 })), {
      environment: 'production',
    });
    await assert.rejects(client.simulateProfileVerification('t', 1), TypeError);
    await assert.rejects(client.simulateUserVerification('t'), TypeError);
    assert.equal(requests.length, 0);
  });

  it('runs against the sandbox', async () => {
    const { client, requests } = testClient(fakeFetch(new Response(null, { status: 200 })), {
      environment: 'sandbox',
    });
    await client.simulateUserVerification('t');
    assert.equal(requests[0]?.url, 'https://api.wise-sandbox.com/v1/simulation/verify-profile');
  });
});
