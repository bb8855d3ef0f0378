import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { track } from './child.js';
import { scratchDatabase } from './targets.js';

/** What pgbench's `simple-update` (`-N`) did on the PostgreSQL of DATABASE_URL. */
export interface PgbenchResult {
  tps: number;
  connections: number;
  duration: number;
  version: string;
}

/** pgbench ships with PostgreSQL: the newest under /usr/lib/postgresql/<major>/bin, else the one on PATH. */
export function findPgbench(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(`${root}/${v}/bin/pgbench`))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return majors[0] ? `${root}/${majors[0]}/bin/pgbench` : 'pgbench';
}

/** Runs pgbench to its end (bounded by `limitMs`), answering what it printed; a non-zero exit throws. */
function pgbench(args: string[], limitMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(findPgbench(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      reject(error);
      return;
    }
    track(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`pgbench could not run (${findPgbench()}): ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`pgbench ${args.join(' ')} exited ${code}:\n${output.slice(-4000)}`));
    });
  });
}

/** `tps = 1234.5 (without initial connection time)` from pgbench's report. */
export function parseTps(output: string): number | null {
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output);
  return match ? Number(match[1]) : null;
}

/**
 * pgbench's built-in `simple-update` script (`-N`: an UPDATE of pgbench_accounts, a SELECT and an INSERT into
 * pgbench_history per transaction, each committed) with `connections` clients for `duration` seconds, in a
 * scratch database initialised at scale 1 and dropped after: the durable-write rate of this PostgreSQL.
 */
export async function pgbenchSimpleUpdate(
  adminUrl: string,
  connections: number,
  duration: number,
  threads: number,
): Promise<PgbenchResult> {
  const database = await scratchDatabase(adminUrl);
  try {
    await pgbench(['-i', '-q', '-s', '1', database.url], 120_000);
    const output = await pgbench(
      ['-N', '-c', String(connections), '-j', String(threads), '-T', String(duration), database.url],
      (duration + 60) * 1000,
    );
    const tps = parseTps(output);
    if (tps === null) throw new Error(`pgbench printed no tps:\n${output.slice(-4000)}`);
    const version = (await pgbench(['--version'], 10_000)).trim();
    return { tps, connections, duration, version };
  } finally {
    await database.drop();
  }
}
