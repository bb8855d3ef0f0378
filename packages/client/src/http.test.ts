import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseNetworkError, WiseTimeoutError } from './errors.js';
import {
  createTransport,
  DEFAULT_RETRY,
  defaultSleep,
  type HttpRequest,
  parseRetryAfter,
  type RetryOptions,
  retryDelay,
} from './http.js';
import { type FakeFetch, fakeFetch, json, type Step, text } from './testing/fake-fetch.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

function setup(
  steps: Step[],
  options: { retry?: RetryOptions; random?: () => number; timeoutMs?: number } = {},
) {
  const fake: FakeFetch = fakeFetch(...steps);
  const sleeps: number[] = [];
  const transport = createTransport({
    apiUrl: 'https://api.example.test/2026Q3',
    fetch: fake.fetch,
    timeoutMs: options.timeoutMs ?? 1_000,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    now: () => NOW,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
    },
    random: options.random ?? (() => 0.5),
  });
  return { transport, requests: fake.requests, sleeps };
}

const get: HttpRequest = { method: 'GET', path: '/v2/profiles', idempotent: true };
const post: HttpRequest = {
  method: 'POST',
  path: '/v1/user/signup/registration_code',
  json: {},
  idempotent: false,
};

describe('requests', () => {
  it('joins the path to the base URL (prefix kept) and sets JSON headers', async () => {
    const { transport, requests } = setup([json(200, {})]);
    await transport.send({ ...post, json: { a: 1 }, headers: { authorization: 'Bearer t' } });
    assert.equal(requests[0]?.url, 'https://api.example.test/2026Q3/v1/user/signup/registration_code');
    assert.equal(requests[0]?.method, 'POST');
    assert.equal(requests[0]?.headers.get('content-type'), 'application/json');
    assert.equal(requests[0]?.headers.get('accept'), 'application/json');
    assert.equal(requests[0]?.headers.get('authorization'), 'Bearer t');
    assert.equal(requests[0]?.body, '{"a":1}');
  });

  it('form-encodes form bodies and leaves out undefined fields', async () => {
    const { transport, requests } = setup([json(200, {})]);
    await transport.send({ ...post, json: undefined, form: { a: 'x y&z', b: undefined, c: '' } });
    assert.equal(requests[0]?.headers.get('content-type'), 'application/x-www-form-urlencoded');
    assert.equal(requests[0]?.body, 'a=x+y%26z&c=');
  });

  it('returns non-2xx responses with their body, Retry-After parsed', async () => {
    const { transport } = setup([text(404, 'nope', { 'retry-after': '7' })]);
    const response = await transport.send(get);
    assert.equal(response.status, 404);
    assert.equal(response.body, 'nope');
    assert.equal(response.retryAfterMs, 7000);
    assert.equal(response.endpoint, 'GET /v2/profiles');
  });
});

