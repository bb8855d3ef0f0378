import type { Sql } from './sql.js';
import type { Stores } from './stores.js';

/** A response as first sent: replayed as is for a repeated `X-idempotence-uuid` (contract §8). */
export interface StoredResponse {
  status: number;
  /** The JSON text of the body, so a replay is byte for byte the first one. */
  body: string;
}

export interface IdempotencyScope {
  userId: number;
  key: string;
  requestHash: string;
}

export type IdempotentOutcome =
  | { kind: 'fresh'; response: StoredResponse }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' };

export interface IdempotencyStore {
  /**
   * Runs `work` once per (user, key), in one transaction with the key's row: the row is inserted first, so
   * a concurrent request with the same key waits on it and then replays what this one stored. When `work`
   * throws, nothing is kept (errors are not replayed: the same request fails the same way again). `work` is
   * handed stores bound to that transaction, so what it writes commits exactly when the stored response does.
   */
  once(
    scope: IdempotencyScope,
    now: Date,
    work: (stores: Stores) => Promise<StoredResponse>,
  ): Promise<IdempotentOutcome>;
}

/** `bind` makes the stores `work` runs with, on the key's transaction (`sqlStores` passes itself). */
export function sqlIdempotencyStore(db: Sql, bind: (tx: Sql) => Stores): IdempotencyStore {
  return {
    once: (scope, now, work) =>
      db.transaction(async (tx): Promise<IdempotentOutcome> => {
        const inserted = await tx.query(
          `insert into idempotency_keys (user_id, key, request_hash, status, body, created_at)
           values ($1, $2, $3, 0, '', $4) on conflict do nothing returning user_id`,
          [scope.userId, scope.key, scope.requestHash, now],
        );
        if (inserted.rows.length === 0) {
          const { rows } = await tx.query<{ request_hash: string; status: number; body: string }>(
            'select request_hash, status, body from idempotency_keys where user_id = $1 and key = $2',
            [scope.userId, scope.key],
          );
          const row = rows[0]!;
          if (row.request_hash !== scope.requestHash) return { kind: 'mismatch' };
          return { kind: 'replay', response: { status: row.status, body: row.body } };
        }
        const response = await work(bind(tx));
        await tx.query('update idempotency_keys set status = $3, body = $4 where user_id = $1 and key = $2', [
          scope.userId,
          scope.key,
          response.status,
          response.body,
        ]);
        return { kind: 'fresh', response };
      }),
  };
}
