import type { Database, Queryable } from '@account-access/db';

/**
 * What a SQL store runs on: the whole database, or one transaction of it. `transaction` inside a transaction
 * joins it, so a store's own unit of work (a refresh, a revoke) becomes part of a caller's larger one
 * (`Stores.transaction`) instead of opening a second, independent transaction.
 */
export interface Sql extends Queryable {
  /** True on one transaction: a write here must not wait for other callers' (no group commit). */
  readonly inTransaction: boolean;
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

/** Statements on one transaction; a nested `transaction` runs on the same one. */
export function transactionSql(tx: Queryable): Sql {
  const sql: Sql = {
    inTransaction: true,
    query: (text, params) => tx.query(text, params),
    transaction: (fn) => fn(sql),
  };
  return sql;
}

/** Statements on the database, each on its own; `transaction` opens a real one. */
export function databaseSql(db: Database): Sql {
  return {
    inTransaction: false,
    query: (text, params) => db.query(text, params),
    transaction: (fn) => db.transaction((tx) => fn(transactionSql(tx))),
  };
}
