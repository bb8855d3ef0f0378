import type { Queryable } from '@account-access/db';

/** Contract §6: an emailed link, bound to the partner that asked and the person it was sent to. */
export interface EmailAuthorization {
  id: string;
  clientId: string;
  userId: number;
  createdAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
  /** The interaction the link started when it was used (issue 13, item 3); null before, or once purged. */
  interactionUid: string | null;
}

export interface EmailAuthorizationStore {
  /**
   * Takes the user's send slot for this partner: true, and the slot moves to `now`, when nothing was sent in
   * the last `windowSeconds`; false otherwise. One conditional upsert, so of two concurrent requests at most
   * one gets the slot.
   */
  takeSendSlot(userId: number, clientId: string, now: Date, windowSeconds: number): Promise<boolean>;
  create(link: {
    tokenHash: string;
    clientId: string;
    userId: number;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<EmailAuthorization>;
  /** Uses a live link up, in one statement: it is returned once; null when unknown, expired or used. */
  consume(tokenHash: string, now: Date): Promise<EmailAuthorization | null>;
  /** Records the interaction a used link started (in the transaction that consumed it). */
  attachInteraction(id: string, interactionUid: string): Promise<void>;
  /** The link whatever its state (used, expired): what opening it again answers. Null when unknown. */
  find(tokenHash: string): Promise<EmailAuthorization | null>;
}

interface Row {
  id: string;
  client_id: string;
  user_id: number;
  created_at: Date;
  expires_at: Date;
  consumed_at: Date | null;
  interaction_uid: string | null;
}

const toRecord = (r: Row): EmailAuthorization => ({
  id: r.id,
  clientId: r.client_id,
  userId: r.user_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  consumedAt: r.consumed_at,
  interactionUid: r.interaction_uid,
});

const COLUMNS = 'id, client_id, user_id, created_at, expires_at, consumed_at, interaction_uid';

export function sqlEmailAuthorizationStore(db: Queryable): EmailAuthorizationStore {
  return {
    async takeSendSlot(userId, clientId, now, windowSeconds) {
      const { rows } = await db.query(
        `insert into email_authorization_sends (user_id, client_id, last_sent_at) values ($1, $2, $3)
         on conflict (user_id, client_id) do update set last_sent_at = excluded.last_sent_at
           where email_authorization_sends.last_sent_at <= excluded.last_sent_at - make_interval(secs => $4)
         returning 1`,
        [userId, clientId, now, windowSeconds],
      );
      return rows.length === 1;
    },
    async create(link) {
      const { rows } = await db.query<Row>(
        `insert into email_authorizations (token_hash, client_id, user_id, created_at, expires_at)
         values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
        [link.tokenHash, link.clientId, link.userId, link.createdAt, link.expiresAt],
      );
      return toRecord(rows[0]!);
    },
    async consume(tokenHash, now) {
      const { rows } = await db.query<Row>(
        `update email_authorizations set consumed_at = $2
          where token_hash = $1 and consumed_at is null and expires_at > $2
          returning ${COLUMNS}`,
        [tokenHash, now],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async attachInteraction(id, interactionUid) {
      await db.query('update email_authorizations set interaction_uid = $2 where id = $1', [
        id,
        interactionUid,
      ]);
    },
    async find(tokenHash) {
      const { rows } = await db.query<Row>(
        `select ${COLUMNS} from email_authorizations where token_hash = $1`,
        [tokenHash],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
  };
}
