import type { Database } from '@account-access/db';
import type { RunningPlatform } from '@account-access/platform';
// The configuration alone (issue 14): usage and config errors of `serve`/`dev` never load the server's modules.
import {
  loadPlatformConfig,
  type PlatformConfig,
  type PlatformSettings,
} from '@account-access/platform/config';
import { CommandError } from './usage.js';

/** Where the platform keeps its data, from `--database-url` / `--data-dir` (exclusive). */
export interface StorageFlags {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}

export function storageSettings(flags: StorageFlags): PlatformSettings {
  return {
    ...(flags.databaseUrl !== undefined ? { databaseUrl: flags.databaseUrl } : {}),
    ...(flags.dataDir !== undefined ? { dataDir: flags.dataDir, databaseUrl: null } : {}),
  };
}

export function platformConfig(
  settings: PlatformSettings,
  file?: string,
  env?: NodeJS.ProcessEnv,
): PlatformConfig {
  return loadPlatformConfig({
    ...(file !== undefined ? { file } : {}),
    ...(env !== undefined ? { env } : {}),
    overrides: settings,
  });
}

/** Opens the platform's database (taking the data-folder lock), runs `fn`, and always closes it again. */
export async function withPlatformDatabase<T>(
  config: PlatformConfig,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const { openPlatformDatabase } = await import('@account-access/platform');
  const db = await openPlatformDatabase(config);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** A started server of `dev` or `serve`: what to print and how to stop it. */
export interface Service {
  name: string;
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the database, applies the seed file (when given) before the first request can arrive, and listens.
 * Closing stops the server, then closes the database, which releases the data-folder lock.
 */
export async function servePlatform(config: PlatformConfig, seedFile?: string): Promise<Service> {
  const {
    applySeed,
    createPlatform,
    openPlatformDatabase,
    readSeedFile,
    seedCredentials,
    seedProfiles,
    startPlatform,
  } = await import('@account-access/platform');
  const seed = seedFile !== undefined ? await readSeedFile(seedFile) : null;
  const db = await openPlatformDatabase(config);
  let running: RunningPlatform;
  try {
    if (seed) {
      try {
        // Passwords and TOTP first, then profiles: the steps the seed file's fields belong to.
        await applySeed(createPlatform(config, db), seed, [seedCredentials, seedProfiles]);
      } catch (error) {
        throw new CommandError(`The seed file ${seedFile} could not be applied: ${(error as Error).message}`);
      }
    }
    running = await startPlatform(config, { db, seed });
  } catch (error) {
    await db.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CommandError(
        `Port ${config.port} is already in use: stop what listens there (another account-access?) or choose another port.`,
      );
    }
    throw error;
  }
  return {
    name: 'platform',
    // The issuer of the bound server: with --port 0 and no PLATFORM_PUBLIC_URL it names the port chosen.
    url: running.platform.config.issuer,
    async close() {
      await running.close();
      await db.close();
    },
  };
}
