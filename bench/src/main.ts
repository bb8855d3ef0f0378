import { mkdirSync, writeFileSync } from 'node:fs';
import { cleanUp } from './child.js';
import { describeMachine } from './machine.js';
import { microBenchmark } from './micro-bench.js';
import { type BenchOptions, OptionsError, parseOptions, USAGE } from './options.js';
import { type Results, renderMarkdown } from './report.js';
import { signupBenchmark } from './signup-bench.js';
import { bare, oidcProvider, platformPglite, platformPostgres, type Target } from './targets.js';
import { tokenBenchmark } from './token-bench.js';

/**
 * `npm run bench`: the token endpoint against a bare floor and oidc-provider, signup + registration_code,
 * and the crypto of a token, side by side in one run. Writes bench/results/latest.{md,json} after a full,
 * valid run; a run with any failed request exits 1 and writes nothing.
 */
const RESULTS = new URL('../results/', import.meta.url);
/** Whatever happens, the run ends: every server is stopped and the process exits. */
const WATCHDOG_MS = 20 * 60 * 1000;

async function run(options: BenchOptions): Promise<number> {
  // DATABASE_URL is the one setting read from the environment, as the platform and its tests read it.
  const databaseUrl = process.env['DATABASE_URL'];
  const platforms: Target[] = [platformPglite, ...(databaseUrl ? [platformPostgres(databaseUrl)] : [])];
  const settings = { connections: options.connections, duration: options.duration, warmup: options.warmup };
  const machine = describeMachine();
  const results: Results = { machine, settings, token: [], signup: [], micro: [] };

  if (options.only.includes('micro')) {
    results.micro = await microBenchmark(
      options.quick ? { rounds: 3, roundMs: 100 } : { rounds: 7, roundMs: 300 },
    );
  }
  if (options.only.includes('token')) {
    results.token = await tokenBenchmark([bare, ...platforms, oidcProvider], settings);
  }
  if (options.only.includes('signup')) {
    results.signup = await signupBenchmark([bare, ...platforms], settings);
  }

  const markdown = renderMarkdown(results);
  process.stdout.write(`\n${markdown}`);
  const failed = [...results.token, ...results.signup].filter((m) => m.failures > 0);
  if (failed.length > 0) {
    for (const m of failed)
      console.error(`INVALID RUN: ${m.name}: ${m.failures} failed requests (${m.failureDetail})`);
    console.error('Nothing was saved: a benchmark with failed requests measures errors, not the server.');
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
