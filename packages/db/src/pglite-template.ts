import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * New PGlite data folders (issue 14). PGlite's initdb costs seconds of CPU and grows the heap of the
 * process that runs it to several hundred megabytes, which a WebAssembly heap never gives back. So initdb
 * runs once per PGlite version, in a child process, into a cluster kept in this package's `.cache/`. The
 * migrations of a schema grow the heap too (measured: 12 MB of an idle platform's RSS on a fresh folder), so
 * that cluster is migrated once per set of migrations, in a child process as well, and kept beside it: a new
 * data folder (the platform's, the partner's, a benchmark's) is a copy of its schema's migrated cluster, whose
 * migrations the start then finds applied (their `applied_at` is when the cached cluster was migrated).
 * Should the cache not be writable, initdb and the migrations run in a child process, straight into the new
 * folder.
 */

const PGLITE_ENTRY = import.meta.resolve('@electric-sql/pglite');
const CACHE = fileURLToPath(new URL('../.cache/', import.meta.url));

/** The PGlite version the cluster is made by: a cluster is only reused by the version that made it. */
function pgliteVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', PGLITE_ENTRY), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** The migrations a new data folder is made with: its schema's folder and table of applied migrations. */
export interface FolderSchema {
  migrations: URL;
  migrationsTable: string;
}

/**
 * Run by the child: open (and so initialize) the folder, apply the schema's migrations when given, then close
 * it cleanly.
 */
const CHILD_SCRIPT = `
const [entry, modules, dir, params, schema] = process.argv.slice(1);
const { PGlite } = await import(entry);
const db = await PGlite.create({ dataDir: dir, startParams: JSON.parse(params) });
if (schema) {
  const [migrateUrl, pgliteUrl] = JSON.parse(modules);
  const { migrate } = await import(migrateUrl);
  const { pgliteDatabase } = await import(pgliteUrl);
  const { migrations, migrationsTable } = JSON.parse(schema);
  await migrate(pgliteDatabase(db), new URL(migrations), migrationsTable);
}
await db.close();
`;

/** This package's modules the child imports: the sources when this runs from them (tests), else the build. */
const SOURCE = import.meta.url.endsWith('.ts');
const CHILD_MODULES = JSON.stringify(
  ['migrate', 'pglite'].map((m) => new URL(`./${m}.${SOURCE ? 'ts' : 'js'}`, import.meta.url).href),
);

/**
 * The options the child needs of this process's: run from the sources, the loader that runs them (the
 * `--import`s and `--conditions`), and nothing else (an `--inspect` would ask for the same port).
 */
function childOptions(): string[] {
  if (!SOURCE) return [];
  const kept: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--import=') || arg.startsWith('--conditions=')) kept.push(arg);
    else if ((arg === '--import' || arg === '--conditions' || arg === '-C') && i + 1 < argv.length)
      kept.push(arg, argv[++i]!);
  }
  return kept;
}

/**
 * Runs PGlite's initdb into `dir` (which must not exist yet), or opens the cluster there when it has one, and
 * applies `schema`'s migrations, in a child process.
 */
function initdb(dir: string, startParams: string[], schema?: FolderSchema): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = [PGLITE_ENTRY, CHILD_MODULES, dir, JSON.stringify(startParams)];
    if (schema) args.push(JSON.stringify({ ...schema, migrations: schema.migrations.href }));
    const child = spawn(
      process.execPath,
      [...childOptions(), '--input-type=module', '-e', CHILD_SCRIPT, ...args],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(`PGlite could not initialize ${dir} (${signal ?? `exit ${code}`}): ${stderr.trim()}`),
        );
    });
  });
}

function initialized(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}

