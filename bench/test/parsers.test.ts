import assert from 'node:assert/strict';
import { test } from 'node:test';
import type autocannon from 'autocannon';
import { requestLabel } from '../src/flow-bench.js';
import { failures } from '../src/load.js';
import { parseTps } from '../src/pgbench.js';
import { devUrls, treeRss } from '../src/start-bench.js';

test("pgbench's tps is read from its report, without the connection time", () => {
  const report = [
    'transaction type: <builtin: simple update>',
    'number of clients: 20',
    'latency average = 9.315 ms',
    'initial connection time = 21.560 ms',
    'tps = 2147.034957 (without initial connection time)',
  ].join('\n');
  assert.equal(parseTps(report), 2147.034957);
  assert.equal(parseTps('pgbench: error: connection to server failed'), null);
});

test('the URLs of `npm start` are read once both servers print theirs', () => {
  const both = [
    '',
    '  platform   http://127.0.0.1:40001',
    '  partner    http://127.0.0.1:40002',
    '  inspector  http://127.0.0.1:40001/_sandbox',
  ].join('\n');
  assert.deepEqual(devUrls(both), { platform: 'http://127.0.0.1:40001', partner: 'http://127.0.0.1:40002' });
  assert.equal(devUrls('  platform   http://127.0.0.1:40001\n'), null);
  assert.equal(devUrls('Platform logins: http://127.0.0.1:1\n'), null);
});

test('the RSS of a process tree counts at least the process itself', () => {
  const rss = treeRss(process.pid);
  if (process.platform !== 'linux') return assert.equal(rss, null); // no /proc to read
  assert.ok(rss !== null && rss >= process.memoryUsage().rss * 0.5, `${rss} bytes`);
});

function result(codes: Record<string, number>, errors = 0, timeouts = 0): autocannon.Result {
  const statusCodeStats = Object.fromEntries(Object.entries(codes).map(([c, count]) => [c, { count }]));
  return { errors, timeouts, statusCodeStats } as unknown as autocannon.Result;
}

test('answers other than the accepted ones are failures, with errors and timeouts', () => {
  assert.deepEqual(failures(result({ '200': 90, '500': 2 }, 1, 3)), {
    count: 6,
    detail: '1 errors, 3 timeouts, 2×500',
    answered: 90,
  });
  const seeOther = (status: number) => status === 303;
  assert.deepEqual(failures(result({ '303': 40, '200': 1 }), seeOther), {
    count: 1,
    detail: '1×200',
    answered: 40,
  });
});

test("a flow's request is named by its method and path, without the interaction's uid or query", () => {
  assert.equal(
    requestLabel('GET', '/oauth/interaction/AbC-12_x/login?error=1'),
    'GET /oauth/interaction/:uid/login',
  );
  assert.equal(
    requestLabel('POST', 'http://127.0.0.1:4000/oauth/interaction/u1'),
    'POST /oauth/interaction/:uid',
  );
  assert.equal(requestLabel('GET', '/oauth/authorize?client_id=a'), 'GET /oauth/authorize');
});
