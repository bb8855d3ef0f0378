// Profile writes against Wise's documented bodies (https://docs.wise.com/api-reference/profile and
// https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation): each request body equals Wise's
// example request, each answer is Wise's example response.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseResponseError } from './errors.js';
import { isValidationError, isWiseApiError } from './guards.js';
import { dateOfBirthMatches, dateOfBirthOf } from './profiles.js';
import { fakeFetch, json, text } from './testing/fake-fetch.js';
import { testClient } from './testing/test-client.js';
import {
  businessProfileObject,
  createBusinessRequest,
  createBusinessV3ByIdRequest,
  createBusinessV3Request,
  createPersonalRequest,
  createPersonalResponse,
  updateBusinessRequest,
  updatePersonalRequest,
} from './testing/wise-examples.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createPersonalProfile (https://docs.wise.com/api-reference/profile)', () => {
  it("sends Wise's example request and returns Wise's example response as it is", async () => {
    const { client, requests } = testClient(fakeFetch(json(200, createPersonalResponse)));
    const created = await client.createPersonalProfile('user-token', createPersonalRequest);
    assert.deepEqual(created, createPersonalResponse);
    assert.equal(created.id, 30000001);
    assert.equal(created.details.dateOfBirth, '1977-07-01');
    const request = requests[0];
    assert.equal(request?.method, 'POST');
    assert.equal(request?.url, 'http://localhost:4000/v2/profiles/personal-profile');
    assert.equal(request?.headers.get('authorization'), 'Bearer user-token');
    assert.equal(request?.headers.get('content-type'), 'application/json');
    assert.match(request?.headers.get('x-idempotence-uuid') ?? '', UUID);
    assert.deepEqual(request?.json, createPersonalRequest);
  });

  it('gives the created profile to the same-person check like a v1 profile (details.dateOfBirth)', async () => {
    const { client } = testClient(fakeFetch(json(200, createPersonalResponse)));
    const created = await client.createPersonalProfile('t', createPersonalRequest);
    assert.equal(dateOfBirthOf(created), '1977-07-01');
    assert.equal(dateOfBirthMatches(created, '1977-07-01'), true);
    assert.equal(dateOfBirthMatches(created, '1977-07-02'), false);
  });

  it('uses the given idempotency key, the same on every retry', async () => {
    const { client, requests } = testClient(
      fakeFetch(new Error('ECONNRESET'), text(503, ''), json(200, createPersonalResponse)),
    );
    const key = '054064c9-e01e-49fb-8fd9-b0990b9442f4';
    await client.createPersonalProfile('t', createPersonalRequest, { idempotencyKey: key });
    assert.deepEqual(
      requests.map((r) => r.headers.get('x-idempotence-uuid')),
      [key, key, key],
    );
  });

  it('generates a new key per call when none is given', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, createPersonalResponse)));
    await client.createPersonalProfile('t', createPersonalRequest);
    await client.createPersonalProfile('t', createPersonalRequest);
    assert.notEqual(
      requests[0]?.headers.get('x-idempotence-uuid'),
      requests[1]?.headers.get('x-idempotence-uuid'),
    );
  });

  it('throws 422 validation failures with code and path, and the 409 of an existing profile', async () => {
    // https://docs.wise.com/guides/developer/errors: MISSING with a path.
    const invalid = {
      errors: [{ code: 'MISSING', message: 'Please enter your first name', path: 'firstName' }],
    };
    const a = testClient(fakeFetch(json(422, invalid)));
    const error = await a.client.createPersonalProfile('t', createPersonalRequest).catch((e: unknown) => e);
    assert.ok(isValidationError(error, 'MISSING', 'firstName'));
    const b = testClient(fakeFetch(json(409, { errors: [{ code: 'NOT_UNIQUE', message: 'x' }] })));
    const conflict = await b.client
      .createPersonalProfile('t', createPersonalRequest)
      .catch((e: unknown) => e);
    assert.ok(isWiseApiError(conflict, 409));
  });

  it('refuses a body that is not a created personal profile (the v2 list object, a business one)', async () => {
    const flat = { type: 'PERSONAL', id: 1, firstName: 'Oliver' };
    for (const body of [flat, { id: 2, type: 'business', details: {} }, { id: 3, type: 'personal' }]) {
      const { client } = testClient(fakeFetch(json(200, body)));
      await assert.rejects(client.createPersonalProfile('t', createPersonalRequest), WiseResponseError);
    }
  });
});