/** A unique name beside `path`, for a folder made there and renamed into place when whole. */
function staging(path: string): string {
  return `${path}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
}

const clusters = new Map<string, Promise<string | null>>();

/**
 * The initialized cluster of this PGlite version, migrated with `schema` when given, made on first use (once
 * per process; several processes making it at once each rename a whole one into place, the first wins); null
 * when it cannot be made there, and the caller runs initdb itself.
 */
function clusterTemplate(startParams: string[], schema?: FolderSchema): Promise<string | null> {
  const base = `pglite-${pgliteVersion()}`;
  const name = schema ? `${base}-${schema.migrationsTable}-${migrationsDigest(schema.migrations)}` : base;
  let cluster = clusters.get(name);
  if (!cluster) {
    cluster = (async () => {
      const dir = join(CACHE, name);
      if (initialized(dir)) {
        if (schema) used(dir);
        return dir;
      }
      const from = schema ? await clusterTemplate(startParams) : null;
      const made = staging(dir);
      try {
        mkdirSync(CACHE, { recursive: true });
        if (from) cpSync(from, made, { recursive: true });
        await initdb(made, startParams, schema);
        renameSync(made, dir);
        if (schema) forgetUnused(base);
      } catch {
        // Another process renamed its cluster first, or the cache cannot be written (then: null).
        rmSync(made, { recursive: true, force: true });
      }
      return initialized(dir) ? dir : null;
    })();
    clusters.set(name, cluster);
  }
  return cluster;
}

/** What names a set of migrations: the digest of its files' names and contents, in the order they apply. */
function migrationsDigest(folder: URL): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(new URL(file, folder)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** How many migrated clusters the cache keeps: the platform's, the partner's, and a few earlier sets. */
const KEPT_MIGRATED = 6;

/** Marks a migrated cluster as used now (its folder's time), for `forgetUnused`; best effort. */
function used(dir: string): void {
  try {
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {}
}

/**
 * Removes the migrated clusters used least recently beyond `KEPT_MIGRATED` (each is tens of megabytes, one
 * per set of migrations ever started: a changed migration in development makes a new one). Best effort; a
 * start that was copying one of them meanwhile makes its folder itself (`createDataFolder`).
 */
function forgetUnused(base: string): void {
  const migrated = readdirSync(CACHE)
    .filter((entry) => entry.startsWith(`${base}-`) && !entry.includes('.new-'))
    .map((entry) => ({ entry, at: statSync(join(CACHE, entry)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { entry } of migrated.slice(KEPT_MIGRATED)) {
    rmSync(join(CACHE, entry), { recursive: true, force: true });
  }
}

/** Copies the cached cluster `from` to `to`; false (and nothing left at `to`) when it went meanwhile. */
function copied(from: string, to: string): boolean {
  try {
    cpSync(from, to, { recursive: true });
    return true;
  } catch {
    rmSync(to, { recursive: true, force: true });
    return false;
  }
}

/**
 * Makes `pgdata` an initialized cluster, migrated with `schema` when given, when it is missing or empty: a
 * copy of the cached cluster, made beside it and renamed into place, so that an interrupted start never
 * leaves half a folder. A folder with anything in it is left to PGlite as it is.
 */
export async function createDataFolder(
  pgdata: string,
  startParams: string[],
  schema?: FolderSchema,
): Promise<void> {
  if (initialized(pgdata)) return;
  if (existsSync(pgdata) && readdirSync(pgdata).length > 0) return;
  const template = await clusterTemplate(startParams, schema);
  const made = staging(pgdata);
  try {
    if (!template || !copied(template, made)) await initdb(made, startParams, schema);
    rmSync(pgdata, { recursive: true, force: true });
    renameSync(made, pgdata);
  } catch (error) {
    rmSync(made, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Makes the cached cluster (migrated with `schema` when given) now, when there is none (`npm start` runs this
 * beside the build, so that the first start on a fresh clone finds it made). Returns where it is, or null
 * when it cannot be kept.
 */
export function preparePgliteCluster(startParams: string[], schema?: FolderSchema): Promise<string | null> {
  return clusterTemplate(startParams, schema);
}
