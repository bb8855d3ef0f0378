#!/usr/bin/env node
// Builds the platform and the benchmarks (tsc -b, incremental), then runs them as plain Node: the servers
// under load are the compiled JavaScript a deployment runs, with no loader in between.
//
//   npm run bench                  the full run (10 s per server); writes bench/results/latest.{md,json}
//   npm run bench -- --quick       a 2-second smoke run, printed only
//   npm run bench -- --help        every option
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules', '.bin', 'tsc');
const build = spawnSync(tsc, ['-b', 'bench'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('building the benchmarks failed');
  process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [join(root, 'bench', 'dist', 'main.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
