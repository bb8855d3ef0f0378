import type { FlowResult } from './flow-bench.js';
import type { InstancesResult } from './instances-bench.js';
import type { LoginResult } from './login-bench.js';
import type { RefreshResult } from './refresh-bench.js';
import type { StartFigure, StartResult } from './start-bench.js';
import { formatCount, formatLatency, formatMiB, formatMs, formatRatio, ratio } from './stats.js';

// The sections of the report beside the token and signup tables: one function per benchmark of issue 14.

export function refreshSection(r: RefreshResult): string[] {
  const m = r.platform;
  return [
    '## Refresh grant beside pgbench `simple-update`',
    '',
    `\`grant_type=refresh_token\`, one grant per connection, the duplicates window off (every refresh a new committed write that retires the grant's previous access token), against pgbench's \`-N\` script (${r.pgbench.version}) on the same PostgreSQL, in a scratch database at scale 1, ${r.pgbench.connections} clients for ${r.pgbench.duration} s.`,
    '',
    '| subject | per second | p50 | p99 | failures | server CPU per refresh |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| refresh grant, platform (PostgreSQL) | ${formatCount(m.requestsPerSecond)} | ${formatLatency(m.latencyMs.p50)} | ${formatLatency(m.latencyMs.p99)} | ${m.failures === 0 ? '0' : `**${m.failures}** (${m.failureDetail})`} | ${formatCount(m.cpuMicrosPerUnit)} µs |`,
    `| pgbench -N transactions | ${formatCount(r.pgbench.tps)} | – | – | – | – |`,
    '',
    `Refresh ÷ pgbench: **${formatRatio(ratio(m.requestsPerSecond, r.pgbench.tps))}**.`,
    '',
  ];
}

export function flowSection(f: FlowResult): string[] {
  return [
    '## SQL statements per hosted flow',
    '',
    `GET /oauth/authorize → login → profile (when asked) → consent → the code's redirect → the code exchanged at /oauth/token, each by a new person, on ${f.backend}. Counted in the platform's database seam (each query, each script, and a transaction's BEGIN and COMMIT), with the webhook worker off.`,
    '',
    '| flow | statements |',
    '| --- | ---: |',
    ...f.statements.map((n, i) => `| ${i === 0 ? '1 (first after start)' : String(i + 1)} | ${n} |`),
    '',
    'The last flow, by request:',
    '',
    '| request | statements |',
    '| --- | ---: |',
    ...f.steps.map((s) => `| \`${s.request}\` | ${s.statements} |`),
    '',
    "Where they go: GET /oauth/authorize inserts the interaction, confirming this instance's recent read of the client in that insert, and sends the browser straight to the first step's page. Each page reads its interaction with its client and the person's profiles in one statement. The login takes its attempt slots and reads the account in one statement (migration 101's `take_attempt`, atomic on its own), then one statement gives the slots back, records the login and starts the session. The profile choice, the consent decision and the callback (which completes the interaction and stores its code) are one statement each, the interaction's read folded into the write. The exchange uses the recent read of the client and, in one statement, consumes the code, confirms the client as read and its secret's counters open, and writes the grant and its token. The first flow after a start reads the client once more, at authorize: no recent read exists yet.",
    '',
  ];
}

export function loginSection(l: LoginResult): string[] {
  return [
    '## Login storm: argon2id sign-ins with tokens beside them',
    '',
    `POST /account/sign-in (argon2id, m=19 MiB, t=2, p=1) by ${l.connections} people at once, one connection each, for ${l.duration} s on ${l.backend}; beside it ${l.tokenConnections} connections of client_credentials, first alone (idle) then during the storm.`,
    '',
    '| figure | value |',
    '| --- | ---: |',
    `| sign-ins/s | ${formatCount(l.loginsPerSecond)} |`,
    `| tokens/s alone / during the storm | ${formatCount(l.tokenIdle.requestsPerSecond)} / ${formatCount(l.tokenDuringStorm.requestsPerSecond)} |`,
    `| token p99 alone / during the storm | ${formatLatency(l.tokenIdle.p99)} / ${formatLatency(l.tokenDuringStorm.p99)} |`,
    `| failures | ${l.failures === 0 ? '0' : `**${l.failures}** (${l.failureDetail})`} |`,
    '',
  ];
}

const startRow = (label: string, f: StartFigure | null, what: string) =>
  f
    ? `| ${label} | ${formatMs(f.firstAnswerMs)} (${what}) | ${formatMiB(f.rssIdle)} |`
    : `| ${label} | – | – |`;

export function startSection(s: StartResult): string[] {
  return [
    '## Starts and idle memory',
    '',
    "From spawning the process to its first answer, then the RSS 1 s later. The platform runs on PGlite in a fresh data folder, then again on the folder it left. `npm start` is `node packages/cli/dist/main.js dev` after the build (both servers in one process, both ports 0, fresh data folders, then again on them); its RSS is the sum over its process tree. The last row is the whole `npm start` script in a fresh clone of this commit after its `npm ci`: the build, PGlite's clusters, then both servers.",
    '',
    '| start | to first answer | RSS idle |',
    '| --- | ---: | ---: |',
    startRow('platform (PGlite), fresh data folder', s.platformFresh, 'a token'),
    startRow('platform (PGlite), existing data folder', s.platformExisting, 'a token'),
    startRow('`npm start`, fresh data folders', s.devFresh, 'both /health'),
    startRow('`npm start`, existing data folders', s.devExisting, 'both /health'),
    startRow('`npm start`, a fresh clone after `npm ci` (builds first)', s.cloneFirst, 'both /health'),
    '',
  ];
}

export function instancesSection(i: InstancesResult): string[] {
  return [
    '## Two platform instances on one PostgreSQL',
    '',
    `client_credentials, ${i.connections} connections for ${i.duration} s: one instance with all of them, then two instances on the same database with half each, at once.`,
    '',
    '| run | tokens/s |',
    '| --- | ---: |',
    `| one instance | ${formatCount(i.one)} |`,
    `| two instances, each | ${i.each.map(formatCount).join(' + ')} |`,
    `| two instances, combined | ${formatCount(i.combined)} (${formatRatio(ratio(i.combined, i.one))} of one) |`,
    `| failures | ${i.failures === 0 ? '0' : `**${i.failures}** (${i.failureDetail})`} |`,
    '',
  ];
}
