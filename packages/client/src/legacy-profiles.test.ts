// The legacy bank flow on Wise's bodies: `POST /v1/profiles` with the four-field personal body
// (https://docs.wise.com/guides/developer/errors, "Create Personal Profile"), then `POST /v1/addresses`
// (https://docs.wise.com/api-reference/address), then the list.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseResponseError } from './errors.js';
import { isValidationError, isWiseApiError } from './guards.js';
import { fakeFetch, json, text } from './testing/fake-fetch.js';
import { testClient } from './testing/test-client.js';
import { addressObject, addressRequest } from './testing/wise-examples.js';

const fourFields = {
  firstName: 'Oliver',
  lastName: 'Wilson',
  dateOfBirth: '1977-07-01',
  phoneNumber: '+3725064992',
};
const created = { id: 30000001, type: 'personal', details: fourFields };

describe('createLegacyPersonalProfile / createLegacyBusinessProfile', () => {
  it('POSTs {"type":"personal","details"} with the four fields and returns the v1 profile', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, created)));
    assert.deepEqual(await client.createLegacyPersonalProfile('user-token', fourFields), created);
    assert.equal(requests[0]?.method, 'POST');
    assert.equal(requests[0]?.url, 'http://localhost:4000/v1/profiles');
    assert.equal(requests[0]?.headers.get('authorization'), 'Bearer user-token');
    assert.deepEqual(requests[0]?.json, { type: 'personal', details: fourFields });
  });

  it('POSTs {"type":"business","details"} in the v1 business names', async () => {
    const details = {
      name: 'ABC Logistics Ltd',
      registrationNumber: '12144939',
      companyType: 'LIMITED',
      companyRole: 'OWNER',
      descriptionOfBusiness: 'IT_SERVICES',
      webpage: 'https://abc-logistics.com',
    };
    const answer = { id: 30000002, type: 'business', details };
    const { client, requests } = testClient(fakeFetch(json(200, answer)));
    assert.deepEqual(await client.createLegacyBusinessProfile('user-token', details), answer);
    assert.deepEqual(requests[0]?.json, { type: 'business', details });
  });

  it("throws Wise's documented 400 and 422 errors, and is never retried", async () => {
    // https://docs.wise.com/guides/developer/errors: 400 "Missing details property", 422 blank fields.
    const missing = { errors: [{ code: 'BAD_REQUEST', message: 'Missing details property', arguments: [] }] };
    const blank = {
      errors: [
        {
          code: 'MISSING',
          message: 'Please enter your first name',
          path: 'firstName',
          arguments: ['firstName'],
        },
      ],
    };
    const a = testClient(fakeFetch(json(400, missing)));
    const e400 = await a.client.createLegacyPersonalProfile('t', fourFields).catch((e: unknown) => e);
    assert.ok(isWiseApiError(e400, 400) && isValidationError(e400, 'BAD_REQUEST'));
    const b = testClient(fakeFetch(json(422, blank)));
    const e422 = await b.client.createLegacyPersonalProfile('t', fourFields).catch((e: unknown) => e);
    assert.ok(isValidationError(e422, 'MISSING', 'firstName'));
    const c = testClient(fakeFetch(text(503, ''), json(200, created)));
    assert.ok(
      isWiseApiError(await c.client.createLegacyPersonalProfile('t', fourFields).catch((e) => e), 503),
    );
    assert.equal(c.requests.length, 1);
  });

  it('refuses an answer that is not a v1 profile', async () => {
    const { client } = testClient(fakeFetch(json(200, { id: 1, type: 'PERSONAL', firstName: 'Oliver' })));
    await assert.rejects(client.createLegacyPersonalProfile('t', fourFields), WiseResponseError);
  });
});

describe('addresses (https://docs.wise.com/api-reference/address)', () => {
  it("creates the address with Wise's example request and returns Wise's address object", async () => {
    const { client, requests } = testClient(fakeFetch(json(200, addressObject(30000001))));
    const address = await client.createAddress('user-token', addressRequest(30000001));
    assert.deepEqual(address, addressObject(30000001));
    assert.equal(requests[0]?.method, 'POST');
    assert.equal(requests[0]?.url, 'http://localhost:4000/v1/addresses');
    assert.deepEqual(requests[0]?.json, addressRequest(30000001));
  });

  it('is not retried (Wise documents no idempotency for it)', async () => {
    const { client, requests } = testClient(fakeFetch(new Error('ECONNRESET'), json(200, addressObject(1))));
    await assert.rejects(client.createAddress('t', addressRequest(1)));
    assert.equal(requests.length, 1);
  });

  it('gets one address by id and lists a profile’s addresses', async () => {
    const { client, requests } = testClient(
      fakeFetch(json(200, addressObject(30000001)), json(200, [addressObject(30000001)])),
    );
    assert.deepEqual(await client.getAddress('user-token', 10000001), addressObject(30000001));
    assert.deepEqual(await client.listAddresses('user-token', 30000001), [addressObject(30000001)]);
    assert.deepEqual(
      requests.map((r) => [r.method, r.url]),
      [
        ['GET', 'http://localhost:4000/v1/addresses/10000001'],
        ['GET', 'http://localhost:4000/v1/addresses?profile=30000001'],
      ],
    );
  });

  it('retries reads, reports a foreign address as 404, and refuses a body that is not an address', async () => {
    const a = testClient(fakeFetch(text(502, '<html>'), json(200, [])));
    assert.deepEqual(await a.client.listAddresses('t', 1), []);
    const b = testClient(fakeFetch(json(404, { errors: [{ code: 'NOT_FOUND', message: 'x' }] })));
    assert.ok(isWiseApiError(await b.client.getAddress('t', 9).catch((e: unknown) => e), 404));
    const c = testClient(fakeFetch(json(200, { id: 1, details: {} })));
    await assert.rejects(c.client.getAddress('t', 1), WiseResponseError);
  });
});
