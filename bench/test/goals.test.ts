import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Goal, goals, goalsTable } from '../src/goals.js';
import type { Measurement } from '../src/load.js';
import { type Results, silentRuns } from '../src/report.js';

const MIB = 1024 * 1024;

function row(name: string, requestsPerSecond: number, rssPeakUnderLoad?: number): Measurement {
  return {
    name,
    requestsPerSecond,
    requests: requestsPerSecond * 10,
    latencyMs: { p50: 1, p99: 5, max: 10 },
    failures: 0,
    failureDetail: '',
    startupMs: 100,
    rssIdle: 1,
    rssAfter: 1,
    maxRss: 1,
    ...(rssPeakUnderLoad !== undefined ? { rssPeakUnderLoad } : {}),
    cpuMicrosPerUnit: 100,
  };
}

function empty(): Results {
  return {
    machine: {
      cpu: 'test',
      cores: 2,
      memoryGiB: 1,
      os: 'test',
      node: 'v20',
      date: '2026-01-01T00:00:00.000Z',
      commit: 'abc',
      dirty: false,
    },
    settings: { connections: 20, duration: 10, warmup: 2 },
    token: [],
    signup: [],
    micro: [],
    refresh: null,
    flow: null,
    login: null,
    start: null,
    instances: null,
  };
}

function full(): Results {
  return {
    ...empty(),
    token: [
      row('platform (PGlite)', 7000, 250 * MIB),
      row('platform (PostgreSQL)', 15000),
      row('oidc-provider', 10000),
    ],
    refresh: {
      platform: row('platform (PostgreSQL)', 1400),
      pgbench: { tps: 2000, connections: 20, duration: 10, version: 'pgbench 15' },
    },
    flow: { backend: 'platform (PostgreSQL)', statements: [13, 12, 12], steps: [] },
    login: {
      backend: 'platform (PostgreSQL)',
      connections: 20,
      tokenConnections: 4,
      duration: 10,
      loginsPerSecond: 45,
      tokenIdle: { requestsPerSecond: 900, p99: 4 },
      tokenDuringStorm: { requestsPerSecond: 800, p99: 9 },
      failures: 0,
      failureDetail: '',
    },
    start: {
      platformFresh: { firstAnswerMs: 900, rssIdle: 190 * MIB },
      platformExisting: { firstAnswerMs: 1001, rssIdle: 150 * MIB },
      devFresh: { firstAnswerMs: 11_000, rssIdle: 401 * MIB },
      devExisting: { firstAnswerMs: 2_500, rssIdle: 300 * MIB },
      cloneFirst: { firstAnswerMs: 12_001, rssIdle: 380 * MIB },
    },
    instances: {
      connections: 20,
      duration: 10,
      one: 3000,
      each: [2500, 2600],
      combined: 5100,
      failures: 0,
      failureDetail: '',
    },
  };
}

const byFigure = (list: Goal[], start: string) => {
  const found = list.find((g) => g.figure.startsWith(start));
  assert.ok(found, `a goal for "${start}"`);
  return found;
};

test('every figure of the issue has a row, judged against its goal at the limit', () => {
  const list = goals(full());
  assert.equal(list.length, 16);
  const met = (start: string) => byFigure(list, start).met;
  assert.equal(met('client_credentials tokens/s, platform on PostgreSQL'), true); // exactly 1.5×
  assert.equal(met('client_credentials tokens/s, platform on PGlite'), true); // exactly 0.7×
  assert.equal(met('refresh grant'), true); // exactly 0.7×
  assert.equal(met('SQL statements'), false); // the first flow took 13
  assert.equal(met('argon2id logins/s'), true);
  assert.equal(met('token p99 during the login storm'), false); // 2.25×
  assert.equal(met('platform RSS idle on PGlite, fresh'), true);
  assert.equal(met('platform RSS idle on PGlite, existing'), true);
  assert.equal(met('platform RSS peak on PGlite'), true);
  assert.equal(met('`npm start` (both servers) RSS idle, first'), false);
  assert.equal(met('`npm start` (both servers) RSS idle, later'), true);
  assert.equal(met('platform start to first answer'), false); // 1001 ms
  assert.equal(met('`npm start` to both ports'), true); // exactly 2.5 s
  assert.equal(met('first `npm start`'), false); // 12.0 s: the fresh clone's start, not the rebuilt one's
  assert.equal(met('two platform instances'), null);
  assert.equal(met('`npm test`'), null);
});

test('each row says what was measured, in the units of its goal', () => {
  const list = goals(full());
  assert.equal(byFigure(list, 'refresh grant').measured, '0.7× (1,400/s vs 2,000 tps)');
  assert.equal(byFigure(list, 'SQL statements').measured, '13 (platform (PostgreSQL); flows: 13, 12, 12)');
  assert.equal(byFigure(list, 'token p99 during').measured, '2.3× (9.0 ms vs 4.0 ms)');
  assert.equal(byFigure(list, 'platform RSS peak').measured, '250.0 MiB');
  assert.equal(byFigure(list, 'two platform instances').measured, '5,100/s vs 3,000/s (1.7×)');
  assert.match(byFigure(list, '`npm test`').measured, /from CI/);
});

test('a figure this run did not measure is not judged, and the table says so', () => {
  const list = goals(empty());
  assert.equal(list.length, 16);
  assert.ok(list.every((g) => g.met === null));
  const table = goalsTable(list);
  assert.equal(table[0], '| figure | measured | goal | met? |');
  assert.ok(table.slice(2).every((line) => line.endsWith('| – |')));
  assert.ok(table.some((line) => line.includes('not measured in this run')));
});

test('the table marks met, not met and reported figures', () => {
  const table = goalsTable(goals(full())).join('\n');
  assert.match(table, /\| SQL statements[^\n]*\| ≤ 12 \| \*\*not met\*\* \|/);
  assert.match(table, /\| argon2id logins\/s[^\n]*\| ≥ 40\/s \| met \|/);
  assert.match(table, /\| two platform instances[^\n]*\| reported \| reported \|/);
});

test('a subject that answered nothing is not judged, and makes the run invalid', () => {
  const r = full();
  assert.deepEqual(silentRuns(r), []);
  r.token[0] = row('platform (PGlite)', 0);
  r.refresh!.platform = row('platform (PostgreSQL)', 0);
  r.login!.loginsPerSecond = 0;
  r.login!.tokenDuringStorm = { requestsPerSecond: 0, p99: 0 };
  const list = goals(r);
  for (const start of [
    'client_credentials tokens/s, platform on PGlite',
    'refresh grant',
    'argon2id',
    'token p99',
  ]) {
    assert.equal(byFigure(list, start).met, null, start);
    assert.equal(byFigure(list, start).measured, 'nothing answered in the measured run');
  }
  assert.equal(byFigure(list, 'client_credentials tokens/s, platform on PostgreSQL').met, true);
  assert.deepEqual(silentRuns(r), [
    'platform (PGlite)',
    'refresh grant',
    'login storm (sign-ins)',
    'login storm (tokens)',
  ]);
});
