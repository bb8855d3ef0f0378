// Directors and UBOs of a business profile on Wise's example bodies (https://docs.wise.com/api-reference/profile).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseResponseError } from './errors.js';
import { isWiseApiError } from './guards.js';
import { fakeFetch, json, text } from './testing/fake-fetch.js';
import { testClient } from './testing/test-client.js';
import {
  directorsRequest,
  directorsResponse,
  directorsUpdateResponse,
  ubosCreateRequest,
  ubosCreateResponse,
  ubosUpdateRequest,
  ubosUpdateResponse,
} from './testing/wise-examples.js';

const base = 'http://localhost:4000/v1/profiles/14599371';

describe('directors (https://docs.wise.com/api-reference/profile)', () => {
  it("adds, lists and replaces with Wise's example bodies", async () => {
    const { client, requests } = testClient(
      fakeFetch(
        json(200, directorsResponse),
        json(200, directorsResponse),
        json(200, directorsUpdateResponse),
      ),
    );
    assert.deepEqual(await client.addDirectors('user-token', 14599371, directorsRequest), directorsResponse);
    assert.deepEqual(await client.getDirectors('user-token', 14599371), directorsResponse);
    assert.deepEqual(
      await client.replaceDirectors('user-token', 14599371, directorsRequest),
      directorsUpdateResponse,
    );
    assert.deepEqual(
      requests.map((r) => [r.method, r.url, r.json]),
      [
        ['POST', `${base}/directors`, directorsRequest],
        ['GET', `${base}/directors`, undefined],
        ['PUT', `${base}/directors`, directorsRequest],
      ],
    );
  });

  it('retries GET and PUT but never POST (adding twice would add twice)', async () => {
    const a = testClient(fakeFetch(text(503, ''), json(200, directorsResponse)));
    await a.client.replaceDirectors('t', 1, directorsRequest);
    assert.equal(a.requests.length, 2);
    const b = testClient(fakeFetch(text(503, ''), json(200, directorsResponse)));
    assert.ok(isWiseApiError(await b.client.addDirectors('t', 1, directorsRequest).catch((e) => e), 503));
    assert.equal(b.requests.length, 1);
  });

  it('refuses directors without an integer id', async () => {
    const { client } = testClient(fakeFetch(json(200, [{ ...directorsRequest[0], id: 'x' }])));
    await assert.rejects(client.getDirectors('t', 1), WiseResponseError);
  });
});

describe('ultimate beneficial owners (https://docs.wise.com/api-reference/profile)', () => {
  it("adds, lists and replaces with Wise's example bodies (string ids)", async () => {
    const { client, requests } = testClient(
      fakeFetch(json(200, ubosCreateResponse), json(200, ubosUpdateResponse), json(200, ubosUpdateResponse)),
    );
    assert.deepEqual(await client.addUbos('user-token', 14599371, ubosCreateRequest), ubosCreateResponse);
    assert.deepEqual(await client.getUbos('user-token', 14599371), ubosUpdateResponse);
    assert.deepEqual(await client.replaceUbos('user-token', 14599371, ubosUpdateRequest), ubosUpdateResponse);
    assert.deepEqual(
      requests.map((r) => [r.method, r.url, r.json]),
      [
        ['POST', `${base}/ubos`, ubosCreateRequest],
        ['GET', `${base}/ubos`, undefined],
        ['PUT', `${base}/ubos`, ubosUpdateRequest],
      ],
    );
  });

  it('sends a null ownershipPercentage as null', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, ubosCreateResponse)));
    const owner = { ...ubosCreateRequest[0]!, ownershipPercentage: null };
    await client.addUbos('t', 1, [owner]);
    assert.deepEqual(requests[0]?.json, [owner]);
    assert.match(requests[0]?.body ?? '', /"ownershipPercentage":null/);
  });

  it('refuses owners without a string id, and reports a personal profile’s refusal as an API error', async () => {
    const a = testClient(fakeFetch(json(200, [{ ...ubosCreateRequest[0], id: 5 }])));
    await assert.rejects(a.client.getUbos('t', 1), WiseResponseError);
    const b = testClient(fakeFetch(json(422, { errors: [{ code: 'ERROR', message: 'not a business' }] })));
    assert.ok(isWiseApiError(await b.client.getUbos('t', 1).catch((e: unknown) => e), 422));
  });
});