describe('retry policy', () => {
  it('retries an idempotent request on 5xx with full-jitter exponential backoff', async () => {
    const { transport, requests, sleeps } = setup([text(503, ''), text(502, '<html>'), json(200, [])]);
    const response = await transport.send(get);
    assert.equal(response.status, 200);
    assert.equal(requests.length, 3);
    // random() = 0.5 of ceilings 250 and 500
    assert.deepEqual(sleeps, [125, 250]);
  });

  it('keeps every backoff within [0, min(maxDelayMs, baseDelayMs * 2^n)]', async () => {
    const retry = { limit: 6, baseDelayMs: 100, maxDelayMs: 1_000 };
    for (const r of [0, 0.25, 0.999999]) {
      const { transport, sleeps } = setup([text(500, '')], { retry, random: () => r });
      await transport.send(get);
      assert.equal(sleeps.length, 6);
      const ceilings = [100, 200, 400, 800, 1_000, 1_000];
      sleeps.forEach((ms, i) => {
        assert.ok(ms >= 0 && ms <= (ceilings[i] as number), `retry ${i}: ${ms}`);
        assert.equal(ms, Math.floor(r * (ceilings[i] as number)));
      });
    }
  });

  it('honours Retry-After in seconds on 429', async () => {
    const { transport, sleeps } = setup([text(429, '', { 'retry-after': '3' }), json(200, [])]);
    assert.equal((await transport.send(get)).status, 200);
    assert.deepEqual(sleeps, [3_000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(NOW + 5_000).toUTCString();
    const { transport, sleeps } = setup([text(503, '', { 'retry-after': at }), json(200, [])]);
    assert.equal((await transport.send(get)).status, 200);
    assert.deepEqual(sleeps, [5_000]);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs: the 429 goes back to the caller', async () => {
    const { transport, requests, sleeps } = setup([text(429, '', { 'retry-after': '3600' })]);
    const response = await transport.send(get);
    assert.equal(response.status, 429);
    assert.equal(response.retryAfterMs, 3_600_000);
    assert.equal(requests.length, 1);
    assert.deepEqual(sleeps, []);
  });

  it('gives up after `limit` retries and returns the last response', async () => {
    const { transport, requests } = setup([text(500, 'a'), text(500, 'b'), text(503, 'c')], {
      retry: { limit: 2 },
    });
    const response = await transport.send(get);
    assert.equal(response.status, 503);
    assert.equal(response.body, 'c');
    assert.equal(requests.length, 3);
  });

  it('never retries a request that is not idempotent', async () => {
    for (const step of [text(503, ''), text(429, '', { 'retry-after': '1' }), new Error('ECONNRESET')]) {
      const { transport, requests, sleeps } = setup([step, json(200, {})]);
      const outcome = await transport.send(post).catch((e: unknown) => e);
      assert.equal(requests.length, 1);
      assert.deepEqual(sleeps, []);
      if (step instanceof Error) assert.ok(outcome instanceof WiseNetworkError);
    }
  });

  it('does not retry 4xx (other than 429) or 501', async () => {
    for (const status of [400, 401, 404, 409, 422, 501]) {
      const { transport, requests } = setup([text(status, ''), json(200, {})]);
      assert.equal((await transport.send(get)).status, status);
      assert.equal(requests.length, 1, String(status));
    }
  });

  it('retries network errors, then throws a typed WiseNetworkError with the cause', async () => {
    const { transport, requests } = setup([new Error('ECONNREFUSED')], { retry: { limit: 1 } });
    const error = await transport.send(get).catch((e: unknown) => e);
    assert.ok(error instanceof WiseNetworkError);
    assert.equal(error.endpoint, 'GET /v2/profiles');
    assert.match(error.message, /ECONNREFUSED/);
    assert.equal(requests.length, 2);
  });

  it('recovers when a retry after a network error succeeds', async () => {
    const { transport } = setup([new Error('ECONNRESET'), json(200, [])]);
    assert.equal((await transport.send(get)).status, 200);
  });

  it('can be disabled with limit 0', async () => {
    const { transport, requests } = setup([text(503, '')], { retry: { limit: 0 } });
    assert.equal((await transport.send(get)).status, 503);
    assert.equal(requests.length, 1);
  });
});

describe('timeouts and cancellation', () => {
  it('aborts an attempt after timeoutMs and throws WiseTimeoutError', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { transport, requests } = setup(['hang'], { timeoutMs: 2_000, retry: { limit: 0 } });
    const pending = transport.send(get).catch((e: unknown) => e);
    t.mock.timers.tick(1_999);
    await Promise.resolve();
    assert.equal(requests[0]?.signal?.aborted, false);
    t.mock.timers.tick(1);
    const error = await pending;
    assert.ok(error instanceof WiseTimeoutError);
    assert.equal(error.timeoutMs, 2_000);
    assert.equal(requests[0]?.signal?.aborted, true);
  });

  it('retries an idempotent request after a timeout', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { transport, requests } = setup(['hang', json(200, [])], { timeoutMs: 500 });
    const pending = transport.send(get);
    t.mock.timers.tick(500);
    assert.equal((await pending).status, 200);
    assert.equal(requests.length, 2);
  });

  it('honours a per-call timeoutMs', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { transport } = setup(['hang'], { timeoutMs: 60_000, retry: { limit: 0 } });
    const pending = transport.send({ ...get, timeoutMs: 10 }).catch((e: unknown) => e);
    t.mock.timers.tick(10);
    const error = await pending;
    assert.ok(error instanceof WiseTimeoutError && error.timeoutMs === 10);
  });

  it("rejects with the caller's abort reason, unwrapped and not retried", async () => {
    const { transport, requests } = setup(['hang']);
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const pending = transport.send({ ...get, signal: controller.signal }).catch((e: unknown) => e);
    await Promise.resolve();
    controller.abort(reason);
    assert.equal(await pending, reason);
    assert.equal(requests.length, 1);
  });

  it('does not send at all when the signal is already aborted', async () => {
    const { transport, requests } = setup([json(200, [])]);
    const error = await transport.send({ ...get, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    assert.ok(error instanceof DOMException && error.name === 'AbortError');
    assert.equal(requests.length, 0);
  });

  it('stops waiting between retries when the caller aborts', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const controller = new AbortController();
    const pending = defaultSleep(10_000, controller.signal).catch((e: unknown) => e);
    controller.abort(new Error('stop'));
    assert.equal(((await pending) as Error).message, 'stop');
    const done = defaultSleep(100);
    t.mock.timers.tick(100);
    await done;
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, never negative', () => {
    assert.equal(parseRetryAfter(null, NOW), undefined);
    assert.equal(parseRetryAfter('0', NOW), 0);
    assert.equal(parseRetryAfter(' 120 ', NOW), 120_000);
    assert.equal(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW), 90_000);
    assert.equal(parseRetryAfter(new Date(NOW - 90_000).toUTCString(), NOW), 0);
    assert.equal(parseRetryAfter('-1', NOW), undefined);
    assert.equal(parseRetryAfter('1.5', NOW), undefined);
    assert.equal(parseRetryAfter('soon', NOW), undefined);
  });
});

describe('retryDelay', () => {
  it('prefers Retry-After over backoff', () => {
    const response = {
      endpoint: 'GET /',
      status: 429,
      headers: new Headers(),
      body: '',
      retryAfterMs: 1_500,
    };
    assert.equal(
      retryDelay(response, 4, DEFAULT_RETRY, () => 0.9),
      1_500,
    );
  });
});
