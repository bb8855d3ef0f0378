import pg from 'pg';
import type { Database, Queryable, QueryResult, Transaction } from './database.js';

// timestamptz, timestamp and date come back as JS values; int8 (counts) as numbers when they fit.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Statements with parameters are named, so each connection parses and plans one once and then only binds it
 * (issue 14, the token path). The texts are the stores' own, a bounded set; past `MAX_NAMED` distinct texts
 * the rest run unnamed, so a store that builds many texts cannot grow every connection's cache without end.
 * Needs a session per client connection (a pooler in transaction mode would need this turned off).
 */
const MAX_NAMED = 500;
const names = new Map<string, string>();

function statementName(sql: string): string | undefined {
  const known = names.get(sql);
  if (known !== undefined || names.size >= MAX_NAMED) return known;
  const name = `aa${names.size + 1}`;
  names.set(sql, name);
  return name;
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const values = params as unknown[];
      const name = values.length > 0 ? statementName(sql) : undefined;
      const result = await client.query(
        name === undefined ? { text: sql, values } : { name, text: sql, values },
      );
      return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
    },
  };
}

/** A Database over a PostgreSQL server; instances of the platform share it and hold no state of their own. */
export function postgresDatabase(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const queryable = wrap(pool);
  return {
    dialect: 'postgres',
    query: queryable.query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Transaction = {
          ...wrap(client),
          exec: async (sql) => {
            await client.query(sql);
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
  };
}
