#!/usr/bin/env node
// What `npm start` does before `account-access dev`: the build (tsc -b, incremental) and, at the same time on
// the other core, the PGlite clusters that new data folders are copied from (packages/db: made once per PGlite
// version, then migrated once per set of the platform's and the partner's migrations). On a fresh clone both
// take seconds; side by side, the first start waits for the longer one alone.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const [built] = await Promise.all([
  // `npm run build`, through the npm that runs this script.
  process.env.npm_execpath
    ? run(process.execPath, [process.env.npm_execpath, 'run', 'build'])
    : run('npm', ['run', 'build']),
  // Should this fail, the start makes the cluster itself: only the build decides.
  // Each schema: its migrations folder and its table of applied migrations (packages/*/src/store/open.ts).
  run(process.execPath, [
    '--conditions=source',
    '--import',
    new URL('./ts-loader.mjs', import.meta.url).href,
    join(root, 'packages', 'db', 'src', 'prepare-cluster.ts'),
    join(root, 'packages', 'platform', 'migrations'),
    'schema_migrations',
    join(root, 'packages', 'partner', 'migrations'),
    'partner_schema_migrations',
  ]),
]);
process.exit(built);
