import type { Sql } from './sql.js';

/** https://docs.wise.com/api-reference/webhook: an application's subscription, or a profile's. */
export type SubscriptionScope =
  | { domain: 'application'; clientId: string }
  | { domain: 'profile'; profileId: number; clientId: string };

export interface SubscriptionRecord {
  id: string;
  scope: SubscriptionScope;
  createdBy: { type: 'application' | 'user'; id: string };
  name: string;
  triggerOn: string;
  delivery: { version: string; url: string };
  createdAt: Date;
}

export type NewSubscription = Omit<SubscriptionRecord, 'createdAt'>;

/** The subscriptions of the webhook API; `clientId` always bounds what a caller can see. */
export interface WebhookSubscriptionStore {
  create(subscription: NewSubscription, now: Date): Promise<SubscriptionRecord>;
  /** Oldest first. */
  list(scope: SubscriptionScope): Promise<SubscriptionRecord[]>;
  /** Null when the id is unknown or belongs to another scope. */
  find(scope: SubscriptionScope, id: string): Promise<SubscriptionRecord | null>;
  /**
   * Deletes the subscription and, in the same transaction, marks its pending deliveries failed: nothing is
   * sent for a subscription that no longer exists. False when there was none.
   */
  delete(scope: SubscriptionScope, id: string, now: Date): Promise<boolean>;
}

interface Row {
  id: string;
  scope_domain: 'application' | 'profile';
  client_id: string;
  profile_id: number | null;
  created_by_type: 'application' | 'user';
  created_by_id: string;
  name: string;
  trigger_on: string;
  delivery_version: string;
  delivery_url: string;
  created_at: Date;
}

const toRecord = (r: Row): SubscriptionRecord => ({
  id: r.id,
  scope:
    r.scope_domain === 'profile'
      ? { domain: 'profile', profileId: Number(r.profile_id), clientId: r.client_id }
      : { domain: 'application', clientId: r.client_id },
  createdBy: { type: r.created_by_type, id: r.created_by_id },
  name: r.name,
  triggerOn: r.trigger_on,
  delivery: { version: r.delivery_version, url: r.delivery_url },
  createdAt: r.created_at,
});

/** The where clause of a scope, its parameters starting at `$first`. */
function scopeWhere(scope: SubscriptionScope, first: number): [string, unknown[]] {
  return scope.domain === 'application'
    ? [`scope_domain = 'application' and client_id = $${first}`, [scope.clientId]]
    : [
        `scope_domain = 'profile' and client_id = $${first} and profile_id = $${first + 1}`,
        [scope.clientId, scope.profileId],
      ];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function sqlWebhookSubscriptionStore(db: Sql): WebhookSubscriptionStore {
  return {
    async create(s, now) {
      const { rows } = await db.query<Row>(
        `insert into webhook_subscriptions (id, scope_domain, client_id, profile_id, created_by_type,
           created_by_id, name, trigger_on, delivery_version, delivery_url, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning *`,
        [
          s.id,
          s.scope.domain,
          s.scope.clientId,
          s.scope.domain === 'profile' ? s.scope.profileId : null,
          s.createdBy.type,
          s.createdBy.id,
          s.name,
          s.triggerOn,
          s.delivery.version,
          s.delivery.url,
          now,
        ],
      );
      return toRecord(rows[0]!);
    },
    async list(scope) {
      const [where, params] = scopeWhere(scope, 1);
      const { rows } = await db.query<Row>(
        `select * from webhook_subscriptions where ${where} order by created_at, id`,
        params,
      );
      return rows.map(toRecord);
    },
    async find(scope, id) {
      if (!UUID.test(id)) return null;
      const [where, params] = scopeWhere(scope, 2);
      const { rows } = await db.query<Row>(`select * from webhook_subscriptions where id = $1 and ${where}`, [
        id,
        ...params,
      ]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    delete: (scope, id, now) =>
      db.transaction(async (tx) => {
        if (!UUID.test(id)) return false;
        const [where, params] = scopeWhere(scope, 2);
        const { rows } = await tx.query<{ id: string }>(
          `delete from webhook_subscriptions where id = $1 and ${where} returning id`,
          [id, ...params],
        );
        if (rows.length === 0) return false;
        await tx.query(
          `update webhook_deliveries set failed_at = $2, last_error = 'subscription deleted', lease_id = null
            where subscription_id = $1 and delivered_at is null and failed_at is null`,
          [id, now],
        );
        return true;
      }),
  };
}
