import { randomBytes } from 'node:crypto';
import { postgresDatabase } from '@account-access/db';
import { onCleanUp, removeFolder, type ServerProcess, startServer, tempFolder } from './child.js';

/** A server the benchmarks can run: a name for the report and a way to start it from nothing. */
export interface Target {
  name: string;
  start(): Promise<ServerProcess>;
}

const script = (name: string) => new URL(`./servers/${name}.js`, import.meta.url);

export const bare: Target = { name: 'bare node:http (floor)', start: () => startServer(script('bare')) };

export const oidcProvider: Target = { name: 'oidc-provider', start: () => startServer(script('oidc')) };

/** What some benchmarks ask of the platform child (servers/platform.ts). */
export interface PlatformOptions {
  /** People seeded with `password` (bench-<i>@bench.example). */
  users?: number;
  password?: string;
  countStatements?: boolean;
  /** The refresh duplicates window in seconds (0: every refresh is new). */
  refreshGrace?: number;
  name?: string;
}

function platformArgs(o: PlatformOptions): string[] {
  return [
    ...(o.users ? ['--users', String(o.users), '--password', o.password ?? ''] : []),
    ...(o.countStatements ? ['--count-statements'] : []),
    ...(o.refreshGrace !== undefined ? ['--refresh-grace', String(o.refreshGrace)] : []),
  ];
}

/** A server started in a fresh temp folder, which is removed when it stops or fails to start. */
async function inTempFolder(
  prefix: string,
  start: (dataDir: string) => Promise<ServerProcess>,
): Promise<ServerProcess> {
  const dataDir = tempFolder(prefix);
  try {
    const server = await start(dataDir);
    return {
      ...server,
      async stop() {
        await server.stop();
        removeFolder(dataDir);
      },
    };
  } catch (error) {
    removeFolder(dataDir);
    throw error;
  }
}

/** Our platform on embedded PGlite in `dataDir`, which outlives the server (a later start finds it). */
export function platformPgliteIn(dataDir: string, options: PlatformOptions = {}): Target {
  return {
    name: options.name ?? 'platform (PGlite)',
    start: () => startServer(script('platform'), ['--data-dir', dataDir, ...platformArgs(options)]),
  };
}

/** Our platform on embedded PGlite in a fresh temp data folder, removed when the server stops. */
export function platformPglite(options: PlatformOptions = {}): Target {
  return {
    name: options.name ?? 'platform (PGlite)',
    start: () => inTempFolder('pglite', (dataDir) => platformPgliteIn(dataDir, options).start()),
  };
}

const LOOPBACK = ['127.0.0.1', 'localhost', '::1', '[::1]'];

export function isLoopback(url: string): boolean {
  return LOOPBACK.includes(new URL(url).hostname);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const db = postgresDatabase(url, 1);
  try {
    await db.query(sql);
  } finally {
    await db.close();
  }
}

/** A database made for one benchmark on the PostgreSQL of `adminUrl` (loopback only), dropped by `drop`. */
export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function scratchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  if (!isLoopback(adminUrl)) {
    throw new Error(`DATABASE_URL must point at this machine (loopback), not ${new URL(adminUrl).hostname}`);
  }
  const name = `aa_bench_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, `create database ${name}`);
  const dropSql = `drop database if exists ${name} with (force)`;
  const forget = onCleanUp(() => admin(adminUrl, dropSql));
  return {
    url: withDatabase(adminUrl, name),
    name,
    async drop() {
      forget();
      await admin(adminUrl, dropSql);
    },
  };
}

/** Our platform on an existing database of a PostgreSQL server (another instance may share it). */
export function platformOn(databaseUrl: string, options: PlatformOptions = {}): Target {
  return {
    name: options.name ?? 'platform (PostgreSQL)',
    start: () =>
      inTempFolder('pg', (dataDir) =>
        startServer(script('platform'), [
          '--data-dir',
          dataDir,
          '--database-url',
          databaseUrl,
          ...platformArgs(options),
        ]),
      ),
  };
}

/** Our platform on a PostgreSQL server, in a fresh database created for the run and dropped after it. */
export function platformPostgres(adminUrl: string, options: PlatformOptions = {}): Target {
  return {
    name: options.name ?? 'platform (PostgreSQL)',
    async start() {
      const database = await scratchDatabase(adminUrl);
      try {
        const server = await platformOn(database.url, options).start();
        return {
          ...server,
          async stop() {
            await server.stop();
            await database.drop();
          },
        };
      } catch (error) {
        await database.drop();
        throw error;
      }
    },
  };
}
