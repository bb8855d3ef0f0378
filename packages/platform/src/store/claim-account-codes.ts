import type { Queryable } from '@account-access/db';

/** Contract §7: a code that lets the person behind an API-created account claim it on the platform. */
export interface ClaimAccountCode {
  clientId: string;
  userId: number;
  createdAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
}

export interface ClaimAccountCodeStore {
  create(code: {
    codeHash: string;
    clientId: string;
    userId: number;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<void>;
  /** Uses a live code of `clientId` up, in one statement: returned once; null when unknown, expired or used. */
  consume(codeHash: string, clientId: string, now: Date): Promise<ClaimAccountCode | null>;
}

interface Row {
  client_id: string;
  user_id: number;
  created_at: Date;
  expires_at: Date;
  consumed_at: Date | null;
}

export function sqlClaimAccountCodeStore(db: Queryable): ClaimAccountCodeStore {
  return {
    async create(c) {
      await db.query(
        `insert into claim_account_codes (code_hash, client_id, user_id, created_at, expires_at)
         values ($1, $2, $3, $4, $5)`,
        [c.codeHash, c.clientId, c.userId, c.createdAt, c.expiresAt],
      );
    },
    async consume(codeHash, clientId, now) {
      const { rows } = await db.query<Row>(
        `update claim_account_codes set consumed_at = $3
          where code_hash = $1 and client_id = $2 and consumed_at is null and expires_at > $3
          returning client_id, user_id, created_at, expires_at, consumed_at`,
        [codeHash, clientId, now],
      );
      const r = rows[0];
      return r
        ? {
            clientId: r.client_id,
            userId: r.user_id,
            createdAt: r.created_at,
            expiresAt: r.expires_at,
            consumedAt: r.consumed_at,
          }
        : null;
    },
  };
}
