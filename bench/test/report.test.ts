import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Measurement } from '../src/load.js';
import { ratios } from '../src/report.js';

function row(name: string, requestsPerSecond: number, p99: number, cpu: number): Measurement {
  return {
    name,
    requestsPerSecond,
    requests: requestsPerSecond * 10,
    latencyMs: { p50: 1, p99, max: p99 * 2 },
    failures: 0,
    failureDetail: '',
    startupMs: 100,
    rssIdle: 1,
    rssAfter: 1,
    maxRss: 1,
    cpuMicrosPerUnit: cpu,
  };
}

test('each platform run is compared with the floor and, when asked, with oidc-provider', () => {
  const rows = [
    row('bare node:http (floor)', 20000, 4, 40),
    row('platform (PGlite)', 1000, 40, 800),
    row('platform (PostgreSQL)', 2000, 20, 400),
    row('oidc-provider', 4000, 10, 200),
  ];
  const withPeer = ratios(rows, true);
  assert.deepEqual(
    withPeer.map((r) => r.label),
    [
      'platform (PGlite) / bare',
      'platform (PGlite) / oidc-provider',
      'platform (PostgreSQL) / bare',
      'platform (PostgreSQL) / oidc-provider',
    ],
  );
  assert.deepEqual(withPeer[1], {
    label: 'platform (PGlite) / oidc-provider',
    throughput: 0.25,
    p99: 4,
    cpu: 4,
  });
  assert.deepEqual(
    ratios(rows, false).map((r) => r.label),
    ['platform (PGlite) / bare', 'platform (PostgreSQL) / bare'],
  );
});

test('no ratio is made against a server that did not run', () => {
  assert.deepEqual(ratios([row('platform (PGlite)', 1000, 40, 800)], true), []);
});
