import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataFolderInUse extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no cross-process lock, and two processes on one data folder corrupt it. We take our own:
 * a lock file created exclusively, holding our pid; a lock left by a dead process is taken over.
 * Returns the release function.
 */
export function lockDataFolder(dataDir: string): () => void {
  const file = join(dataDir, 'data.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new DataFolderInUse(
          `The data folder ${dataDir} is in use by process ${pid}. Stop that process first, ` +
            'or run every process against a PostgreSQL server with DATABASE_URL.',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataFolderInUse(`Could not lock the data folder ${dataDir}`);
}
