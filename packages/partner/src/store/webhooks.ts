import type { Queryable } from '@account-access/db';

/** One delivery as received (contract §11): its `X-Delivery-Id` and envelope fields, never its data. */
export interface DeliveryRecord {
  deliveryId: string;
  eventType: string;
  subscriptionId: string;
  sentAt: Date;
  test: boolean;
  receivedAt: Date;
}

/** A profile's verification state as the last `profiles#verification-state-change` reported it. */
export interface ProfileVerification {
  wiseProfileId: number;
  /** `verified` or `not_verified` (Wise may add states: kept as sent). */
  state: string;
  occurredAt: Date;
}

/** The narrow store of webhook deliveries, verification states and the subscription lease. */
export interface WebhookStore {
  /**
   * Records a delivery id once: true the first time, false when any instance has recorded it before (the
   * primary key decides, so two instances racing on one replay cannot both win).
   */
  recordDelivery(delivery: DeliveryRecord): Promise<boolean>;
  /** Deletes deliveries sent before `before` (older than the accepted window). */
  purgeDeliveries(before: Date): Promise<number>;
  /** Keeps the state with the latest `occurredAt` (Wise does not promise the order of events). */
  saveVerification(verification: ProfileVerification, now: Date): Promise<void>;
  verification(wiseProfileId: number): Promise<ProfileVerification | null>;
  /** Every known verification state, by Wise profile id (for `/admin`). */
  verifications(): Promise<Map<number, ProfileVerification>>;
  /**
   * Takes the named lease until `until` when no live lease is held; false otherwise (another instance is
   * creating the subscriptions right now).
   */
  claimLease(name: string, now: Date, until: Date): Promise<boolean>;
  releaseLease(name: string): Promise<void>;
}

interface VerificationRow {
  wise_profile_id: number | string;
  state: string;
  occurred_at: Date;
}

const toVerification = (r: VerificationRow): ProfileVerification => ({
  wiseProfileId: Number(r.wise_profile_id),
  state: r.state,
  occurredAt: r.occurred_at,
});

export function sqlWebhookStore(db: Queryable): WebhookStore {
  return {
    async recordDelivery(d) {
      const { rows } = await db.query(
        `insert into webhook_deliveries (delivery_id, event_type, subscription_id, sent_at, test, received_at)
         values ($1, $2, $3, $4, $5, $6) on conflict (delivery_id) do nothing returning delivery_id`,
        [d.deliveryId, d.eventType, d.subscriptionId, d.sentAt, d.test, d.receivedAt],
      );
      return rows.length === 1;
    },
    async purgeDeliveries(before) {
      const result = await db.query('delete from webhook_deliveries where sent_at < $1', [before]);
      return result.rowCount ?? 0;
    },
    async saveVerification(v, now) {
      await db.query(
        `insert into wise_profile_verifications (wise_profile_id, state, occurred_at, updated_at)
         values ($1, $2, $3, $4)
         on conflict (wise_profile_id) do update set state = excluded.state,
           occurred_at = excluded.occurred_at, updated_at = excluded.updated_at
         where wise_profile_verifications.occurred_at <= excluded.occurred_at`,
        [v.wiseProfileId, v.state, v.occurredAt, now],
      );
    },
    async verification(wiseProfileId) {
      const { rows } = await db.query<VerificationRow>(
        'select * from wise_profile_verifications where wise_profile_id = $1',
        [wiseProfileId],
      );
      return rows[0] ? toVerification(rows[0]) : null;
    },
    async verifications() {
      const { rows } = await db.query<VerificationRow>('select * from wise_profile_verifications');
      return new Map(rows.map((r) => [Number(r.wise_profile_id), toVerification(r)]));
    },
    async claimLease(name, now, until) {
      const { rows } = await db.query(
        `insert into webhook_subscription_leases (name, lease_until) values ($1, $2)
         on conflict (name) do update set lease_until = excluded.lease_until
         where webhook_subscription_leases.lease_until <= $3 returning name`,
        [name, until, now],
      );
      return rows.length === 1;
    },
    async releaseLease(name) {
      await db.query('delete from webhook_subscription_leases where name = $1', [name]);
    },
  };
}
