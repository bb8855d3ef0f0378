import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parsePrometheus, sampleValue } from '@account-access/kit/testing/prometheus';
import { passwordHashSlots } from '../../src/crypto/hash-slots.js';
import {
  actionOf,
  authorizeUrl,
  basic,
  csrfOf,
  get,
  PageClient,
  PERSONAL,
  postForm,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';

const REDIRECT = 'https://bank.example/callback';

async function scrape(url: string) {
  const res = await get(`${url}/metrics`);
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return parsePrometheus(res.text);
}

describe('GET /metrics on the public port (issue 15, PLATFORM_METRICS=public, the test default)', () => {
  let p: TestPlatform;
  let client: { clientId: string; clientSecret: string };
  const person = { email: 'ada@example.com', password: 'correct horse battery staple' };
  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient({ redirectUris: [REDIRECT] });
    await seedPerson(p, { ...person, profiles: [PERSONAL] });
  });
  after(() => p.close());

  test('a token request moves the tokens and requests counters, by grant and route pattern', async () => {
    const before = await scrape(p.url);
    const res = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'client_credentials' },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    assert.equal(res.status, 200);
    const after = await scrape(p.url);
    const tokens = { grant_type: 'client_credentials' };
    assert.equal(
      sampleValue(after, 'platform_tokens_issued_total', tokens) -
        sampleValue(before, 'platform_tokens_issued_total', tokens),
      1,
    );
    const route = { method: 'POST', route: '/oauth/token', status: '200' };
    assert.equal(sampleValue(after, 'http_requests_total', route), 1);
    assert.equal(sampleValue(after, 'http_request_duration_seconds_count', route), 1);
    assert.equal(sampleValue(after, 'http_request_duration_seconds_bucket', { ...route, le: '+Inf' }), 1);
  });

  test('a failed login counts a login failure; a wrong client secret a client_secret failure', async () => {
    const before = await scrape(p.url);
    const browser = new PageClient(p.url);
    const start = await browser.get(
      authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT }),
    );
    const html = (await browser.open(start.location!)).text;
    const res = await browser.post(actionOf(html), {
      csrf: csrfOf(html),
      email: person.email,
      password: 'wrong',
    });
    assert.ok(res.status < 500, `login answered ${res.status}`);
    await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'client_credentials' },
      { authorization: basic(client.clientId, 'not-the-secret') },
    );
    const after = await scrape(p.url);
    const moved = (kind: string) =>
      sampleValue(after, 'platform_attempt_failures_total', { kind }) -
      sampleValue(before, 'platform_attempt_failures_total', { kind });
    assert.equal(moved('login'), 1);
    assert.equal(moved('client_secret'), 1);
    assert.equal(sampleValue(after, 'platform_tokens_issued_total'), 1, 'a refused grant issues nothing');
  });

  test('an unmatched URL is counted as "unmatched", never by its raw path', async () => {
    await get(`${p.url}/no/such/secret-looking-path`);
    const text = (await get(`${p.url}/metrics`)).text;
    assert.ok(!text.includes('secret-looking-path'));
    const samples = parsePrometheus(text);
    assert.equal(sampleValue(samples, 'http_requests_total', { route: 'unmatched', status: '404' }), 1);
  });

  test('queue depth, the database pool and process metrics are there', async () => {
    const samples = await scrape(p.url);
    assert.equal(sampleValue(samples, 'platform_queue_depth', { queue: 'webhook' }), 0);
    assert.ok(samples.some((s) => s.name === 'platform_queue_depth' && s.labels['queue'] === 'mail'));
    assert.ok(sampleValue(samples, 'db_pool_connections', { state: 'max' }) >= 1);
    assert.ok(samples.some((s) => s.name === 'process_cpu_user_seconds_total'));
    assert.ok(samples.some((s) => s.name === 'nodejs_heap_size_used_bytes'));
  });
  test('password hashes running and waiting for a slot are a gauge (crypto/hash-slots.ts)', async () => {
    // Hold every slot and two more in line, as a login storm would, and scrape meanwhile.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tasks = Array.from({ length: passwordHashSlots.size + 2 }, () => passwordHashSlots.run(() => held));
    const during = await scrape(p.url);
    release();
    await Promise.all(tasks);
    const hashes = (state: string) => sampleValue(during, 'platform_password_hashes', { state });
    assert.equal(hashes('running'), passwordHashSlots.size);
    assert.equal(hashes('waiting'), 2);
    const idle = await scrape(p.url);
    assert.equal(sampleValue(idle, 'platform_password_hashes', { state: 'waiting' }), 0);
    assert.ok(idle.some((s) => s.name === 'platform_password_hashes' && s.labels['state'] === 'running'));
  });
});

describe('PLATFORM_METRICS=port and off (issue 15)', () => {
  test('port: /metrics answers on its own listener only', async () => {
    const p = await startTestPlatform({ settings: { metrics: 'port', metricsPort: 0 } });
    try {
      assert.ok(p.metricsUrl);
      assert.notEqual(p.metricsUrl, p.url);
      assert.equal((await get(`${p.url}/metrics`)).status, 404);
      await get(`${p.url}/health`);
      const samples = await scrape(p.metricsUrl);
      assert.equal(sampleValue(samples, 'http_requests_total', { route: '/health', status: '200' }), 1);
      assert.equal((await get(`${p.metricsUrl}/other`)).status, 404);
    } finally {
      await p.close();
    }
  });

  test('off: no /metrics anywhere', async () => {
    const p = await startTestPlatform({ settings: { metrics: 'off' } });
    try {
      assert.equal(p.metricsUrl, null);
      assert.equal((await get(`${p.url}/metrics`)).status, 404);
    } finally {
      await p.close();
    }
  });

  test('two platforms in one process count apart (a registry each)', async () => {
    const [a, b] = [await startTestPlatform(), await startTestPlatform()];
    try {
      await get(`${a.url}/health`);
      const fromB = await scrape(b.url);
      assert.equal(sampleValue(fromB, 'http_requests_total', { route: '/health' }), 0);
      assert.equal(sampleValue(await scrape(a.url), 'http_requests_total', { route: '/health' }), 1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
