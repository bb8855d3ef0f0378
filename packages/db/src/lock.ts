import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class DataFolderInUse extends Error {}

/**
 * The folders this process holds. A lock file names a process, not an opener: a second open of one folder
 * inside this process must be refused from here, since its file holds our own pid.
 */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(dataDir: string, pid: number): DataFolderInUse {
  return new DataFolderInUse(
    `The data folder ${dataDir} is in use by process ${pid}. Stop that process first, ` +
      'or run every process against a PostgreSQL server with DATABASE_URL.',
  );
}

/**
 * PGlite has no cross-process lock, and two processes on one data folder corrupt it. We take our own:
 * a lock file created exclusively, holding our pid. A lock left behind is taken over when its process is dead
 * or is us: a container restarting after a crash runs as the same pid (often 1) and finds its own old lock,
 * while a folder this process really holds is in `held`. Returns the release function.
 */
export function lockDataFolder(dataDir: string): () => void {
  const folder = resolve(dataDir);
  if (held.has(folder)) throw inUse(dataDir, process.pid);
  const file = join(dataDir, 'data.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(folder);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(folder);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw inUse(dataDir, pid);
      rmSync(file, { force: true });
    }
  }
  throw new DataFolderInUse(`Could not lock the data folder ${dataDir}`);
}
