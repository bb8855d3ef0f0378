export {
  type Database,
  isUniqueViolation,
  type PoolStats,
  type Queryable,
  type QueryResult,
  type Transaction,
} from './database.js';
export { DataFolderInUse, lockDataFolder } from './lock.js';
export { migrate, pendingMigrations, READY_BODY, readinessProblem } from './migrate.js';
export { type DatabaseOptions, openDatabase } from './open.js';
export { openPglite, pgliteDatabase } from './pglite.js';
export { postgresDatabase } from './postgres.js';
