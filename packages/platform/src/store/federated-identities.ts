import type { Sql } from './sql.js';

/** A provider identity linked to an account (issue 16): one per (provider, subject). */
export interface FederatedIdentity {
  provider: string;
  subject: string;
  userId: number;
  /** The verified email the provider gave when the identity was linked. */
  email: string;
  linkedAt: Date;
}

/** The relying party's transient values of one trip to a provider, held while the person is there. */
export interface FederatedLogin {
  interactionUid: string;
  provider: string;
  /** The nonce and PKCE code_verifier, sealed to the interaction (federated/login-state.ts). */
  sealed: string;
}

export interface FederatedIdentityStore {
  find(provider: string, subject: string): Promise<FederatedIdentity | null>;
  /**
   * Links the identity, in one statement: true when this call made the link; false when the identity was
   * already linked (to this account or another), which is left as it was. Parallel first logins: one link.
   */
  link(identity: FederatedIdentity): Promise<boolean>;
  /**
   * Contract §7 "Reclaim", by a provider's verified email: links the identity to the account a partner
   * created and marks the account reclaimed, ending its platform sessions, in one transaction (joined when
   * the caller has one). False, nothing changed, when the identity was already linked.
   */
  linkAndReclaim(identity: FederatedIdentity): Promise<boolean>;
  listForUser(userId: number): Promise<FederatedIdentity[]>;
  /** Keeps one trip's values under the keyed hash of its `state`. */
  startLogin(stateHash: string, login: FederatedLogin, now: Date, expiresAt: Date): Promise<void>;
  /** Uses a trip up, in one statement: returned once; null when unknown, expired or already used. */
  consumeLogin(stateHash: string, now: Date): Promise<FederatedLogin | null>;
}

interface IdentityRow {
  provider: string;
  subject: string;
  user_id: number;
  email: string;
  linked_at: Date;
}

const toIdentity = (r: IdentityRow): FederatedIdentity => ({
  provider: r.provider,
  subject: r.subject,
  userId: r.user_id,
  email: r.email,
  linkedAt: r.linked_at,
});

const INSERT = `insert into federated_identities (provider, subject, user_id, email, linked_at)
  values ($1, $2, $3, $4, $5) on conflict (provider, subject) do nothing`;

const values = (i: FederatedIdentity) => [i.provider, i.subject, i.userId, i.email, i.linkedAt];

export function sqlFederatedIdentityStore(db: Sql): FederatedIdentityStore {
  return {
    async find(provider, subject) {
      const { rows } = await db.query<IdentityRow>(
        'select * from federated_identities where provider = $1 and subject = $2',
        [provider, subject],
      );
      return rows[0] ? toIdentity(rows[0]) : null;
    },
    async link(i) {
      const { rowCount } = await db.query(INSERT, values(i));
      return rowCount === 1;
    },
    linkAndReclaim: (i) =>
      db.transaction(async (tx) => {
        const { rowCount } = await tx.query(INSERT, values(i));
        if (rowCount !== 1) return false;
        await tx.query(
          `update users set reclaimed_at = coalesce(reclaimed_at, $2)
            where id = $1 and created_by_client_id is not null`,
          [i.userId, i.linkedAt],
        );
        await tx.query('delete from platform_sessions where user_id = $1', [i.userId]);
        return true;
      }),
    async listForUser(userId) {
      const { rows } = await db.query<IdentityRow>(
        'select * from federated_identities where user_id = $1 order by linked_at, provider, subject',
        [userId],
      );
      return rows.map(toIdentity);
    },
    async startLogin(stateHash, l, now, expiresAt) {
      await db.query(
        `insert into federated_logins (state_hash, interaction_uid, provider, sealed, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6)`,
        [stateHash, l.interactionUid, l.provider, l.sealed, now, expiresAt],
      );
    },
    async consumeLogin(stateHash, now) {
      const { rows } = await db.query<{ interaction_uid: string; provider: string; sealed: string }>(
        `update federated_logins set consumed_at = $2
          where state_hash = $1 and consumed_at is null and expires_at > $2
          returning interaction_uid, provider, sealed`,
        [stateHash, now],
      );
      const r = rows[0];
      return r ? { interactionUid: r.interaction_uid, provider: r.provider, sealed: r.sealed } : null;
    },
  };
}
