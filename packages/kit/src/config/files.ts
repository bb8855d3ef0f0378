import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A secret made once and kept in the data folder (owner-only, never overwritten), so a development restart
 * still verifies its tokens and decrypts its data. Production takes its secrets from the settings instead.
 */
export function developmentFile(dataDir: string, name: string, make: () => string): string {
  const file = join(dataDir, name);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return value;
}

/** Returns what is wrong with a URL setting (null is "not set", checked elsewhere). */
export function absoluteUrl(value: string | null): string | undefined {
  if (value === null) return undefined;
  try {
    new URL(value);
    return undefined;
  } catch {
    return `is not an absolute URL: "${value}"`;
  }
}
