import type { Queryable } from '@account-access/db';
import { ENVELOPE_COLUMNS, sqlEnvelopeStore } from '../store/envelopes.js';
import type { Vault } from '../vault/vault.js';

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
 * old key can then be removed from the ring. Each value is swapped with a guarded update, so a token
 * refreshed meanwhile is never overwritten with a stale one.
 */
export async function rotateVault(db: Queryable, vault: Vault): Promise<RotationReport> {
  const envelopes = sqlEnvelopeStore(db);
  const report: RotationReport = { rotated: 0, current: 0, skipped: 0 };
  for (const column of ENVELOPE_COLUMNS) {
    for (const envelope of await envelopes.list(column)) {
      if (!vault.isStale(envelope.value)) {
        report.current++;
        continue;
      }
      const plaintext = vault.decrypt(envelope.customer, column.field, envelope.value);
      const fresh = vault.encrypt(envelope.customer, column.field, plaintext);
      if (await envelopes.swap(column, envelope, fresh)) report.rotated++;
      else report.skipped++;
    }
  }
  return report;
}
