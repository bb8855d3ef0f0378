import type { Queryable } from '@account-access/db';
import type { SecretField } from '../vault/vault.js';

/** A column holding vault envelopes, with the row key, the customer the envelope is bound to, and its field. */
export interface EnvelopeColumn {
  table: string;
  key: string;
  customer: string;
  column: string;
  field: SecretField;
}

/** Every column holding a vault envelope (docs/architecture.md "Storage": secrets at rest, partner side). */
export const ENVELOPE_COLUMNS: readonly EnvelopeColumn[] = [
  {
    table: 'wise_links',
    key: 'customer_id',
    customer: 'customer_id',
    column: 'registration_code',
    field: 'registration_code',
  },
  {
    table: 'wise_tokens',
    key: 'customer_id',
    customer: 'customer_id',
    column: 'access_token',
    field: 'access_token',
  },
  {
    table: 'wise_tokens',
    key: 'customer_id',
    customer: 'customer_id',
    column: 'refresh_token',
    field: 'refresh_token',
  },
  {
    table: 'link_attempts',
    key: 'state_hash',
    customer: 'customer_id',
    column: 'code_verifier',
    field: 'code_verifier',
  },
];

export interface StoredEnvelope {
  key: string;
  customer: string;
  value: string;
}

/** The vault envelopes at rest, for re-encrypting them under a new key. */
export interface EnvelopeStore {
  list(column: EnvelopeColumn): Promise<StoredEnvelope[]>;
  /**
   * Replaces one envelope with a guarded update (`where column = $old`), so a value rewritten meanwhile
   * (a refreshed token) is never overwritten with a stale one; false when it had changed.
   */
  swap(column: EnvelopeColumn, envelope: StoredEnvelope, fresh: string): Promise<boolean>;
}

// Table and column names come from ENVELOPE_COLUMNS above, never from input.
export function sqlEnvelopeStore(db: Queryable): EnvelopeStore {
  return {
    async list(c) {
      const { rows } = await db.query<{ k: string; customer: string; value: string }>(
        `select ${c.key} as k, ${c.customer} as customer, ${c.column} as value from ${c.table}
          where ${c.column} is not null`,
      );
      return rows.map(({ k, customer, value }) => ({ key: k, customer, value }));
    },
    async swap(c, envelope, fresh) {
      const updated = await db.query(
        `update ${c.table} set ${c.column} = $1 where ${c.key} = $2 and ${c.column} = $3`,
        [fresh, envelope.key, envelope.value],
      );
      return updated.rowCount === 1;
    },
  };
}
