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

/** Our platform on embedded PGlite in a fresh temp data folder, removed when the server stops. */
export const platformPglite: Target = {
  name: 'platform (PGlite)',
  async start() {
    const dataDir = tempFolder('pglite');
    try {
      const server = await startServer(script('platform'), ['--data-dir', dataDir]);
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
  },
};

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

/** Our platform on a PostgreSQL server, in a fresh database created for the run and dropped after it. */
export function platformPostgres(adminUrl: string): Target {
  return {
    name: 'platform (PostgreSQL)',
    async start() {
      const host = new URL(adminUrl).hostname;
      if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
        throw new Error(`DATABASE_URL must point at this machine (loopback), not ${host}`);
      }
      const name = `aa_bench_${randomBytes(6).toString('hex')}`;
      const dataDir = tempFolder('pg');
      await admin(adminUrl, `create database ${name}`);
      const dropSql = `drop database if exists ${name} with (force)`;
      const forget = onCleanUp(() => admin(adminUrl, dropSql));
      const drop = async () => {
        forget();
        await admin(adminUrl, dropSql);
        removeFolder(dataDir);
      };
      try {
        const server = await startServer(script('platform'), [
          '--data-dir',
          dataDir,
          '--database-url',
          withDatabase(adminUrl, name),
        ]);
        return {
          ...server,
          async stop() {
            await server.stop();
            await drop();
          },
        };
      } catch (error) {
        await drop();
        throw error;
      }
    },
  };
}
