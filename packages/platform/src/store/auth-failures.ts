import type { Queryable } from '@account-access/db';

export type FailureScope = 'account' | 'ip';

/** Failed logins and one-time codes, counted in the database so every instance sees the same numbers. */
export interface AuthFailureStore {
  record(scope: FailureScope, key: string, now: Date): Promise<void>;
  countSince(scope: FailureScope, key: string, since: Date): Promise<number>;
  /** Forgets every failure counted under `key` (the sandbox's unlock). */
  clear(scope: FailureScope, key: string): Promise<void>;
}

export function sqlAuthFailureStore(db: Queryable): AuthFailureStore {
  return {
    async record(scope, key, now) {
      await db.query('insert into auth_failures (scope, key, at) values ($1, $2, $3)', [scope, key, now]);
    },
    async countSince(scope, key, since) {
      const { rows } = await db.query<{ n: number }>(
        'select count(*)::int as n from auth_failures where scope = $1 and key = $2 and at > $3',
        [scope, key, since],
      );
      return rows[0]?.n ?? 0;
    },
    async clear(scope, key) {
      await db.query('delete from auth_failures where scope = $1 and key = $2', [scope, key]);
    },
  };
}
