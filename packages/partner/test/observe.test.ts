import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { switchableDatabase } from '@account-access/db/testing';
import { parsePrometheus, sampleValue } from '@account-access/kit/testing/prometheus';
import { partnerDatabase, startTestPartner } from '../src/testing/index.js';

type RunningTestPartner = Awaited<ReturnType<typeof startTestPartner>>;

describe('the partner for operators (issue 15): /ready, /metrics, one log line per request', () => {
  let p: RunningTestPartner;
  before(async () => {
    p = await startTestPartner();
  });
  after(() => p.close());

  test('/ready is 200 UP, and 503 naming a pending migration until it is applied', async () => {
    const up = await fetch(`${p.url}/ready`);
    assert.equal(up.status, 200);
    assert.deepEqual(await up.json(), { status: 'UP', checks: { database: 'UP', migrations: 'UP' } });
    const { rows } = await p.db.query<{ version: string }>(
      'delete from partner_schema_migrations where version = (select max(version) from partner_schema_migrations) returning version',
    );
    const version = rows[0]!.version;
    try {
      const down = await fetch(`${p.url}/ready`);
      assert.equal(down.status, 503);
      const body = (await down.json()) as { errors: { code: string; message: string }[] };
      assert.equal(body.errors[0]!.code, 'SERVICE_UNAVAILABLE');
      assert.ok(body.errors[0]!.message.includes(version));
    } finally {
      await p.db.query('insert into partner_schema_migrations (version) values ($1)', [version]);
    }
    assert.equal((await fetch(`${p.url}/ready`)).status, 200);
  });

  test('/ready is 503 while the database does not answer, and 200 once it is back', async () => {
    const sw = await switchableDatabase(await partnerDatabase());
    const q = await startTestPartner({ db: sw.db });
    try {
      assert.equal((await fetch(`${q.url}/ready`)).status, 200);
      sw.cutOff();
      const down = await fetch(`${q.url}/ready`);
      assert.equal(down.status, 503);
      assert.deepEqual(await down.json(), {
        errors: [{ code: 'SERVICE_UNAVAILABLE', message: 'The database does not answer.' }],
      });
      sw.restore();
      assert.equal((await fetch(`${q.url}/ready`)).status, 200);
    } finally {
      await q.close();
    }
  });

  test('/metrics counts requests by route pattern, with the pool and process metrics', async () => {
    await fetch(`${p.url}/health`);
    await fetch(`${p.url}/no/such/page`);
    const res = await fetch(`${p.url}/metrics`);
    assert.equal(res.status, 200);
    const samples = parsePrometheus(await res.text());
    assert.equal(sampleValue(samples, 'http_requests_total', { route: '/health', status: '200' }), 1);
    assert.equal(sampleValue(samples, 'http_requests_total', { route: 'unmatched', status: '404' }), 1);
    assert.ok(sampleValue(samples, 'db_pool_connections', { state: 'max' }) >= 1);
    assert.ok(samples.some((s) => s.name === 'process_cpu_user_seconds_total'));
  });
});

test('PARTNER_METRICS=port: /metrics on its own listener, not on the public port', async () => {
  const p = await startTestPartner({ settings: { metrics: 'port', metricsPort: 0 } });
  try {
    assert.ok(p.metricsUrl);
    assert.equal((await fetch(`${p.url}/metrics`)).status, 404);
    const res = await fetch(`${p.metricsUrl}/metrics`);
    assert.equal(res.status, 200);
    assert.ok(
      parsePrometheus(await res.text()).some(
        (s) => s.name === 'http_requests_total' || s.name.startsWith('process_'),
      ),
    );
  } finally {
    await p.close();
  }
});
