import type { Database, Transaction } from '@account-access/db';

/**
 * The database as the platform sees it, counting every statement sent to the server: each `query`, each
 * `exec` of a script, and a transaction's BEGIN and COMMIT (or ROLLBACK), which are round trips too
 * (packages/db/src/postgres.ts sends them). Only the benchmark's platform child wraps its database so; the
 * platform itself is unchanged and pays nothing for it.
 */
export function countingDatabase(db: Database): Database & { statements(): number } {
  let count = 0;
  const counted = (tx: Transaction): Transaction => ({
    query<R>(sql: string, params?: readonly unknown[]) {
      count += 1;
      return tx.query<R>(sql, params);
    },
    exec: (sql) => {
      count += 1;
      return tx.exec(sql);
    },
  });
  return {
    dialect: db.dialect,
    query<R>(sql: string, params?: readonly unknown[]) {
      count += 1;
      return db.query<R>(sql, params);
    },
    async transaction(fn) {
      count += 2;
      return db.transaction((tx) => fn(counted(tx)));
    },
    close: () => db.close(),
    poolStats: () => db.poolStats(),
    statements: () => count,
  };
}
