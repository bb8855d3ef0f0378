import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult, Transaction } from './database.js';

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

/** Opens (creating on first use) a PGlite data folder, or an in-memory database when `dataDir` is null. */
export async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<PGlite> {
  return PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}) });
}
