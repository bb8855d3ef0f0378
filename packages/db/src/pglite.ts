import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult, Transaction } from './database.js';
import { createDataFolder, type FolderSchema } from './pglite-template.js';

function wrap(db: Pick<PGlite, 'query'>): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await db.query<R>(sql, params as unknown[]);
      // PGlite reports affectedRows 0 for a SELECT: a statement that returns rows counts its rows.
      const rowCount = result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0);
      return { rows: result.rows, rowCount };
    },
  };
}

/** A Database over an open PGlite instance. PGlite runs one transaction at a time, which it serializes. */
export function pgliteDatabase(db: PGlite, onClose?: () => void): Database {
  const queryable = wrap(db);
  // One connection, in use while a statement runs; what waits behind it is PGlite's own queue, unseen here.
  let running = 0;
  const query: Queryable['query'] = async (sql, params) => {
    running++;
    try {
      return await queryable.query(sql, params);
    } finally {
      running--;
    }
  };
  return {
    dialect: 'pglite',
    query,
    transaction: (fn) =>
      db.transaction((tx) => {
        const t: Transaction = {
          ...wrap(tx),
          exec: async (sql) => {
            await tx.exec(sql);
          },
        };
        return fn(t);
      }),
    close: async () => {
      await db.close();
      onClose?.();
    },
    poolStats: () => ({
      total: db.closed ? 0 : 1,
      idle: running > 0 || db.closed ? 0 : 1,
      waiting: 0,
      max: 1,
    }),
  };
}

/**
 * PostgreSQL's memory settings inside PGlite (issue 14). Everything PostgreSQL allocates lives in PGlite's
 * WebAssembly heap, which grows and never shrinks, and its shared memory is touched whole at start: the
 * stock 128 MB of shared buffers alone were most of an idle server's RSS. One backend, one connection:
 * a small buffer pool (the operating system's page cache holds the data folder's files behind it), the
 * per-connection tables sized for one session, and a bounded memory for index builds in migrations.
 * Durability is untouched: no setting here changes when a commit reaches the data folder.
 */
export const PGLITE_MEMORY_SETTINGS: Readonly<Record<string, string>> = Object.freeze({
  shared_buffers: '16MB',
  max_connections: '10',
  autovacuum_worker_slots: '1',
  maintenance_work_mem: '16MB',
  temp_buffers: '2MB',
});

/** PGlite's own start parameters, then the memory settings above. */
export function pgliteStartParams(): string[] {
  return [
    ...PGlite.defaultStartParams,
    ...Object.entries(PGLITE_MEMORY_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ];
}

/**
 * PGlite's PostgreSQL is 9 MB of WebAssembly. V8 compiles it with its baseline compiler (Liftoff) and then
 * recompiles what runs often with its optimizing one: that second pass cost about 45 MB of RSS and more CPU
 * than it saved on this workload (measured in issue 14: 30,000 short statements took less CPU with the
 * baseline code alone, since each statement's time is mostly outside the engine's hot loops). So the
 * baseline code is kept. This is V8's process-wide WebAssembly setting, read when a module is compiled;
 * nothing else in these processes is WebAssembly.
 */
function baselineWasmOnly(): void {
  setFlagsFromString('--liftoff-only');
}

/**
 * Opens a PGlite data folder, or an in-memory database when `dataDir` is null. A new data folder is
 * copied from an initialized cluster, migrated with `schema` when given (`createDataFolder`), instead of
 * running initdb and the migrations in this process.
 */
export async function openPglite(
  dataDir: string | null,
  loadDataDir?: Blob,
  schema?: FolderSchema,
): Promise<PGlite> {
  baselineWasmOnly();
  if (dataDir && !loadDataDir) await createDataFolder(dataDir, pgliteStartParams(), schema);
  return PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    startParams: pgliteStartParams(),
  });
}
