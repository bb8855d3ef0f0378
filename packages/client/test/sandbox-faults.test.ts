// The client's retry policy (src/http.ts RetryOptions) against real faults the platform's sandbox serves
// (issue 11 "Faults": POST /_sandbox/faults), over real sockets.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { startTestPlatform, type TestPlatform } from '@account-access/platform/testing';
import { createClient, WiseApiError, WiseNetworkError, WiseTimeoutError } from '../src/index.js';

describe('client retries against the sandbox faults', () => {
  let platform: TestPlatform;
  let partner: { clientId: string; clientSecret: string };
  let waits: number[];

  before(async () => {
    platform = await startTestPlatform();
    partner = await platform.addClient({ name: 'Retry Bank' });
  });
  after(() => platform.close());
  afterEach(async () => {
    await fetch(`${platform.url}/_sandbox/faults`, { method: 'DELETE' });
  });

  /** A client whose waits between retries are recorded, not slept (no test waits on a real backoff). */
  function client(options: { retries?: number; timeoutMs?: number } = {}) {
    waits = [];
    return createClient({
      environment: { apiUrl: platform.url, authorizeUrl: `${platform.url}/oauth/authorize` },
      ...partner,
      now: () => platform.clock.now().getTime(),
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.5,
      ...options,
    });
  }

  async function fault(spec: object): Promise<void> {
    const res = await fetch(`${platform.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spec),
    });
    assert.equal(res.status, 201, await res.text());
  }

  const tokenFault = (spec: object) => fault({ method: 'POST', path: '/oauth/token', count: 1, ...spec });

  test('a 503 once: retried after a backoff, then the token', async () => {
    await tokenFault({ status: 503 });
    const token = await client().clientCredentialsToken();
    assert.ok(token.accessToken);
    assert.deepEqual(waits, [125]); // full jitter: random() × 250 ms for the first retry
  });

  test('a 503 with retries off: the caller gets the 503, and the next call is served', async () => {
    await tokenFault({ status: 503 });
    const c = client({ retries: 0 });
    await assert.rejects(
      c.clientCredentialsToken(),
      (e: unknown) => e instanceof WiseApiError && e.status === 503,
    );
    assert.ok((await c.clientCredentialsToken()).accessToken);
    assert.deepEqual(waits, []);
  });

  test('a 429 with Retry-After: waited for exactly, then the token', async () => {
    await tokenFault({ status: 429, headers: { 'Retry-After': '3' } });
    assert.ok((await client().clientCredentialsToken()).accessToken);
    assert.deepEqual(waits, [3000]);
  });

  test('a Retry-After longer than the client waits for: the 429 comes back with it', async () => {
    await tokenFault({ status: 429, headers: { 'Retry-After': '120' } });
    await assert.rejects(
      client().clientCredentialsToken(),
      (e: unknown) => e instanceof WiseApiError && e.status === 429 && e.retryAfterMs === 120_000,
    );
    assert.deepEqual(waits, []);
  });

  test('three 503s in a row exhaust the default two retries', async () => {
    await tokenFault({ status: 503, count: 3 });
    await assert.rejects(
      client().clientCredentialsToken(),
      (e: unknown) => e instanceof WiseApiError && e.status === 503,
    );
    assert.deepEqual(waits, [125, 250]);
    assert.ok((await client().clientCredentialsToken()).accessToken);
  });

  test('a dropped connection: a network error, retried', async () => {
    await tokenFault({ drop: true });
    assert.ok((await client().clientCredentialsToken()).accessToken);
    assert.equal(waits.length, 1);
    await tokenFault({ drop: true });
    await assert.rejects(client({ retries: 0 }).clientCredentialsToken(), WiseNetworkError);
  });

  test('a delay longer than the client’s timeout: a timeout error, then retried in time', async () => {
    await tokenFault({ delayMs: 5_000 });
    await assert.rejects(client({ retries: 0, timeoutMs: 100 }).clientCredentialsToken(), WiseTimeoutError);
    // The retry must answer within the same limit, so the limit leaves room for a busy machine.
    await tokenFault({ delayMs: 10_000 });
    assert.ok((await client({ timeoutMs: 1_000 }).clientCredentialsToken()).accessToken);
    assert.equal(waits.length, 1);
  });
});
