import { flowSection, instancesSection, loginSection, refreshSection, startSection } from './figures.js';
import type { FlowResult } from './flow-bench.js';
import { goals, goalsTable } from './goals.js';
import type { InstancesResult } from './instances-bench.js';
import type { LoadSettings, Measurement } from './load.js';
import type { LoginResult } from './login-bench.js';
import type { Machine } from './machine.js';
import type { MicroResult } from './micro-bench.js';
import type { RefreshResult } from './refresh-bench.js';
import type { StartResult } from './start-bench.js';
import { formatCount, formatLatency, formatMiB, formatMs, formatRatio, ratio } from './stats.js';

export interface Results {
  machine: Machine;
  settings: LoadSettings;
  token: Measurement[];
  signup: Measurement[];
  micro: MicroResult[];
  refresh: RefreshResult | null;
  flow: FlowResult | null;
  login: LoginResult | null;
  start: StartResult | null;
  instances: InstancesResult | null;
}

export interface Ratio {
  label: string;
  throughput: number | null;
  p99: number | null;
  cpu: number | null;
}

const FLOOR = 'bare node:http (floor)';
const PEER = 'oidc-provider';

function compare(label: string, ours: Measurement | undefined, theirs: Measurement | undefined): Ratio[] {
  if (!ours || !theirs) return [];
  return [
    {
      label,
      throughput: ratio(ours.requestsPerSecond, theirs.requestsPerSecond),
      p99: ratio(ours.latencyMs.p99, theirs.latencyMs.p99),
      cpu: ratio(ours.cpuMicrosPerUnit, theirs.cpuMicrosPerUnit),
    },
  ];
}

/** Every platform run against the floor and, for the token endpoint, against oidc-provider. */
export function ratios(measurements: Measurement[], withPeer: boolean): Ratio[] {
  const floor = measurements.find((m) => m.name === FLOOR);
  const peer = measurements.find((m) => m.name === PEER);
  return measurements
    .filter((m) => m.name.startsWith('platform'))
    .flatMap((ours) => [
      ...compare(`${ours.name} / bare`, ours, floor),
      ...(withPeer ? compare(`${ours.name} / oidc-provider`, ours, peer) : []),
    ]);
}

function loadTable(rows: Measurement[], unit: string): string[] {
  return [
    `| server | ${unit}/s | p50 | p99 | max | failures | server CPU per ${unit} | RSS idle | RSS peak under load | RSS after | peak RSS | startup |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((m) =>
      [
        '',
        m.name,
        formatCount(m.requestsPerSecond),
        formatLatency(m.latencyMs.p50),
        formatLatency(m.latencyMs.p99),
        formatLatency(m.latencyMs.max),
        m.failures === 0 ? '0' : `**${m.failures}** (${m.failureDetail})`,
        `${formatCount(m.cpuMicrosPerUnit)} µs`,
        formatMiB(m.rssIdle),
        formatMiB(m.rssPeakUnderLoad ?? Number.NaN),
        formatMiB(m.rssAfter),
        formatMiB(m.maxRss),
        formatMs(m.startupMs),
        '',
      ]
        .join(' | ')
        .trim(),
    ),
  ];
}

function ratioTable(rows: Ratio[]): string[] {
  if (rows.length === 0) return [];
  return [
    '',
    '| ratio | throughput | p99 latency | server CPU per unit |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(
      (r) => `| ${r.label} | ${formatRatio(r.throughput)} | ${formatRatio(r.p99)} | ${formatRatio(r.cpu)} |`,
    ),
  ];
}

/** The subjects that answered nothing in their measured run: such a run measured nothing. */
export function silentRuns(r: Results): string[] {
  const loads = [...r.token, ...r.signup].filter((m) => m.requests === 0).map((m) => m.name);
  if (r.refresh && r.refresh.platform.requests === 0) loads.push('refresh grant');
  if (r.login && r.login.loginsPerSecond === 0) loads.push('login storm (sign-ins)');
  if (
    r.login &&
    (r.login.tokenIdle.requestsPerSecond === 0 || r.login.tokenDuringStorm.requestsPerSecond === 0)
  )
    loads.push('login storm (tokens)');
  if (r.instances && (r.instances.one === 0 || r.instances.each.some((n) => n === 0)))
    loads.push('two instances');
  return loads;
}

export function renderMarkdown(results: Results): string {
  const { machine, settings } = results;
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench`; what is measured and how to read it: [../README.md](../README.md).',
    '',
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}`,
    `- Node: ${machine.node}`,
    `- Date: ${machine.date}`,
    `- Commit: ${machine.commit}${machine.dirty ? ' (with uncommitted changes)' : ''}`,
    `- Load: autocannon in the parent process, ${settings.connections} connections, ${settings.duration} s measured after ${settings.warmup} s of warm-up, per server; each server alone, in its own process, on 127.0.0.1`,
    '',
    '## Goals (issue 14)',
    '',
    ...goalsTable(goals(results)),
    '',
    '`npm test` is not run by the benchmark: its wall time comes from CI. A figure marked – was not measured in this run (a partial run, or no `DATABASE_URL`).',
    '',
  ];
  if (results.token.length > 0) {
    lines.push(
      '## Token endpoint: `grant_type=client_credentials`, HTTP Basic',
      '',
      ...loadTable(results.token, 'token'),
      ...ratioTable(ratios(results.token, true)),
      '',
    );
  }
  if (results.signup.length > 0) {
    lines.push(
      '## Signup then `grant_type=registration_code`',
      '',
      'One unit is a `POST /v1/user/signup/registration_code` (a new email) followed by the token request for that user; latencies are per HTTP request.',
      '',
      ...loadTable(results.signup, 'pair'),
      ...ratioTable(ratios(results.signup, false)),
      '',
    );
  }
  if (results.micro.length > 0) {
    lines.push(
      '## Keyed hashing and token generation (one thread, in process)',
      '',
      '| operation | ops/s (median) | range over rounds |',
      '| --- | ---: | ---: |',
      ...results.micro.map(
        (m) =>
          `| ${m.name} | ${formatCount(m.opsPerSecond)} | ${formatCount(m.minOpsPerSecond)}–${formatCount(m.maxOpsPerSecond)} (${m.rounds} rounds) |`,
      ),
      '',
    );
  }
  if (results.refresh) lines.push(...refreshSection(results.refresh));
  if (results.flow) lines.push(...flowSection(results.flow));
  if (results.login) lines.push(...loginSection(results.login));
  if (results.start) lines.push(...startSection(results.start));
  if (results.instances) lines.push(...instancesSection(results.instances));
  lines.push(
    'Latencies are per HTTP request, from autocannon’s histogram (1 ms resolution). Server CPU is user +',
    'system time of the server process over the measured run divided by the units answered.',
    'Ratios are ours / theirs: throughput above 1× is faster than theirs; latency and CPU below 1× are better.',
    'The load generator and the server share the machine’s cores, so absolute numbers are lower than on a',
    'dedicated load machine; compare the rows of one run, not runs of different machines.',
    '',
  );
  return lines.join('\n');
}
