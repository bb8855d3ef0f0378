import type { Results } from './report.js';
import { formatCount, formatMiB, formatMs, formatRatio, ratio } from './stats.js';

/** One line of the Goals table: a figure of issue 14, what this run measured, the goal, and whether it is met. */
export interface Goal {
  figure: string;
  measured: string;
  goal: string;
  /** null: not judged (not measured in this run, or a figure that is only reported). */
  met: boolean | null;
}

const MIB = 1024 * 1024;
const NOT_RUN = 'not measured in this run';
/** A run in which a subject answered nothing measured nothing: its figure is not judged. */
const SILENT = 'nothing answered in the measured run';

type Check = { value: number | null; measured: string };

function judged(figure: string, goal: string, check: Check | null, ok: (v: number) => boolean): Goal {
  if (!check || check.value === null || !Number.isFinite(check.value))
    return { figure, measured: check?.measured ?? NOT_RUN, goal, met: null };
  return { figure, measured: check.measured, goal, met: ok(check.value) };
}

const atLeast = (figure: string, limit: number, goal: string, check: Check | null) =>
  judged(figure, goal, check, (v) => v >= limit);
const atMost = (figure: string, limit: number, goal: string, check: Check | null) =>
  judged(figure, goal, check, (v) => v <= limit);

function tokenRatio(r: Results, ours: string): Check | null {
  const platform = r.token.find((m) => m.name === ours);
  const peer = r.token.find((m) => m.name === 'oidc-provider');
  if (!platform || !peer) return null;
  if (platform.requests === 0 || peer.requests === 0) return { value: null, measured: SILENT };
  const value = ratio(platform.requestsPerSecond, peer.requestsPerSecond);
  return {
    value,
    measured: `${formatRatio(value)} (${formatCount(platform.requestsPerSecond)} vs ${formatCount(peer.requestsPerSecond)}/s)`,
  };
}

const mib = (bytes: number | undefined | null): Check | null =>
  bytes === undefined || bytes === null ? null : { value: bytes / MIB, measured: formatMiB(bytes) };

const seconds = (ms: number | undefined): Check | null =>
  ms === undefined ? null : { value: ms / 1000, measured: formatMs(ms) };

/** Every figure of issue 14's table, from one run's results. */
export function goals(r: Results): Goal[] {
  const { refresh, flow, login, start, instances } = r;
  const refreshRatio =
    refresh && refresh.platform.requests > 0
      ? ratio(refresh.platform.requestsPerSecond, refresh.pgbench.tps)
      : null;
  const flowMost = flow && flow.statements.length > 0 ? Math.max(...flow.statements) : null;
  const tokensAnswered =
    login !== null && login.tokenIdle.requestsPerSecond > 0 && login.tokenDuringStorm.requestsPerSecond > 0;
  const stormRatio = tokensAnswered ? ratio(login.tokenDuringStorm.p99, login.tokenIdle.p99) : null;
  const pglite = r.token.find((m) => m.name === 'platform (PGlite)');
  return [
    atLeast(
      'client_credentials tokens/s, platform on PostgreSQL ÷ oidc-provider (in-memory)',
      1.5,
      '≥ 1.5×',
      tokenRatio(r, 'platform (PostgreSQL)'),
    ),
    atLeast(
      'client_credentials tokens/s, platform on PGlite ÷ oidc-provider',
      0.7,
      '≥ 0.7×',
      tokenRatio(r, 'platform (PGlite)'),
    ),
    atLeast(
      'refresh grant tokens/s ÷ pgbench simple-update tps, same connections',
      0.7,
      '≥ 0.7×',
      refresh && {
        value: refreshRatio,
        measured:
          refresh.platform.requests === 0
            ? SILENT
            : `${formatRatio(refreshRatio)} (${formatCount(refresh.platform.requestsPerSecond)}/s vs ${formatCount(refresh.pgbench.tps)} tps)`,
      },
    ),
    atMost(
      'SQL statements for one whole authorize → login → consent → code → token flow',
      12,
      '≤ 12',
      flow && {
        value: flowMost,
        measured: `${flowMost ?? '–'} (${flow.backend}; flows: ${flow.statements.join(', ')})`,
      },
    ),
    atLeast(
      'argon2id logins/s (OWASP parameters, both cores)',
      40,
      '≥ 40/s',
      login &&
        (login.loginsPerSecond > 0
          ? { value: login.loginsPerSecond, measured: `${formatCount(login.loginsPerSecond)}/s` }
          : { value: null, measured: SILENT }),
    ),
    atMost(
      'token p99 during the login storm ÷ idle token p99',
      2,
      '≤ 2×',
      login && {
        value: stormRatio,
        measured: tokensAnswered
          ? `${formatRatio(stormRatio)} (${formatMs(login.tokenDuringStorm.p99)} vs ${formatMs(login.tokenIdle.p99)})`
          : SILENT,
      },
    ),
    atMost(
      'platform RSS idle on PGlite, fresh data folder',
      200,
      '≤ 200 MiB',
      mib(start?.platformFresh.rssIdle),
    ),
    atMost(
      'platform RSS idle on PGlite, existing data folder',
      200,
      '≤ 200 MiB',
      mib(start?.platformExisting.rssIdle),
    ),
    atMost(
      'platform RSS peak on PGlite under the token benchmark',
      300,
      '≤ 300 MiB',
      mib(pglite?.rssPeakUnderLoad),
    ),
    atMost(
      '`npm start` (both servers) RSS idle, first start',
      400,
      '≤ 400 MiB',
      mib(start?.devFresh?.rssIdle),
    ),
    atMost(
      '`npm start` (both servers) RSS idle, later start',
      400,
      '≤ 400 MiB',
      mib(start?.devExisting?.rssIdle),
    ),
    atMost(
      'platform start to first answer, existing data folder',
      1,
      '≤ 1 s',
      seconds(start?.platformExisting.firstAnswerMs),
    ),
    atMost(
      '`npm start` to both ports answering, existing data folders (after the build)',
      2.5,
      '≤ 2.5 s',
      seconds(start?.devExisting?.firstAnswerMs),
    ),
    atMost(
      'first `npm start` on a fresh clone after `npm install`, to both ports answering',
      12,
      '≤ 12 s',
      seconds(start?.cloneFirst?.firstAnswerMs),
    ),
    {
      figure:
        'two platform instances on one PostgreSQL: combined client_credentials rate beside one instance',
      measured: !instances
        ? NOT_RUN
        : instances.one === 0 || instances.combined === 0
          ? SILENT
          : `${formatCount(instances.combined)}/s vs ${formatCount(instances.one)}/s (${formatRatio(ratio(instances.combined, instances.one))})`,
      goal: 'reported',
      met: null,
    },
    {
      figure: '`npm test` on PGlite, wall time, 2 cores',
      measured: 'not measured by the bench: from CI',
      goal: '≤ 3 min, no file over 60 s',
      met: null,
    },
  ];
}

function verdict(goal: Goal): string {
  if (goal.met === true) return 'met';
  if (goal.met === false) return '**not met**';
  return goal.goal === 'reported' && goal.measured !== NOT_RUN && goal.measured !== SILENT ? 'reported' : '–';
}

export function goalsTable(list: Goal[]): string[] {
  return [
    '| figure | measured | goal | met? |',
    '| --- | ---: | ---: | :---: |',
    ...list.map((g) => `| ${g.figure} | ${g.measured} | ${g.goal} | ${verdict(g)} |`),
  ];
}
