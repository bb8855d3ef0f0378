// The business representative calls on Wise's example bodies (https://docs.wise.com/api-reference/profile,
// "Retrieve / Update the Business Representative of a Business Profile", "Submit a new Business
// Representative"). Wise documents the requests only; the answer is the platform's (contract §8).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseResponseError } from './errors.js';
import { isWiseApiError } from './guards.js';
import { fakeFetch, json, text } from './testing/fake-fetch.js';
import { testClient } from './testing/test-client.js';
import { createBusinessV3Request } from './testing/wise-examples.js';

const url = 'http://localhost:4000/v3/profiles/123/business-profile/business-representative';
const person = createBusinessV3Request.businessRepresentative;
/** "Example Request - Update Details". */
const updateDetails = {
  updateContext: 'UPDATE_DETAILS',
  contactDetails: { email: 'o.wilson@example.com', phoneNumber: '+3725064992' },
} as const;
/** "Example Request - Transfer of Authorisation". */
const transfer = { updateContext: 'TRANSFER_OF_AUTHORISATION', ...person } as const;
const representative = { businessRepresentativeId: 456, ...person };

describe('business representative (https://docs.wise.com/api-reference/profile)', () => {
  it("reads, updates and transfers with Wise's example bodies", async () => {
    const { client, requests } = testClient(
      fakeFetch(json(200, representative), json(200, representative), json(200, representative)),
    );
    assert.deepEqual(await client.getBusinessRepresentative('user-token', 123), representative);
    assert.deepEqual(
      await client.updateBusinessRepresentative('user-token', '123', updateDetails),
      representative,
    );
    assert.deepEqual(await client.submitBusinessRepresentative('user-token', 123, transfer), representative);
    assert.deepEqual(
      requests.map((r) => [r.method, r.url, r.json, r.headers.get('authorization')]),
      [
        ['GET', url, undefined, 'Bearer user-token'],
        ['PUT', url, updateDetails, 'Bearer user-token'],
        ['POST', url, transfer, 'Bearer user-token'],
      ],
    );
  });

  it('retries GET and PUT but never POST (a new person is submitted once)', async () => {
    const a = testClient(fakeFetch(text(503, ''), json(200, representative)));
    await a.client.updateBusinessRepresentative('t', 123, transfer);
    assert.equal(a.requests.length, 2);
    const b = testClient(fakeFetch(text(503, ''), json(200, representative)));
    assert.ok(
      isWiseApiError(await b.client.submitBusinessRepresentative('t', 123, transfer).catch((e) => e), 503),
    );
    assert.equal(b.requests.length, 1);
  });

  it('a 404 is a WiseApiError; an answer without the representative id is refused', async () => {
    const a = testClient(
      fakeFetch(json(404, { errors: [{ code: 'NOT_FOUND', message: 'Business profile not found' }] })),
    );
    assert.ok(isWiseApiError(await a.client.getBusinessRepresentative('t', 1).catch((e) => e), 404));
    const b = testClient(fakeFetch(json(200, person)));
    await assert.rejects(b.client.getBusinessRepresentative('t', 1), WiseResponseError);
  });
});
