import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseApiError, WiseNetworkError, WiseTimeoutError } from './errors.js';
import { createSandbox } from './sandbox.js';
import { fakeFetch, json } from './testing/fake-fetch.js';

const BASE = 'http://127.0.0.1:4000';

/** Every call of the helper, with the request it must send. */
const CALLS: [string, (s: ReturnType<typeof createSandbox>) => Promise<unknown>, string, string, unknown][] =
  [
    [
      'outbox',
      (s) => s.outbox({ to: 'a+b@example.com' }),
      'GET',
      '/_sandbox/outbox?to=a%2Bb%40example.com',
      undefined,
    ],
    ['outbox, all', (s) => s.outbox(), 'GET', '/_sandbox/outbox', undefined],
    [
      'reclaim',
      (s) => s.reclaim('a/b@example.com'),
      'POST',
      '/_sandbox/users/a%2Fb%40example.com/reclaim',
      {},
    ],
    ['clock.get', (s) => s.clock.get(), 'GET', '/_sandbox/clock', undefined],
    ['clock.advance', (s) => s.clock.advance(1800), 'POST', '/_sandbox/clock', { advanceSeconds: 1800 }],
    ['clock.reset', (s) => s.clock.reset(), 'POST', '/_sandbox/clock', { reset: true }],
    [
      'faults.add',
      (s) => s.faults.add({ method: 'POST', path: '/oauth/token', status: 503, count: 1 }),
      'POST',
      '/_sandbox/faults',
      { method: 'POST', path: '/oauth/token', status: 503, count: 1 },
    ],
    ['faults.clear', (s) => s.faults.clear(), 'DELETE', '/_sandbox/faults', undefined],
    [
      'users.create',
      (s) => s.users.create({ email: 'x@example.com' }),
      'POST',
      '/_sandbox/users',
      { email: 'x@example.com' },
    ],
    [
      'users.unlock',
      (s) => s.users.unlock('x@example.com'),
      'POST',
      '/_sandbox/users/x%40example.com/unlock',
      {},
    ],
    ['grants.revoke', (s) => s.grants.revoke('g 1'), 'POST', '/_sandbox/grants/g%201/revoke', {}],
    ['grants.expire', (s) => s.grants.expire('g1'), 'POST', '/_sandbox/grants/g1/expire', {}],
    [
      'grants.expire, the refresh token too',
      (s) => s.grants.expire('g1', { refreshToken: true }),
      'POST',
      '/_sandbox/grants/g1/expire',
      { refreshToken: true },
    ],
    ['webhooks.list', (s) => s.webhooks.list(), 'GET', '/_sandbox/webhooks', undefined],
    ['webhooks.deliver', (s) => s.webhooks.deliver(), 'POST', '/_sandbox/webhooks/deliver', {}],
    [
      'webhooks.redeliver',
      (s) => s.webhooks.redeliver('d1'),
      'POST',
      '/_sandbox/webhooks/deliveries/d1/redeliver',
      {},
    ],
    ['reset', (s) => s.reset(), 'POST', '/_sandbox/reset', {}],
    ['state.export', (s) => s.state.export(), 'GET', '/_sandbox/state', undefined],
    ['state.import', (s) => s.state.import({ version: 1 }), 'POST', '/_sandbox/state', { version: 1 }],
  ];

describe('createSandbox', () => {
  for (const [name, run, method, path, body] of CALLS) {
    it(`${name}: ${method} ${path}`, async () => {
      const fake = fakeFetch(json(200, {}));
      await run(createSandbox({ baseUrl: `${BASE}/`, key: 'sandbox-key-0123456789', fetch: fake.fetch }));
      const [sent] = fake.requests;
      assert.equal(fake.requests.length, 1);
      assert.equal(sent?.method, method);
      assert.equal(sent?.url, `${BASE}${path}`);
      assert.equal(sent?.headers.get('authorization'), 'Bearer sandbox-key-0123456789');
      assert.deepEqual(sent?.json, body);
      assert.equal(sent?.headers.get('content-type'), body === undefined ? null : 'application/json');
    });
  }

  it('lists unwrap their envelopes and pass filters as query parameters', async () => {
    const fake = fakeFetch(
      json(200, { users: [{ id: 1 }] }),
      json(200, { grants: [{ id: 'g' }] }),
      json(200, { faults: [{ id: 'f' }] }),
      json(200, { requests: [{ id: 'r' }] }),
      json(200, { clients: [{ clientId: 'bank' }] }),
      json(200, [{ deliveryId: 'd' }]),
    );
    const s = createSandbox({ baseUrl: BASE, fetch: fake.fetch });
    assert.deepEqual(await s.users.list(), [{ id: 1 }]);
    assert.deepEqual(await s.grants.list({ clientId: 'bank', userId: 7, all: true }), [{ id: 'g' }]);
    assert.deepEqual(await s.faults.list(), [{ id: 'f' }]);
    assert.deepEqual(await s.requests.list({ path: '/oauth/token', status: 401, limit: 5 }), [{ id: 'r' }]);
    assert.deepEqual(await s.clients.list(), [{ clientId: 'bank' }]);
    assert.deepEqual(await s.webhooks.list({ clientId: 'bank', limit: 3 }), [{ deliveryId: 'd' }]);
    assert.deepEqual(
      fake.requests.map((r) => r.url.slice(BASE.length)),
      [
        '/_sandbox/users',
        '/_sandbox/grants?clientId=bank&userId=7&all=true',
        '/_sandbox/faults',
        '/_sandbox/requests?path=%2Foauth%2Ftoken&status=401&limit=5',
        '/_sandbox/clients',
        '/_sandbox/webhooks?clientId=bank&limit=3',
      ],
    );
    assert.equal(fake.requests[0]?.headers.get('authorization'), null, 'no key, no header');
  });

  it('answers the parsed body; an empty 204 is undefined', async () => {
    const fake = fakeFetch(
      json(200, { now: '2026-01-01T00:30:00.000Z', offsetSeconds: 1800 }),
      new Response(null, { status: 204 }),
    );
    const s = createSandbox({ baseUrl: BASE, fetch: fake.fetch });
    assert.deepEqual(await s.clock.advance(1800), { now: '2026-01-01T00:30:00.000Z', offsetSeconds: 1800 });
    assert.equal(await s.faults.clear(), undefined);
  });

  it('a non-2xx answer is a WiseApiError with the platform message, sent once (never retried)', async () => {
    const fake = fakeFetch(
      json(400, {
        errors: [
          { code: 'BAD_REQUEST', message: 'advanceSeconds must be greater than 0', path: 'advanceSeconds' },
        ],
      }),
    );
    const s = createSandbox({ baseUrl: BASE, fetch: fake.fetch });
    const error = await s.clock.advance(-1).catch((e: unknown) => e);
    assert.ok(error instanceof WiseApiError);
    assert.equal(error.status, 400);
    assert.equal(error.endpoint, 'POST /_sandbox/clock');
    assert.match(error.errors[0]?.message ?? '', /greater than 0/);
    assert.equal(fake.requests.length, 1);
  });

  it('a dropped connection is a WiseNetworkError; no answer in time a WiseTimeoutError', async () => {
    const dropped = createSandbox({ baseUrl: BASE, fetch: fakeFetch(new Error('socket hang up')).fetch });
    await assert.rejects(dropped.reset(), WiseNetworkError);
    const slow = createSandbox({ baseUrl: BASE, fetch: fakeFetch('hang').fetch, timeoutMs: 20 });
    await assert.rejects(slow.clock.get(), WiseTimeoutError);
  });
});
