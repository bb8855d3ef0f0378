import type { Queryable } from '@account-access/db';

/** A browser session: who is signed in. Only a hash of the cookie's session id is stored. */
export interface WebSession {
  idHash: string;
  customerId: string | null;
  expiresAt: Date;
}

export interface SessionStore {
  create(session: WebSession): Promise<void>;
  get(idHash: string, now: Date): Promise<WebSession | null>;
  setCustomer(idHash: string, customerId: string | null): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Deletes sessions that expired before `now`. */
  purge(now: Date): Promise<number>;
}

interface Row {
  id_hash: string;
  customer_id: string | null;
  expires_at: Date;
}

export function sqlSessionStore(db: Queryable): SessionStore {
  return {
    async create(s) {
      await db.query('insert into web_sessions (id_hash, customer_id, expires_at) values ($1, $2, $3)', [
        s.idHash,
        s.customerId,
        s.expiresAt,
      ]);
    },
    async get(idHash, now) {
      const { rows } = await db.query<Row>(
        'select * from web_sessions where id_hash = $1 and expires_at > $2',
        [idHash, now],
      );
      const r = rows[0];
      return r ? { idHash: r.id_hash, customerId: r.customer_id, expiresAt: r.expires_at } : null;
    },
    async setCustomer(idHash, customerId) {
      await db.query('update web_sessions set customer_id = $2 where id_hash = $1', [idHash, customerId]);
    },
    async delete(idHash) {
      await db.query('delete from web_sessions where id_hash = $1', [idHash]);
    },
    async purge(now) {
      return (await db.query('delete from web_sessions where expires_at < $1', [now])).rowCount;
    },
  };
}
