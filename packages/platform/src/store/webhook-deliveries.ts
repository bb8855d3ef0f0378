import type { Sql } from './sql.js';

/** What publishing an event writes: the event's type, whom it is about, and its `data` as JSON text. */
export interface EventToEnqueue {
  type: string;
  userId: number;
  profileId: number | null;
  dataJson: string;
}

export interface DeliveryRecord {
  id: number;
  /** X-Delivery-Id: the same on every retry. */
  deliveryId: string;
  subscriptionId: string;
  clientId: string;
  eventType: string;
  url: string;
  dataJson: string;
  test: boolean;
  createdAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
}

/** A row a worker holds: only the holder of `leaseId` may record how the attempt went. */
export interface LeasedDelivery extends DeliveryRecord {
  leaseId: string;
}

export interface DeliveryAttempt {
  attempt: number;
  attemptedAt: Date;
  status: number | null;
  error: string | null;
}

/** How one attempt went: the receiver's status (null when it never answered) and why it failed. */
export interface AttemptOutcome {
  status: number | null;
  error: string | null;
}

/** The webhook delivery queue (the mail outbox's pattern, store/mail-outbox.ts). */
export interface WebhookDeliveryStore {
  /**
   * One delivery per matching subscription: the application subscriptions of every client holding a grant
   * for `userId` that is live at `now` (a grant revoked at `now` itself still counts, so an event written
   * in the transaction that revokes the user's tokens reaches the applications that held them), and the
   * profile subscriptions of `profileId` made through such a client (a partner hears of a person only while
   * it holds a live grant for them). Called inside `Stores.transaction`, the deliveries exist exactly
   * when the change that causes the event commits. Returns how many were written.
   */
  enqueueEvent(event: EventToEnqueue, now: Date): Promise<number>;
  /** One test delivery for a subscription (X-Test-Notification: true). */
  enqueueTest(
    subscription: { id: string; clientId: string; triggerOn: string; url: string },
    dataJson: string,
    now: Date,
  ): Promise<DeliveryRecord>;
  /**
   * Leases up to `limit` due rows for `leaseSeconds`: one statement, `for update skip locked`, so concurrent
   * workers (on any instance) get disjoint rows, and a worker that dies mid-send only delays its rows.
   */
  lease(now: Date, leaseSeconds: number, limit: number): Promise<LeasedDelivery[]>;
  delivered(delivery: LeasedDelivery, now: Date, outcome: AttemptOutcome): Promise<void>;
  retry(delivery: LeasedDelivery, now: Date, nextAttemptAt: Date, outcome: AttemptOutcome): Promise<void>;
  failed(delivery: LeasedDelivery, now: Date, outcome: AttemptOutcome): Promise<void>;
  /** Newest first; every client's when `clientId` is null. */
  list(clientId: string | null, limit: number): Promise<DeliveryRecord[]>;
  /** The attempts of one delivery row, first first. */
  attempts(id: number): Promise<DeliveryAttempt[]>;
  /**
   * Puts one delivery (by its X-Delivery-Id) back in the queue, due at `now`, whatever its state: delivered,
   * failed or pending. Any lease is dropped, so a worker mid-send cannot record over it, and the next lease
   * sends it again under the same X-Delivery-Id. Null when there is no such delivery.
   */
  requeue(deliveryId: string, now: Date): Promise<DeliveryRecord | null>;
}

interface Row {
  id: number | string;
  delivery_id: string;
  subscription_id: string;
  client_id: string;
  event_type: string;
  url: string;
  data_json: string;
  test: boolean;
  created_at: Date;
  attempts: number;
  next_attempt_at: Date;
  lease_id: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  failed_at: Date | null;
}

const toRecord = (r: Row): DeliveryRecord => ({
  id: Number(r.id),
  deliveryId: r.delivery_id,
  subscriptionId: r.subscription_id,
  clientId: r.client_id,
  eventType: r.event_type,
  url: r.url,
  dataJson: r.data_json,
  test: r.test,
  createdAt: r.created_at,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastStatus: r.last_status,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
  failedAt: r.failed_at,
});

