import type { Sql } from './sql.js';

/** Contract §7: a single-use set-password link, by the keyed hash of its token. */
export interface PasswordResetLink {
  userId: number;
  expiresAt: Date;
}

export interface PasswordResetStore {
  /**
   * Inside `Stores.transaction`: holds the user's row until the transaction ends, so concurrent link requests
   * for one user run one after the other and the per-user limit holds across instances.
   */
  lockUser(userId: number): Promise<void>;
  create(link: { tokenHash: string; userId: number; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** How many links the user was sent since `since` (the per-user rate limit). */
  countSince(userId: number, since: Date): Promise<number>;
  /** A live, unused link, without using it (the page that shows the form). */
  findLive(tokenHash: string, now: Date): Promise<PasswordResetLink | null>;
  /** Uses a live link up, in one statement: returned once; null when unknown, expired or used. */
  consume(tokenHash: string, now: Date): Promise<PasswordResetLink | null>;
  /**
   * Sets the password; an account a partner created is reclaimed by it (contract §7), and every platform
   * session of the user ends (whoever knew the old way in is signed out). Both in one transaction (joined
   * when the caller already has one).
   */
  setPasswordAndReclaim(userId: number, passwordHash: string, now: Date): Promise<void>;
}

interface Row {
  user_id: number;
  expires_at: Date;
}

const toLink = (r: Row | undefined) => (r ? { userId: r.user_id, expiresAt: r.expires_at } : null);

export function sqlPasswordResetStore(db: Sql): PasswordResetStore {
  return {
    async lockUser(userId) {
      await db.query('select id from users where id = $1 for update', [userId]);
    },
    async create(l) {
      await db.query(
        `insert into password_reset_links (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)`,
        [l.tokenHash, l.userId, l.createdAt, l.expiresAt],
      );
    },
    async countSince(userId, since) {
      const { rows } = await db.query<{ n: number }>(
        'select count(*)::int as n from password_reset_links where user_id = $1 and created_at > $2',
        [userId, since],
      );
      return rows[0]?.n ?? 0;
    },
    async findLive(tokenHash, now) {
      const { rows } = await db.query<Row>(
        `select user_id, expires_at from password_reset_links
          where token_hash = $1 and consumed_at is null and expires_at > $2`,
        [tokenHash, now],
      );
      return toLink(rows[0]);
    },
    async consume(tokenHash, now) {
      const { rows } = await db.query<Row>(
        `update password_reset_links set consumed_at = $2
          where token_hash = $1 and consumed_at is null and expires_at > $2
          returning user_id, expires_at`,
        [tokenHash, now],
      );
      return toLink(rows[0]);
    },
    setPasswordAndReclaim: (userId, passwordHash, now) =>
      db.transaction(async (tx) => {
        await tx.query(
          `update users set password_hash = $2,
             reclaimed_at = case when created_by_client_id is not null then coalesce(reclaimed_at, $3) end
            where id = $1`,
          [userId, passwordHash, now],
        );
        await tx.query('delete from platform_sessions where user_id = $1', [userId]);
      }),
  };
}
