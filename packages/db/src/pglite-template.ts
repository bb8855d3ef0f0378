import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * New PGlite data folders (issue 14). PGlite's initdb costs seconds of CPU and grows the heap of the
 * process that runs it to several hundred megabytes, which a WebAssembly heap never gives back. So initdb
 * runs once per PGlite version, in a child process, into a cluster kept in this package's `.cache/`; every
 * new data folder (the platform's, the partner's, a benchmark's) is a copy of that cluster, and the schema
 * is then brought up to date by the migrations as on any start. Should the cache not be writable, initdb
 * still runs in a child process, straight into the new folder.
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

/** Run by the child: open (and so initialize) the folder, then close it cleanly. */
const INITDB_SCRIPT = `
const [entry, dir, params] = process.argv.slice(1);
const { PGlite } = await import(entry);
const db = await PGlite.create({ dataDir: dir, startParams: JSON.parse(params) });
await db.close();
`;

/** Runs PGlite's initdb into `dir` (which must not exist yet) in a child process. */
function initdb(dir: string, startParams: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', INITDB_SCRIPT, PGLITE_ENTRY, dir, JSON.stringify(startParams)],
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

let cluster: Promise<string | null> | undefined;

/**
 * The initialized cluster of this PGlite version, made on first use (once per process; several processes
 * making it at once each rename a whole one into place, the first wins); null when it cannot be made
 * there, and the caller runs initdb itself.
 */
function clusterTemplate(startParams: string[]): Promise<string | null> {
  cluster ??= (async () => {
    const dir = join(CACHE, `pglite-${pgliteVersion()}`);
    if (initialized(dir)) return dir;
    const made = staging(dir);
    try {
      mkdirSync(CACHE, { recursive: true });
      await initdb(made, startParams);
      renameSync(made, dir);
    } catch {
      // Another process renamed its cluster first, or the cache cannot be written (then: null).
      rmSync(made, { recursive: true, force: true });
    }
    return initialized(dir) ? dir : null;
  })();
  return cluster;
}

/**
 * Makes `pgdata` an initialized cluster when it is missing or empty: a copy of the cached cluster, made
 * beside it and renamed into place, so that an interrupted start never leaves half a folder. A folder
 * with anything in it is left to PGlite as it is.
 */
export async function createDataFolder(pgdata: string, startParams: string[]): Promise<void> {
  if (initialized(pgdata)) return;
  if (existsSync(pgdata) && readdirSync(pgdata).length > 0) return;
  const template = await clusterTemplate(startParams);
  const made = staging(pgdata);
  try {
    if (template) cpSync(template, made, { recursive: true });
    else await initdb(made, startParams);
    rmSync(pgdata, { recursive: true, force: true });
    renameSync(made, pgdata);
  } catch (error) {
    rmSync(made, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Makes the cached cluster now, when there is none (`npm start` runs this beside the build, so that the
 * first start on a fresh clone finds it made). Returns where it is, or null when it cannot be kept.
 */
export function preparePgliteCluster(startParams: string[]): Promise<string | null> {
  return clusterTemplate(startParams);
}
