import type { Sql } from './sql.js';

/** The webhook signing key pair as stored: the public key in the clear, the private key sealed. */
export interface StoredSigningKey {
  publicKey: string;
  sealedPrivateKey: string;
}

export interface WebhookKeyStore {
  /**
   * Stores `candidate` unless a key is already stored, then returns the stored one: of several instances
   * starting at once on one database, one key wins and every instance signs with it.
   */
  keep(candidate: StoredSigningKey, now: Date): Promise<StoredSigningKey>;
  /** The stored key, or null before the first start. */
  find(): Promise<StoredSigningKey | null>;
}

const ID = 'webhook-signing';

export function sqlWebhookKeyStore(db: Sql): WebhookKeyStore {
  const find = async (): Promise<StoredSigningKey | null> => {
    const { rows } = await db.query<{ public_key: string; sealed_private_key: string }>(
      'select public_key, sealed_private_key from webhook_signing_keys where id = $1',
      [ID],
    );
    const r = rows[0];
    return r ? { publicKey: r.public_key, sealedPrivateKey: r.sealed_private_key } : null;
  };
  return {
    async keep(candidate, now) {
      await db.query(
        `insert into webhook_signing_keys (id, public_key, sealed_private_key, created_at)
         values ($1, $2, $3, $4) on conflict (id) do nothing`,
        [ID, candidate.publicKey, candidate.sealedPrivateKey, now],
      );
      return (await find())!;
    },
    find,
  };
}
