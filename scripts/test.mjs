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
// Then the files run in a few processes per core rather than one process each (issue 14): a process pays
// node's start, the platform's module graph and PGlite's WebAssembly compile once for all its files. Each
// file still runs inside a suite named by its path, under its own timeout; OWN_PROCESS lists the files that
// keep a process to themselves, and why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = ['packages', 'bench', 'e2e'];
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'));

/** A test file fails when it runs longer than this (each file, whether it shares its process or not). */
const FILE_TIMEOUT = 300_000;
/** Groups per core: enough that one slow group does not leave a core idle at the end of the run. */
const GROUPS_PER_CORE = 3;
/**
 * The test files that keep a process of their own, and why: they spawn and kill processes, or look at
 * process ids and signals, which other files' tests in the same process would see or disturb.
 */
const OWN_PROCESS = [
  ['packages/db/test/lock.test.ts', 'spawns and kills processes to test the data folder lock held by a pid'],
  ['packages/partner/test/refresh-lock.test.ts', 'runs partner processes at once and kills them'],
  ['packages/platform/test/token-durability.test.ts', 'kills a token server with SIGKILL (the kill -9 test)'],
  ['packages/client/test/example.test.ts', 'runs the example as a child process through the loader'],
  ['packages/cli/test/pack.test.ts', 'packs, installs and runs the CLI as a package'],
  [
    'bench/test/load.test.ts',
    'counts what one second of wall time answers: it fell short in a shared process',
  ],
];

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
const { entries, dir: entryDir } = writeEntries(files, concurrency);
const result = spawnSync(
  process.execPath,
  [
    ...nodeArgs,
    '--test',
    `--test-concurrency=${concurrency}`,
    // A backstop for a process whose files all ended but that stays alive (a leaked handle): each file's
    // own timeout (FILE_TIMEOUT, in its entry) has already failed the file by name.
    `--test-timeout=${FILE_TIMEOUT * Math.max(...entries.map((e) => e.files.length)) + 60_000}`,
    ...passThrough,
    ...entries.map((e) => e.path),
  ],
  { cwd: root, env, stdio: 'inherit' },
);
rmSync(entryDir, { recursive: true, force: true });
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

/**
 * Test files share processes (issue 14): starting node, importing the platform's module graph and compiling
 * PGlite's WASM cost ~2 s of CPU per process, more than most files' own tests. So the files are dealt, in turn,
 * into a few groups per core; each group is one entry module that imports its files one after another, each
 * inside `describe(<file>)` so its tests, hooks and failures carry the file's name and a hung file fails on
 * its own timeout while the rest of the group runs on. The files of OWN_PROCESS each keep an entry of their own.
 */
function writeEntries(list, cores) {
  const dir = mkdtempSync(join(tmpdir(), 'account-access-tests-'));
  const own = list.filter((f) => OWN_PROCESS.some(([fragment]) => f.includes(fragment)));
  const shared = list.filter((f) => !own.includes(f));
  const count = Math.min(shared.length, cores * GROUPS_PER_CORE);
  // Dealt in turn from the sorted list: each group gets its share of every folder's heavy and light files.
  const groups = Array.from({ length: count }, (_, g) => shared.filter((_, i) => i % count === g));
  const entries = [
    ...groups.map((g, i) => ({ name: `group-${i + 1}-of-${count}.mjs`, files: g })),
    ...own.map((f) => ({
      name: `own-process-${f.replaceAll('/', '-').replace(/\.ts$/, '.mjs')}`,
      files: [f],
    })),
  ];
  for (const entry of entries) {
    entry.path = join(dir, entry.name);
    const lines = entry.files.map(
      (f) =>
        `describe(${JSON.stringify(f)}, { timeout: ${FILE_TIMEOUT} }, () => import(${JSON.stringify(pathToFileURL(join(root, f)).href)}));`,
    );
    writeFileSync(entry.path, [`import { describe } from 'node:test';`, ...lines, ''].join('\n'));
  }
  return { entries, dir };
}
