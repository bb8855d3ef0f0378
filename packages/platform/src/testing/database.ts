import type { Database } from '@account-access/db';
import { cloneTemplate } from '@account-access/db/testing';

/** A fresh, migrated platform database for one test: a clone of the run's template. */
export function testDatabase(): Promise<Database> {
  return cloneTemplate('PLATFORM');
}
