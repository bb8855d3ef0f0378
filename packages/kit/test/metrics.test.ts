import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createServiceMetrics, UNMATCHED_ROUTE } from '../src/index.js';
import { parsePrometheus, sampleValue } from '../src/testing/prometheus.js';

test('two services in one process keep their own counts (issue 15: no global registry)', async () => {
  const [a, b] = [
    createServiceMetrics({ processMetrics: false }),
    createServiceMetrics({ processMetrics: false }),
  ];
  a.observeRequest('GET', '/v1/me', 200, 0.02);
  a.observeRequest('GET', UNMATCHED_ROUTE, 404, 0.001);
  const fromA = parsePrometheus(await a.text());
  assert.equal(sampleValue(fromA, 'http_requests_total', { route: '/v1/me', status: '200' }), 1);
  assert.equal(
    sampleValue(fromA, 'http_request_duration_seconds_bucket', { route: '/v1/me', le: '0.025' }),
    1,
  );
  assert.equal(sampleValue(fromA, 'http_requests_total', { route: 'unmatched' }), 1);
  assert.equal(sampleValue(parsePrometheus(await b.text()), 'http_requests_total'), 0);
});

test('a gauge is collected at scrape time', async () => {
  const m = createServiceMetrics({ processMetrics: false });
  let depth = 3;
  m.gauge('queue_depth', 'waiting', ['queue'], (set) => set({ queue: 'mail' }, depth));
  assert.equal(sampleValue(parsePrometheus(await m.text()), 'queue_depth', { queue: 'mail' }), 3);
  depth = 5;
  assert.equal(sampleValue(parsePrometheus(await m.text()), 'queue_depth', { queue: 'mail' }), 5);
});

test('the parser refuses what a scraper would, and reads labels with escapes', () => {
  assert.throws(() => parsePrometheus('metric{a="1"'), /not a sample/);
  assert.throws(() => parsePrometheus('# TYPE m wat\nm 1'), /bad TYPE/);
  assert.throws(() => parsePrometheus('m 1\n# TYPE m counter'), /TYPE after samples/);
  assert.throws(() => parsePrometheus('m one'), /not a sample value/);
  const [s] = parsePrometheus('m{path="a\\"b",x="y"} 2.5 1700000000\nn Nan');
  assert.deepEqual(s, { name: 'm', labels: { path: 'a"b', x: 'y' }, value: 2.5 });
});
