#!/usr/bin/env node
// Runs every test of the repository with node's own test runner (TypeScript through scripts/ts-loader.mjs).
//
//   npm test                      every test, on the embedded database (PGlite)
//   DATABASE_URL=postgres://… npm test
//                                 the storage and HTTP suites on a PostgreSQL server instead
//   npm test -- packages/client   only the test files whose path contains one of the arguments
//
// Before the files run, each workspace's `test/global-setup.ts` (when present) prepares what
// every test file would otherwise rebuild: a migrated template database that tests clone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = ['packages', 'bench', 'e2e'];
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'));

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const files = roots
  .filter((r) => existsSync(join(root, r)))
  .flatMap((r) => walk(join(root, r), []))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

// TypeScript through the repository's own loader rather than tsx: in node 20 every module hook runs on a
// separate thread, and tsx's hooks cost ~0.6 s of CPU per test process on the platform's module graph alone
// (measured in issue 14: importing the platform's testing entry, 1.1 s of CPU through tsx, 0.6 s through
// scripts/ts-hooks.mjs, 0.43 s as built JS), paid by each of the ~250 test files and each CLI child process.
const nodeArgs = ['--conditions=source', '--import', new URL('./ts-loader.mjs', import.meta.url).href];
const env = { ...process.env, NODE_ENV: 'test' };

const setups = readdirSync(join(root, 'packages'))
  .map((p) => join('packages', p, 'test', 'global-setup.ts'))
  .filter((p) => existsSync(join(root, p)));
// The setups are independent (one template per schema): they run at once, one per core.
for (const vars of await Promise.all(setups.map(runSetup))) Object.assign(env, vars);

/** Runs one global setup; it prints one JSON object of environment variables on its last line. */
function runSetup(setup) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, setup], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.on('close', (status) => {
      if (status !== 0) {
        console.error(`global setup ${setup} failed`);
        process.exit(status ?? 1);
      }
      resolve(JSON.parse(stdout.trim().split('\n').pop() || '{}'));
    });
  });
}

const concurrency = Math.max(2, availableParallelism());
const result = spawnSync(
  process.execPath,
  [
    ...nodeArgs,
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-timeout=300000',
    ...passThrough,
    ...files,
  ],
  { cwd: root, env, stdio: 'inherit' },
);
await dropTemplates(env);
process.exit(result.status ?? 1);

/** The PostgreSQL template databases the setups made for this run (`*_TEST_PG_TEMPLATE`), dropped at the end. */
async function dropTemplates(vars) {
  const names = Object.entries(vars)
    .filter(([key]) => key.endsWith('_TEST_PG_TEMPLATE'))
    .map(([, name]) => name);
  if (names.length === 0 || !vars.DATABASE_URL) return;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: vars.DATABASE_URL });
  await admin.connect();
  try {
    for (const name of names) {
      if (/^[a-z0-9_]+$/.test(name)) await admin.query(`drop database if exists ${name} with (force)`);
    }
  } finally {
    await admin.end();
  }
}
