import type { PartnerConfig } from '../config/config.js';
import { openPartnerDatabase } from '../store/open.js';
import { Vault } from '../vault/vault.js';
import { type RotationReport, rotateVault } from './rotate.js';

/**
 * `account-access partner keys rotate`: opens the configured database and re-encrypts every secret under
 * the newest key of PARTNER_VAULT_KEYS. Run it after putting a new key first in the ring; once it reports
 * nothing stale, the old key may be removed.
 */
export async function rotatePartnerKeys(config: PartnerConfig): Promise<RotationReport> {
  const db = await openPartnerDatabase(config);
  try {
    return await rotateVault(db, new Vault(config.vaultKeys));
  } finally {
    await db.close();
  }
}
