import type { Queryable } from '@account-access/db';

/** Contract §6 (ours): failed exchanges of short codes per client, in the database for every instance. */
export interface CodeExchangeFailureStore {
  record(clientId: string, now: Date): Promise<void>;
  /** How many failures since `since`, and the oldest of them (when the window starts to free up). */
  since(clientId: string, since: Date): Promise<{ count: number; oldest: Date | null }>;
}

export function sqlCodeExchangeFailureStore(db: Queryable): CodeExchangeFailureStore {
  return {
    async record(clientId, now) {
      await db.query('insert into code_exchange_failures (client_id, at) values ($1, $2)', [clientId, now]);
    },
    async since(clientId, since) {
      const { rows } = await db.query<{ n: number; oldest: Date | null }>(
        `select count(*)::int as n, min(at) as oldest from code_exchange_failures
          where client_id = $1 and at > $2`,
        [clientId, since],
      );
      return { count: rows[0]?.n ?? 0, oldest: rows[0]?.oldest ?? null };
    },
  };
}
