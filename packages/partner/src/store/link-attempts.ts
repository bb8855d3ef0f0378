import type { Queryable } from '@account-access/db';

/** One redirect to the authorize page (contract §10.3). The state itself is never stored, only its hash. */
export interface LinkAttempt {
  stateHash: string;
  customerId: string;
  sessionHash: string;
  redirectUri: string;
  /** PKCE verifier, a vault envelope (field `code_verifier`), when PKCE is on. */
  codeVerifier: string | null;
  expiresAt: Date;
}

/** Why a callback's state is refused (contract §10.3: missing, unknown, reused or expired). */
export type StateRefusal = 'missing' | 'unknown' | 'reused' | 'expired' | 'other_session';

export interface LinkAttemptStore {
  create(attempt: LinkAttempt): Promise<void>;
  /**
   * Consumes the attempt atomically: only one caller ever gets it, and only from the session it was made
   * for, before it expires. A state shown to another session is not consumed, so the rightful session can
   * still finish. A state already consumed by this very session is `replayed` (a reload of the callback, or
   * the same flow finished in a second tab, issue 13 item 2): never handed out again for an exchange, only
   * named, so the caller can show where that flow ended.
   */
  consume(
    stateHash: string,
    sessionHash: string,
    now: Date,
  ): Promise<{ attempt: LinkAttempt } | { replayed: { customerId: string } } | { refused: StateRefusal }>;
  /** Deletes attempts that expired before `before`. */
  purge(before: Date): Promise<number>;
}

interface Row {
  state_hash: string;
  customer_id: string;
  session_hash: string;
  redirect_uri: string;
  code_verifier: string | null;
  expires_at: Date;
  consumed_at: Date | null;
}

const toAttempt = (r: Row): LinkAttempt => ({
  stateHash: r.state_hash,
  customerId: r.customer_id,
  sessionHash: r.session_hash,
  redirectUri: r.redirect_uri,
  codeVerifier: r.code_verifier,
  expiresAt: r.expires_at,
});

export function sqlLinkAttemptStore(db: Queryable): LinkAttemptStore {
  return {
    async create(a) {
      await db.query(
        `insert into link_attempts (state_hash, customer_id, session_hash, redirect_uri, code_verifier, expires_at)
         values ($1, $2, $3, $4, $5, $6)`,
        [a.stateHash, a.customerId, a.sessionHash, a.redirectUri, a.codeVerifier, a.expiresAt],
      );
    },
    async consume(stateHash, sessionHash, now) {
      const { rows } = await db.query<Row>(
        `update link_attempts set consumed_at = $3
          where state_hash = $1 and session_hash = $2 and consumed_at is null and expires_at > $3
          returning *`,
        [stateHash, sessionHash, now],
      );
      if (rows[0]) return { attempt: toAttempt(rows[0]) };
      const seen = await db.query<Row>('select * from link_attempts where state_hash = $1', [stateHash]);
      const row = seen.rows[0];
      if (!row) return { refused: 'unknown' };
      if (row.consumed_at)
        return row.session_hash === sessionHash
          ? { replayed: { customerId: row.customer_id } }
          : { refused: 'reused' };
      if (row.session_hash !== sessionHash) return { refused: 'other_session' };
      return { refused: 'expired' };
    },
    async purge(before) {
      const result = await db.query('delete from link_attempts where expires_at < $1', [before]);
      return result.rowCount;
    },
  };
}
