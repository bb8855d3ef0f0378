// The subscription calls against Wise's documented requests and responses (the test oracle):
// https://docs.wise.com/api-reference/webhook
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseApiError, WiseResponseError } from './errors.js';
import { fakeFetch, json, type RecordedRequest, tokenBody } from './testing/fake-fetch.js';
import { testClient } from './testing/test-client.js';

const INPUT = {
  name: 'Webhook Subscription #1',
  trigger_on: 'transfers#state-change',
  delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
};
const CREATED = {
  id: '72195556-e5cb-495e-a010-b37a4f2a3043',
  name: 'Webhook Subscription #1',
  delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
  trigger_on: 'transfers#state-change',
  scope: { domain: 'application', id: '<your client key>' },
  created_by: { type: 'application', id: '<your client ID>' },
  created_at: '2019-10-10T13:55:57Z',
};
const LISTED = [
  {
    id: 'e889e085-3677-4110-be26-3e9160ac9f25',
    name: '#1 subscription',
    delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
    trigger_on: 'transfers#state-change',
    created_by: { type: 'application', id: '<your client ID>' },
    scope: { domain: 'application', id: '<your client key>' },
  },
  {
    id: 'eabeb3f5-c134-4a1c-99e2-86a1163daf1b',
    name: '#2 subscription',
    delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
    trigger_on: 'transfers#state-change',
    created_by: { type: 'application', id: '<your client ID>' },
    scope: { domain: 'application', id: '<your client key>' },
  },
];
const PROFILE_ONE = {
  id: 'f215f353-35fd-405b-b27f-4fd603c905ed',
  name: 'Webhook Subscription #1',
  delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
  trigger_on: 'balances#credit',
  scope: { domain: 'profile', id: '<profile ID>' },
  created_by: { type: 'user', id: '<your user ID>' },
  created_at: '2008-09-15T15:53:00Z',
};
const TESTS = [{ delivery_id: '4a6b9810-4279-4de5-8d8d-1a6cf3b92a75', created_at: '2019-03-28T11:22:33Z' }];

/** The token endpoint answers with a client token; every other request with `api` in order. */
function withTokenEndpoint(...api: Response[]) {
  let n = 0;
  return fakeFetch((request: RecordedRequest) => {
    if (request.url.endsWith('/oauth/token')) return json(200, tokenBody('cc-1'));
    const step = api[Math.min(n++, api.length - 1)];
    if (!step) throw new Error('no step');
    return step.clone();
  });
}
const apiRequests = (requests: RecordedRequest[]) => requests.filter((r) => !r.url.endsWith('/oauth/token'));

describe('application subscriptions (client-credentials token)', () => {
  it('creates with Wise’s body and reads Wise’s response', async () => {
    const { client, requests } = testClient(withTokenEndpoint(json(200, CREATED)));
    assert.deepEqual(await client.subscriptions.application.create('key-1', INPUT), CREATED);
    const [request] = apiRequests(requests);
    assert.equal(request?.method, 'POST');
    assert.equal(request?.url, 'http://localhost:4000/v3/applications/key-1/subscriptions');
    assert.equal(request?.headers.get('authorization'), 'Bearer cc-1');
    assert.equal(request?.headers.get('content-type'), 'application/json');
    assert.deepEqual(request?.json, INPUT);
  });

  it('does not retry a create that failed on the way', async () => {
    const { client, requests } = testClient(withTokenEndpoint(json(503, {})));
    await assert.rejects(client.subscriptions.application.create('key-1', INPUT), WiseApiError);
    assert.equal(apiRequests(requests).length, 1);
  });

  it('lists (Wise’s example has no created_at) and gets', async () => {
    const { client, requests } = testClient(withTokenEndpoint(json(200, LISTED), json(200, CREATED)));
    assert.deepEqual(await client.subscriptions.application.list('key-1'), LISTED);
    assert.deepEqual(await client.subscriptions.application.get('key-1', CREATED.id), CREATED);
    const [list, get] = apiRequests(requests);
    assert.equal(list?.method, 'GET');
    assert.equal(list?.url, 'http://localhost:4000/v3/applications/key-1/subscriptions');
    assert.equal(get?.url, `http://localhost:4000/v3/applications/key-1/subscriptions/${CREATED.id}`);
  });

  it('deletes (204 No Content)', async () => {
    const { client, requests } = testClient(withTokenEndpoint(new Response(null, { status: 204 })));
    assert.equal(await client.subscriptions.application.delete('key-1', CREATED.id), undefined);
    const [request] = apiRequests(requests);
    assert.equal(request?.method, 'DELETE');
    assert.equal(request?.url, `http://localhost:4000/v3/applications/key-1/subscriptions/${CREATED.id}`);
  });

  it('a delete of an unknown subscription is a WiseApiError 404', async () => {
    const { client } = testClient(withTokenEndpoint(json(404, { errors: [{ code: 'NOT_FOUND' }] })));
    await assert.rejects(
      client.subscriptions.application.delete('key-1', 'nope'),
      (e: unknown) => e instanceof WiseApiError && e.status === 404,
    );
  });

  it('queues test notifications and returns their delivery ids', async () => {
    const { client, requests } = testClient(withTokenEndpoint(json(200, TESTS)));
    assert.deepEqual(await client.subscriptions.application.test('key-1', CREATED.id), TESTS);
    const [request] = apiRequests(requests);
    assert.equal(request?.method, 'POST');
    assert.equal(
      request?.url,
      `http://localhost:4000/v3/applications/key-1/subscriptions/${CREATED.id}/test-notifications`,
    );
  });

  it('a body that is not a subscription is a WiseResponseError', async () => {
    const { client } = testClient(withTokenEndpoint(json(200, { id: 'x' })));
    await assert.rejects(client.subscriptions.application.get('key-1', 'x'), WiseResponseError);
  });
});

describe('profile subscriptions (user token)', () => {
  it('creates, lists, gets and deletes with the user’s token', async () => {
    const { client, requests } = testClient(
      fakeFetch(
        json(200, { ...CREATED, scope: { domain: 'profile', id: '42' } }),
        json(200, [PROFILE_ONE]),
        json(200, PROFILE_ONE),
        new Response(null, { status: 204 }),
      ),
    );
    const created = await client.subscriptions.profile.create('user-at', 42, INPUT);
    assert.deepEqual(created.scope, { domain: 'profile', id: '42' });
    assert.deepEqual(await client.subscriptions.profile.list('user-at', 42), [PROFILE_ONE]);
    assert.deepEqual(await client.subscriptions.profile.get('user-at', 42, PROFILE_ONE.id), PROFILE_ONE);
    await client.subscriptions.profile.delete('user-at', '42', PROFILE_ONE.id);
    assert.deepEqual(
      requests.map((r) => `${r.method} ${r.url.replace('http://localhost:4000', '')}`),
      [
        'POST /v3/profiles/42/subscriptions',
        'GET /v3/profiles/42/subscriptions',
        `GET /v3/profiles/42/subscriptions/${PROFILE_ONE.id}`,
        `DELETE /v3/profiles/42/subscriptions/${PROFILE_ONE.id}`,
      ],
    );
    assert.ok(requests.every((r) => r.headers.get('authorization') === 'Bearer user-at'));
    assert.deepEqual(requests[0]?.json, INPUT);
  });
});
