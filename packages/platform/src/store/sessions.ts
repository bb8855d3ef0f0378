import type { Queryable } from '@account-access/db';

/** Sign-ins on the platform's own pages, by the keyed hash of the cookie token. */
export interface SessionStore {
  create(tokenHash: string, userId: number, now: Date, expiresAt: Date): Promise<void>;
  /** The user of a live session, or null. */
  findUser(tokenHash: string, now: Date): Promise<number | null>;
  remove(tokenHash: string): Promise<void>;
}

export function sqlSessionStore(db: Queryable): SessionStore {
  return {
    async create(tokenHash, userId, now, expiresAt) {
      await db.query(
        'insert into platform_sessions (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)',
        [tokenHash, userId, now, expiresAt],
      );
    },
    async findUser(tokenHash, now) {
      const { rows } = await db.query<{ user_id: number }>(
        `select s.user_id from platform_sessions s join users u on u.id = s.user_id
          where s.token_hash = $1 and s.expires_at > $2 and u.active`,
        [tokenHash, now],
      );
      return rows[0]?.user_id ?? null;
    },
    async remove(tokenHash) {
      await db.query('delete from platform_sessions where token_hash = $1', [tokenHash]);
    },
  };
}
