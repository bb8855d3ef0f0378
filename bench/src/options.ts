import { parseArgs } from 'node:util';

export const BENCHMARKS = [
  'token',
  'signup',
  'micro',
  'refresh',
  'flow',
  'login',
  'start',
  'instances',
] as const;
export type Benchmark = (typeof BENCHMARKS)[number];

export interface BenchOptions {
  /** Measured seconds per server. */
  duration: number;
  warmup: number;
  connections: number;
  only: Benchmark[];
  /** Whether results replace bench/results/latest.*: only full runs do. */
  save: boolean;
  quick: boolean;
  help: boolean;
}

export const USAGE = `npm run bench [-- options]

  --duration N      measured seconds per server (default 10, at most 120)
  --connections N   concurrent connections of the load generator (default 20, at most 200)
  --quick           a smoke run: 1 s measured after 1 s of warm-up, no \`npm start\` starts; printed, not saved
  --only LIST       some of: ${BENCHMARKS.join(',')} (default all); results are printed, not saved
  --no-save         print the results without writing bench/results/
  --help            this text

DATABASE_URL=postgres://user@127.0.0.1:5432/db adds a run of the platform on that PostgreSQL server, in a
fresh database created and dropped by the benchmark, and the benchmarks that need one: refresh (beside
pgbench -N) and instances (two platforms on one database); flow and login then run on it too (else PGlite).`;

export class OptionsError extends Error {}

function whole(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new OptionsError(`--${name} must be 1-${max}`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new OptionsError((error as Error).message);
  }
  const quick = values.quick === true;
  const duration = whole(values.duration, 'duration', quick ? 1 : 10, 120);
  const only = values.only === undefined ? [...BENCHMARKS] : values.only.split(',').map((s) => s.trim());
  for (const name of only) {
    if (!(BENCHMARKS as readonly string[]).includes(name)) {
      throw new OptionsError(`--only takes ${BENCHMARKS.join(', ')}; got "${name}"`);
    }
  }
  return {
    duration,
    warmup: quick ? 1 : Math.min(3, Math.max(1, Math.round(duration / 5))),
    connections: whole(values.connections, 'connections', 20, 200),
    only: only as Benchmark[],
    save: !quick && values['no-save'] !== true && values.only === undefined,
    quick,
    help: values.help === true,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      quick: { type: 'boolean' },
      only: { type: 'string' },
      'no-save': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
}
