import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { basic, get, postForm, postJson, startTestPlatform, type TestPlatform } from '../support/index.js';

// Issue 11 "Faults": the next `count` matching requests get the answer asked for.
describe('POST/GET/DELETE /_sandbox/faults', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform();
  });
  after(() => p.close());
  afterEach(async () => {
    await fetch(`${p.url}/_sandbox/faults`, { method: 'DELETE' });
  });

  const fault = (spec: object) => postJson(`${p.url}/_sandbox/faults`, spec);

  test('a 503 for one token request, then normal service', async () => {
    const partner = await p.addClient();
    const created = await fault({ method: 'POST', path: '/oauth/token', status: 503, count: 1 });
    assert.equal(created.status, 201);
    assert.equal(created.body.remaining, 1);
    assert.equal(typeof created.body.id, 'string');
    const auth = { authorization: basic(partner.clientId, partner.clientSecret) };
    const failed = await postForm(`${p.url}/oauth/token`, { grant_type: 'client_credentials' }, auth);
    assert.equal(failed.status, 503);
    assert.equal(failed.body.error, 'server_error');
    const ok = await postForm(`${p.url}/oauth/token`, { grant_type: 'client_credentials' }, auth);
    assert.equal(ok.status, 200);
    assert.ok(ok.body.access_token);
    assert.deepEqual((await get(`${p.url}/_sandbox/faults`)).body, { faults: [] });
    // The journal shows the faulted request beside the normal one.
    const journal = (await get(`${p.url}/_sandbox/requests?path=/oauth/token&limit=2`)).body.requests;
    assert.deepEqual(
      journal.map((e: { status: number }) => e.status),
      [200, 503],
    );
  });

  test('parallel requests with count 3: exactly 3 are faulted', async () => {
    await fault({ method: 'GET', path: '/health', status: 500, count: 3 });
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`${p.url}/health`).then((r) => r.status)),
    );
    assert.equal(statuses.filter((s) => s === 500).length, 3);
    assert.equal(statuses.filter((s) => s === 200).length, 17);
  });

  test('body, headers and a prefix pattern; the method must match', async () => {
    await fault({
      method: 'GET',
      path: '/v1/*',
      status: 429,
      headers: { 'Retry-After': '7' },
      body: { errors: [{ code: 'TOO_MANY_REQUESTS', message: 'slow down' }] },
      count: 2,
    });
    const listed = (await get(`${p.url}/_sandbox/faults`)).body.faults;
    assert.equal(listed.length, 1);
    assert.equal(listed[0].path, '/v1/*');
    assert.deepEqual(listed[0].headers, { 'retry-after': '7' });
    assert.equal((await postJson(`${p.url}/v1/users/exists`, {})).status !== 429, true);
    const hit = await get(`${p.url}/v1/me`);
    assert.equal(hit.status, 429);
    assert.equal(hit.headers.get('retry-after'), '7');
    assert.equal(hit.body.errors[0].message, 'slow down');
    assert.equal((await get(`${p.url}/v1/profiles`)).status, 429);
    assert.equal((await get(`${p.url}/v1/me`)).status, 401);
  });

  test('delayMs only: waits, then the normal answer', async () => {
    await fault({ method: 'GET', path: '/health', delayMs: 150, count: 1 });
    const started = performance.now();
    const res = await get(`${p.url}/health`);
    assert.equal(res.status, 200);
    assert.ok(performance.now() - started >= 140);
  });

  test('drop: the connection closes without an answer, once', async () => {
    await fault({ method: 'GET', path: '/health', drop: true, count: 1 });
    await assert.rejects(fetch(`${p.url}/health`), TypeError);
    assert.equal((await get(`${p.url}/health`)).status, 200);
    const dropped = (await get(`${p.url}/_sandbox/requests?status=0`)).body.requests;
    assert.equal(dropped[0].path, '/health');
  });

  test('control-plane paths are never faulted, even by a wide prefix', async () => {
    assert.equal((await fault({ method: 'GET', path: '/*', status: 500, count: 5 })).status, 201);
    assert.equal((await get(`${p.url}/_sandbox/faults`)).status, 200);
    assert.equal((await get(`${p.url}/health`)).status, 500);
    const refused = await fault({ method: 'GET', path: '/_sandbox/outbox', status: 500, count: 1 });
    assert.equal(refused.status, 400);
    assert.match(refused.body.errors[0].message, /never faulted/);
  });

  test('DELETE clears every fault', async () => {
    await fault({ method: 'GET', path: '/health', status: 500, count: 5 });
    await fault({ method: 'POST', path: '/oauth/*', status: 502, count: 5 });
    const res = await fetch(`${p.url}/_sandbox/faults`, { method: 'DELETE' });
    assert.deepEqual(await res.json(), { deleted: 2 });
    assert.equal((await get(`${p.url}/health`)).status, 200);
  });

  test('malformed specs are 400s with a clear message', async () => {
    const base = { method: 'GET', path: '/health', status: 500, count: 1 };
    const cases: [object | string, string][] = [
      ['not json', 'body'],
      [[], 'body'],
      [{ ...base, method: 'FETCH' }, 'method'],
      [{ ...base, path: 'health' }, 'path'],
      [{ ...base, path: '/a*b' }, 'path'],
      [{ ...base, path: '/health?x=1' }, 'path'],
      [{ ...base, status: 99 }, 'status'],
      [{ ...base, status: '500' }, 'status'],
      [{ ...base, count: 0 }, 'count'],
      [{ ...base, count: 1.5 }, 'count'],
      [{ method: 'GET', path: '/health' }, 'count'],
      [{ ...base, delayMs: 60_001 }, 'delayMs'],
      [{ ...base, delayMs: -1 }, 'delayMs'],
      [{ ...base, drop: 'yes' }, 'drop'],
      [{ ...base, drop: true }, 'drop'],
      [{ method: 'GET', path: '/health', count: 1 }, 'status'],
      [{ ...base, headers: { 'content-length': '5' } }, 'headers'],
      [{ ...base, headers: { 'x-a': 'a\r\nb' } }, 'headers'],
      [{ ...base, headers: ['x'] }, 'headers'],
      [{ ...base, extra: 1 }, 'extra'],
      [{ ...base, body: 'a\u0000b' }, 'body'],
    ];
    for (const [spec, path] of cases) {
      const res = await postJson(`${p.url}/_sandbox/faults`, spec);
      assert.equal(res.status, 400, JSON.stringify(spec));
      assert.ok(res.body.errors[0].message.length > 10);
      if (typeof spec === 'object' && !Array.isArray(spec)) assert.equal(res.body.errors[0].path, path);
    }
    assert.deepEqual((await get(`${p.url}/_sandbox/faults`)).body, { faults: [] });
  });

  test('a second instance on the same database shares the faults', async () => {
    const second = await startTestPlatform({ db: p.db, clock: p.clock });
    try {
      await postJson(`${second.url}/_sandbox/faults`, {
        method: 'GET',
        path: '/health',
        status: 503,
        count: 2,
      });
      const statuses = await Promise.all([
        fetch(`${p.url}/health`).then((r) => r.status),
        fetch(`${second.url}/health`).then((r) => r.status),
        fetch(`${p.url}/health`).then((r) => r.status),
      ]);
      assert.deepEqual(statuses.sort(), [200, 503, 503]);
    } finally {
      await second.close();
    }
  });
});