describe('createBusinessProfile (https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation)', () => {
  it("sends Wise's example request with an X-idempotence-uuid and returns the answer", async () => {
    const { client, requests } = testClient(fakeFetch(json(200, businessProfileObject)));
    const created = await client.createBusinessProfile('user-token', createBusinessRequest, {
      idempotencyKey: '054064c9-e01e-49fb-8fd9-b0990b9442f4',
    });
    assert.deepEqual(created, businessProfileObject);
    const request = requests[0];
    assert.equal(request?.method, 'POST');
    assert.equal(request?.url, 'http://localhost:4000/v2/profiles/business-profile');
    assert.equal(request?.headers.get('x-idempotence-uuid'), '054064c9-e01e-49fb-8fd9-b0990b9442f4');
    assert.deepEqual(request?.json, createBusinessRequest);
  });

  it('is retried with the same generated key', async () => {
    const { client, requests } = testClient(fakeFetch(text(502, '<html>'), json(200, { id: 7 })));
    assert.deepEqual(await client.createBusinessProfile('t', createBusinessRequest), { id: 7 });
    assert.equal(requests.length, 2);
    assert.match(requests[0]?.headers.get('x-idempotence-uuid') ?? '', UUID);
    assert.equal(
      requests[0]?.headers.get('x-idempotence-uuid'),
      requests[1]?.headers.get('x-idempotence-uuid'),
    );
  });

  it("sends the reference page's v3 (beta) examples to /v3/profiles/business-profile", async () => {
    // https://docs.wise.com/api-reference/profile: business and representative in one request.
    for (const body of [createBusinessV3Request, createBusinessV3ByIdRequest]) {
      const { client, requests } = testClient(fakeFetch(json(200, businessProfileObject)));
      await client.createBusinessProfile('user-token', body, {
        version: 'v3',
        idempotencyKey: '054064c9-e01e-49fb-8fd9-b0990b9442f4',
      });
      assert.equal(requests[0]?.url, 'http://localhost:4000/v3/profiles/business-profile');
      assert.equal(requests[0]?.headers.get('x-idempotence-uuid'), '054064c9-e01e-49fb-8fd9-b0990b9442f4');
      assert.deepEqual(requests[0]?.json, body);
    }
  });

  it('refuses an answer without a numeric id', async () => {
    const { client } = testClient(fakeFetch(json(200, { id: '7' })));
    await assert.rejects(client.createBusinessProfile('t', createBusinessRequest), WiseResponseError);
  });
});

describe('profile updates and the update window (https://docs.wise.com/api-reference/profile)', () => {
  it("PUTs Wise's example personal update to /v2/profiles/{id}/personal-profile", async () => {
    const { client, requests } = testClient(fakeFetch(json(200, { id: 30000001, type: 'PERSONAL' })));
    const answer = await client.updatePersonalProfile('user-token', 30000001, updatePersonalRequest);
    assert.deepEqual(answer, { id: 30000001, type: 'PERSONAL' });
    assert.equal(requests[0]?.method, 'PUT');
    assert.equal(requests[0]?.url, 'http://localhost:4000/v2/profiles/30000001/personal-profile');
    assert.deepEqual(requests[0]?.json, updatePersonalRequest);
  });

  it("PUTs Wise's example business update, the body's id taken from the path", async () => {
    const { client, requests } = testClient(fakeFetch(json(200, businessProfileObject)));
    const { id: _, ...input } = updateBusinessRequest;
    await client.updateBusinessProfile('user-token', 123, input);
    assert.equal(requests[0]?.method, 'PUT');
    assert.equal(requests[0]?.url, 'http://localhost:4000/v2/profiles/123/business-profile');
    assert.deepEqual(requests[0]?.json, updateBusinessRequest);
    assert.equal(requests[0]?.body.startsWith('{"id":"123",'), true);
  });

  it('retries a PUT, which replaces', async () => {
    const { client, requests } = testClient(fakeFetch(text(503, ''), json(200, { id: 5 })));
    await client.updatePersonalProfile('t', 5, updatePersonalRequest);
    assert.equal(requests.length, 2);
  });

  it('opens the window with POST and closes it with DELETE, no body either way', async () => {
    const { client, requests } = testClient(fakeFetch(new Response(null, { status: 200 })));
    await client.openUpdateWindow('user-token', 14575282);
    await client.closeUpdateWindow('user-token', '14575282');
    assert.deepEqual(
      requests.map((r) => [r.method, new URL(r.url).pathname, r.body, r.headers.get('authorization')]),
      [
        ['POST', '/v1/profiles/14575282/update-window', '', 'Bearer user-token'],
        ['DELETE', '/v1/profiles/14575282/update-window', '', 'Bearer user-token'],
      ],
    );
  });

  it('takes 204 as success and throws the API error of a refused window', async () => {
    const ok = testClient(fakeFetch(new Response(null, { status: 204 })));
    await ok.client.closeUpdateWindow('t', 1);
    const refused = testClient(fakeFetch(json(404, { errors: [{ code: 'NOT_FOUND', message: 'x' }] })));
    assert.ok(isWiseApiError(await refused.client.openUpdateWindow('t', 1).catch((e: unknown) => e), 404));
  });
});
