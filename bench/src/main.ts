import { mkdirSync, writeFileSync } from 'node:fs';
import { cleanUp } from './child.js';
import { FLOW_PASSWORD, flowBenchmark } from './flow-bench.js';
import { instancesBenchmark } from './instances-bench.js';
import { loginBenchmark } from './login-bench.js';
import { describeMachine } from './machine.js';
import { microBenchmark } from './micro-bench.js';
import { type BenchOptions, OptionsError, parseOptions, USAGE } from './options.js';
import { refreshBenchmark } from './refresh-bench.js';
import { type Results, renderMarkdown, silentRuns } from './report.js';
import { signupBenchmark } from './signup-bench.js';
import { startBenchmark } from './start-bench.js';
import {
  bare,
  oidcProvider,
  type PlatformOptions,
  platformPglite,
  platformPostgres,
  type Target,
} from './targets.js';
import { tokenBenchmark } from './token-bench.js';

/**
 * `npm run bench`: the token endpoint against a bare floor and oidc-provider, signup + registration_code,
 * the crypto of a token, the refresh grant beside pgbench, the SQL statements of a hosted flow, a login storm,
 * starts and memory, and two instances on one PostgreSQL, side by side in one run, with issue 14's goals on
 * top. Writes bench/results/latest.{md,json} after a full, valid run; a run with any failed request exits 1
 * and writes nothing.
 */
const RESULTS = new URL('../results/', import.meta.url);
/** Whatever happens, the run ends: every server is stopped and the process exits. */
const WATCHDOG_MS = 25 * 60 * 1000;
/** Flows counted one after the other: the first after start, then steady ones. */
const FLOWS = 3;

async function run(options: BenchOptions): Promise<number> {
  // DATABASE_URL is the one setting read from the environment, as the platform and its tests read it.
  const databaseUrl = process.env['DATABASE_URL'];
  const platforms: Target[] = [platformPglite(), ...(databaseUrl ? [platformPostgres(databaseUrl)] : [])];
  /** The platform of a deployment when there is a PostgreSQL server, else the embedded default. */
  const deployed = (o: PlatformOptions) =>
    databaseUrl ? platformPostgres(databaseUrl, o) : platformPglite(o);
  const settings = { connections: options.connections, duration: options.duration, warmup: options.warmup };
  const machine = describeMachine();
  const results: Results = {
    machine,
    settings,
    token: [],
    signup: [],
    micro: [],
    refresh: null,
    flow: null,
    login: null,
    start: null,
    instances: null,
  };
  const wants = (name: BenchOptions['only'][number]) => options.only.includes(name);

  if (wants('micro')) {
    results.micro = await microBenchmark(
      options.quick ? { rounds: 3, roundMs: 100 } : { rounds: 7, roundMs: 300 },
    );
  }
  if (wants('token')) results.token = await tokenBenchmark([bare, ...platforms, oidcProvider], settings);
  if (wants('signup')) results.signup = await signupBenchmark([bare, ...platforms], settings);
  if (wants('refresh') && databaseUrl) results.refresh = await refreshBenchmark(databaseUrl, settings);
  if (wants('flow')) {
    const target = deployed({ countStatements: true, users: FLOWS, password: FLOW_PASSWORD });
    results.flow = await flowBenchmark(target, FLOWS);
  }
  if (wants('login')) {
    const target = deployed({ users: settings.connections, password: FLOW_PASSWORD });
    results.login = await loginBenchmark(target, settings);
  }
  if (wants('start')) results.start = await startBenchmark(!options.quick);
  if (wants('instances') && databaseUrl) results.instances = await instancesBenchmark(databaseUrl, settings);

  const markdown = renderMarkdown(results);
  process.stdout.write(`\n${markdown}`);
  const failed = [
    ...[...results.token, ...results.signup, ...(results.refresh ? [results.refresh.platform] : [])].map(
      (m) => ({ name: m.name, failures: m.failures, detail: m.failureDetail }),
    ),
    ...(results.login
      ? [{ name: 'login storm', failures: results.login.failures, detail: results.login.failureDetail }]
      : []),
    ...(results.instances
      ? [
          {
            name: 'two instances',
            failures: results.instances.failures,
            detail: results.instances.failureDetail,
          },
        ]
      : []),
  ].filter((m) => m.failures > 0);
  // A quick run is a smoke run: every path was checked by hand before its load, so a run too short for a busy
  // machine to answer in is a warning there; a run meant to measure is invalid without answers.
  const silent = silentRuns(results);
  const invalid = silent.length > 0 && !options.quick;
  for (const name of silent)
    console.error(
      `${invalid ? 'INVALID RUN' : 'WARNING'}: ${name} answered nothing in the measured run (the machine is too busy for this duration; try a longer --duration)`,
    );
  if (failed.length > 0 || invalid) {
    for (const m of failed)
      console.error(`INVALID RUN: ${m.name}: ${m.failures} failed requests (${m.detail})`);
    console.error(
      'Nothing was saved: a benchmark with failed or missing answers measures errors, not the server.',
    );
    return 1;
  }
  if (options.save) {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(new URL('latest.md', RESULTS), markdown);
    writeFileSync(new URL('latest.json', RESULTS), `${JSON.stringify(results, null, 2)}\n`);
    console.error('Saved bench/results/latest.md and bench/results/latest.json');
  } else {
    console.error('Not saved (a quick, partial or --no-save run).');
  }
  return 0;
}

let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof OptionsError)) throw error;
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const stop = async (code: number) => {
  await cleanUp();
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(130));
setTimeout(() => {
  console.error('The benchmark ran past its time limit; stopping.');
  void stop(1);
}, WATCHDOG_MS).unref();

try {
  process.exitCode = await run(options);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
