/**
 * The one database seam: PostgreSQL as the only dialect, reached either through embedded PGlite (a data
 * folder, the default) or a PostgreSQL server (`DATABASE_URL`). Stores see only `Queryable`.
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

export interface Transaction extends Queryable {
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly dialect: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * The connections in use (issue 15, the database pool metric): a PostgreSQL pool's total, idle and waiting
   * clients; PGlite is one connection, never waiting.
   */
  poolStats(): PoolStats;
}

export interface PoolStats {
  /** Connections open. */
  total: number;
  /** Open connections not running a query. */
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
  /** The most connections it opens. */
  max: number;
}

/** SQLSTATE 23505: a unique constraint turned a race into a clean conflict. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
