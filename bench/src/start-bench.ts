import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeFolder, type ServerProcess, tempFolder, track } from './child.js';
import { platformPgliteIn } from './targets.js';
import { clientToken } from './token-bench.js';

/** How long memory is left to settle after a start before its idle RSS is read. */
const SETTLE_MS = 1000;
const DEV_START_LIMIT_MS = 180_000;

export interface StartFigure {
  /** From spawn to the first answer: a token from the platform; both servers' /health for `npm start`. */
  firstAnswerMs: number;
  /** RSS when idle after that start (the sum over the process and its children for `npm start`). */
  rssIdle: number;
}

export interface StartResult {
  platformFresh: StartFigure;
  platformExisting: StartFigure;
  /** `npm start` from the built dist, on fresh data folders, then again on the ones it left. */
  devFresh: StartFigure | null;
  devExisting: StartFigure | null;
  /**
   * The real `npm start` (the build, PGlite's clusters, then both servers) in a fresh clone of this commit
   * after its `npm ci`; null when there is no git checkout to clone or the install failed.
   */
  cloneFirst: StartFigure | null;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

async function platformStart(dataDir: string): Promise<StartFigure> {
  const server: ServerProcess = await platformPgliteIn(dataDir).start();
  try {
    await clientToken(server);
    const firstAnswerMs = performance.now() - server.spawnedAt;
    await settle();
    return { firstAnswerMs, rssIdle: (await server.usage()).rss };
  } finally {
    await server.stop();
  }
}

/** Resident set size of `pid` and all its descendants, from /proc (Linux); null where there is no /proc. */
export function treeRss(pid: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of entries) {
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = /^PPid:\s+(\d+)/m.exec(status);
      const vm = /^VmRSS:\s+(\d+) kB/m.exec(status);
      if (ppid) parents.set(Number(name), Number(ppid[1]));
      if (vm) rss.set(Number(name), Number(vm[1]) * 1024);
    } catch {
      // the process ended while being read
    }
  }
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, parent] of parents)
      if (tree.has(parent) && !tree.has(child)) {
        tree.add(child);
        grew = true;
      }
  }
  return [...tree].reduce((sum, p) => sum + (rss.get(p) ?? 0), 0);
}

/** The URLs `dev` prints once both servers run (`  platform   http://…`, `  partner    http://…`). */
export function devUrls(output: string): { platform: string; partner: string } | null {
  const platform = /^ {2}platform\s+(http:\/\/\S+)$/m.exec(output)?.[1];
  const partner = /^ {2}partner\s+(http:\/\/\S+)$/m.exec(output)?.[1];
  return platform && partner ? { platform, partner } : null;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/;

/**
 * `npm start` after the build: `node packages/cli/dist/main.js dev` (what its script runs), both ports 0 and
 * both data folders in `folder`, the embedded database (no DATABASE_URL), until both servers answer /health.
 * With `clone`, the whole `npm start` in that checkout instead (its prestart builds, then `dev`), in a process
 * group of its own, ended as a whole.
 */
async function devStart(folder: string, clone?: string): Promise<StartFigure> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    PLATFORM_PORT: '0',
    PARTNER_PORT: '0',
    PLATFORM_METRICS_PORT: '0',
    PARTNER_METRICS_PORT: '0',
    PLATFORM_DATA_DIR: join(folder, 'platform'),
    PARTNER_DATA_DIR: join(folder, 'partner'),
  };
  const begin = performance.now();
  const child = clone
    ? spawn('npm', ['start'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    : spawn(process.execPath, [join(ROOT, 'packages/cli/dist/main.js'), 'dev'], {
        cwd: folder,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
  const stop = (signal: NodeJS.Signals) => {
    try {
      if (clone && child.pid) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // already gone
    }
  };
  track(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  try {
    const urls = await new Promise<{ platform: string; partner: string }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`npm start did not start in time:\n${output}`)),
        DEV_START_LIMIT_MS,
      );
      const check = () => {
        const found = devUrls(output);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (code ${code}):\n${output.slice(-4000)}`));
      });
    });
    for (const url of [urls.platform, urls.partner]) {
      if (!LOOPBACK.test(url)) throw new Error(`npm start listens on ${url}, not on loopback`);
      const res = await fetch(new URL('/health', url));
      if (res.status !== 200) throw new Error(`${url}/health answered ${res.status}`);
    }
    const firstAnswerMs = performance.now() - begin;
    await settle();
    const rssIdle = treeRss(child.pid ?? -1);
    if (rssIdle === null) throw new Error('no /proc to read the RSS of npm start from');
    return { firstAnswerMs, rssIdle };
  } finally {
    stop('SIGTERM');
    const timer = setTimeout(() => stop('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * A fresh clone of this checkout's commit, installed (`npm ci`, not timed: the figure is the first
 * start after the install); null when there is nothing to clone or the install fails.
 */
function freshClone(folder: string): string | null {
  const clone = join(folder, 'clone');
  const run = (command: string, args: string[], cwd: string) =>
    spawnSync(command, args, { cwd, stdio: 'ignore', timeout: DEV_START_LIMIT_MS }).status === 0;
  if (!run('git', ['clone', '--quiet', ROOT, clone], folder)) return null;
  return run('npm', ['ci', '--no-audit', '--no-fund'], clone) ? clone : null;
}

/**
 * Starts and memory: the platform on PGlite on a fresh data folder then on the one it left, `npm start`
 * (both servers) the same way, and the first `npm start` of a fresh clone. Each start is alone on the machine.
 */
export async function startBenchmark(withDev: boolean): Promise<StartResult> {
  process.stderr.write('starts: platform (PGlite), fresh then existing data folder…\n');
  const dataDir = tempFolder('start');
  let platformFresh: StartFigure;
  let platformExisting: StartFigure;
  try {
    platformFresh = await platformStart(dataDir);
    platformExisting = await platformStart(dataDir);
  } finally {
    removeFolder(dataDir);
  }
  if (!withDev)
    return { platformFresh, platformExisting, devFresh: null, devExisting: null, cloneFirst: null };
  process.stderr.write('starts: npm start (both servers), fresh then existing data folders…\n');
  const folder = tempFolder('dev');
  try {
    const devFresh = await devStart(folder);
    const devExisting = await devStart(folder);
    process.stderr.write('starts: the first npm start of a fresh clone (after npm ci)…\n');
    const clone = freshClone(folder);
    const cloneFirst = clone ? await devStart(join(folder, 'clone-data'), clone) : null;
    return { platformFresh, platformExisting, devFresh, devExisting, cloneFirst };
  } finally {
    removeFolder(folder);
  }
}