/** A grant of the user that is live at $2 (see `enqueueEvent`). */
const LIVE_GRANT_CLIENTS = `
  select g.client_id from grants g
   where g.user_id = $1 and (g.revoked_at is null or g.revoked_at >= $2)
     and (g.refresh_expires_at > $2
          or exists (select 1 from access_tokens t where t.grant_id = g.id and t.expires_at > $2))`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function sqlWebhookDeliveryStore(db: Sql): WebhookDeliveryStore {
  /** Records the outcome and the attempt in one statement, only while `delivery`'s lease is still held. */
  const finish = async (d: LeasedDelivery, now: Date, set: string, o: AttemptOutcome, extra: unknown[]) => {
    await db.query(
      `with done as (
         update webhook_deliveries set ${set}, last_status = $4, last_error = $5, lease_id = null
          where id = $1 and lease_id = $2 returning id, attempts)
       insert into webhook_delivery_attempts (delivery_row, attempt, attempted_at, status, error)
       select id, attempts, $3, $4, $5 from done`,
      [d.id, d.leaseId, now, o.status, o.error, ...extra],
    );
  };
  return {
    async enqueueEvent(e, now) {
      const { rows } = await db.query<{ n: number }>(
        `with made as (
           insert into webhook_deliveries
             (delivery_id, subscription_id, client_id, event_type, url, data_json, created_at, next_attempt_at)
           select gen_random_uuid(), s.id, s.client_id, s.trigger_on, s.delivery_url, $5, $2, $2
             from webhook_subscriptions s
            where s.trigger_on = $3
              and ((s.scope_domain = 'application' and s.client_id in (${LIVE_GRANT_CLIENTS}))
                   or (s.scope_domain = 'profile' and s.profile_id = $4::integer
                       and s.client_id in (${LIVE_GRANT_CLIENTS})))
           returning 1)
         select count(*)::int as n from made`,
        [e.userId, now, e.type, e.profileId, e.dataJson],
      );
      return rows[0]?.n ?? 0;
    },
    async enqueueTest(s, dataJson, now) {
      const { rows } = await db.query<Row>(
        `insert into webhook_deliveries
           (delivery_id, subscription_id, client_id, event_type, url, data_json, test, created_at, next_attempt_at)
         values (gen_random_uuid(), $1, $2, $3, $4, $5, true, $6, $6) returning *`,
        [s.id, s.clientId, s.triggerOn, s.url, dataJson, now],
      );
      return toRecord(rows[0]!);
    },
    async lease(now, leaseSeconds, limit) {
      const { rows } = await db.query<Row>(
        `with due as (
           select id from webhook_deliveries
            where delivered_at is null and failed_at is null and next_attempt_at <= $1
            order by next_attempt_at, id
            limit $3
            for update skip locked
         )
         update webhook_deliveries d
            set next_attempt_at = $1::timestamptz + make_interval(secs => $2), lease_id = gen_random_uuid(),
                attempts = d.attempts + 1
           from due where d.id = due.id
         returning d.*`,
        [now, leaseSeconds, limit],
      );
      return rows.map((r) => ({ ...toRecord(r), leaseId: r.lease_id! })).sort((a, b) => a.id - b.id);
    },
    delivered: (d, now, o) => finish(d, now, 'delivered_at = $3', o, []),
    retry: (d, now, next, o) => finish(d, now, 'next_attempt_at = $6', o, [next]),
    failed: (d, now, o) => finish(d, now, 'failed_at = $3', o, []),
    async list(clientId, limit) {
      const { rows } = await db.query<Row>(
        `select * from webhook_deliveries where ($1::text is null or client_id = $1)
          order by created_at desc, id desc limit $2`,
        [clientId, limit],
      );
      return rows.map(toRecord);
    },
    async attempts(id) {
      const { rows } = await db.query<{
        attempt: number;
        attempted_at: Date;
        status: number | null;
        error: string | null;
      }>(
        `select attempt, attempted_at, status, error from webhook_delivery_attempts
          where delivery_row = $1 order by attempt`,
        [id],
      );
      return rows.map((r) => ({
        attempt: r.attempt,
        attemptedAt: r.attempted_at,
        status: r.status,
        error: r.error,
      }));
    },
    async requeue(deliveryId, now) {
      // A text that is no uuid names no delivery: a miss, never a cast error.
      if (!UUID.test(deliveryId)) return null;
      const { rows } = await db.query<Row>(
        `update webhook_deliveries
            set delivered_at = null, failed_at = null, lease_id = null, next_attempt_at = $2
          where delivery_id = $1::uuid returning *`,
        [deliveryId, now],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
  };
}
