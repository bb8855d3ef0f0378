import { pendingMigrations } from '@account-access/db';
import type { Sql } from './sql.js';

/**
 * What `/ready` and the queue-depth gauges ask the database (issue 15): whether it answers with every
 * migration applied, and how much mail and how many webhooks wait. Every method throws when the database
 * does not answer; the caller turns that into a 503 or a missing sample, never a crash.
 */
export interface ReadinessStore {
  /** The migrations not applied yet (empty when current). */
  pendingMigrations(): Promise<string[]>;
  /** Mail and webhook deliveries neither delivered nor given up. */
  queueDepths(): Promise<{ mail: number; webhooks: number }>;
}

export function sqlReadinessStore(sql: Sql, migrations: URL): ReadinessStore {
  return {
    pendingMigrations: () => pendingMigrations(sql, migrations),
    async queueDepths() {
      const { rows } = await sql.query<{ mail: number; webhooks: number }>(
        `select
           (select count(*) from mail_outbox where delivered_at is null and failed_at is null)::int as mail,
           (select count(*) from webhook_deliveries where delivered_at is null and failed_at is null)::int as webhooks`,
      );
      return rows[0] ?? { mail: 0, webhooks: 0 };
    },
  };
}
