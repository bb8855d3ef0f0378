import type { Database } from '@account-access/db';
import type { SecretField, Vault } from './vault.js';

/** Every column holding a vault envelope, with the customer it is bound to and its field. */
const COLUMNS: readonly {
  table: string;
  key: string;
  customer: string;
  column: string;
  field: SecretField;
}[] = [
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

export interface RotationReport {
  /** Envelopes re-encrypted under the newest key. */
  rotated: number;
  /** Envelopes already under the newest key. */
  current: number;
  /** Envelopes that changed while being rotated (a refresh wrote a new token); they are already current. */
  skipped: number;
}

/**
 * Re-encrypts every secret under the newest key of the ring (`account-access partner keys rotate`), so an
 * old key can then be removed from the ring. Each value is swapped with a guarded update (`where column =
 * $old`), so a token refreshed meanwhile is never overwritten with a stale one.
 */
export async function rotateVault(db: Database, vault: Vault): Promise<RotationReport> {
  const report: RotationReport = { rotated: 0, current: 0, skipped: 0 };
  for (const c of COLUMNS) {
    const { rows } = await db.query<{ k: string; customer: string; value: string }>(
      `select ${c.key} as k, ${c.customer} as customer, ${c.column} as value from ${c.table}
        where ${c.column} is not null`,
    );
    for (const row of rows) {
      if (!vault.isStale(row.value)) {
        report.current++;
        continue;
      }
      const fresh = vault.encrypt(row.customer, c.field, vault.decrypt(row.customer, c.field, row.value));
      const updated = await db.query(
        `update ${c.table} set ${c.column} = $1 where ${c.key} = $2 and ${c.column} = $3`,
        [fresh, row.k, row.value],
      );
      if (updated.rowCount === 1) report.rotated++;
      else report.skipped++;
    }
  }
  return report;
}
