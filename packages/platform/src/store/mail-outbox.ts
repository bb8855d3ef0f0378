import { randomUUID } from 'node:crypto';
import type { Queryable } from '@account-access/db';

/** A rendered message (src/mail/templates/*.ts), ready for the outbox. */
export interface MailMessage {
  /** The template's name, kept for operators. */
  template: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface OutboxMail extends MailMessage {
  id: number;
  messageId: string;
  createdAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
}

/** A row a worker holds: only the holder of `leaseId` may record how the attempt went. */
export interface LeasedMail extends OutboxMail {
  leaseId: string;
}

/** The outbox: written by the flows that send mail, read by the mail worker and the sandbox. */
export interface MailOutboxStore {
  /**
   * Writes a mail into the outbox. Called inside `Stores.transaction` it exists exactly when the change that
   * causes it commits (issue 3: "written to an outbox table in the same transaction"). `domain` names the
   * Message-ID's right-hand side (the issuer's host).
   */
  enqueue(mail: MailMessage, options: { now: Date; domain: string }): Promise<number>;
  /**
   * Leases up to `limit` due rows for `leaseSeconds`: one statement, `for update skip locked`, so concurrent
   * workers (on any instance) get disjoint rows, and a worker that dies mid-send only delays its rows.
   */
  lease(now: Date, leaseSeconds: number, limit: number): Promise<LeasedMail[]>;
  /**
   * Records the delivery. `forgetBodies` blanks the text and HTML: once sent, the platform no longer holds
   * the links they carry (single-use tokens) in the clear.
   */
  delivered(mail: LeasedMail, now: Date, options?: { forgetBodies?: boolean }): Promise<void>;
  /** Schedules another attempt at `nextAttemptAt`. */
  retry(mail: LeasedMail, nextAttemptAt: Date, error: string): Promise<void>;
  /** Gives up: the SMTP server refused the message for good. */
  failed(mail: LeasedMail, now: Date, error: string): Promise<void>;
  /** Newest first; every mail when `to` is null. */
  list(to: string | null, limit: number): Promise<OutboxMail[]>;
}

interface Row {
  id: number | string;
  template: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  message_id: string;
  created_at: Date;
  attempts: number;
  next_attempt_at: Date;
  lease_id: string | null;
  last_error: string | null;
  delivered_at: Date | null;
  failed_at: Date | null;
}

const toMail = (r: Row): OutboxMail => ({
  id: Number(r.id),
  template: r.template,
  to: r.to_address,
  subject: r.subject,
  text: r.text_body,
  html: r.html_body,
  messageId: r.message_id,
  createdAt: r.created_at,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
  failedAt: r.failed_at,
});

export function sqlMailOutboxStore(db: Queryable): MailOutboxStore {
  const finish = async (mail: LeasedMail, set: string, params: unknown[]) => {
    // A row whose lease was taken over (this worker outlived its lease) is left to the new holder.
    await db.query(`update mail_outbox set ${set}, lease_id = null where id = $1 and lease_id = $2`, [
      mail.id,
      mail.leaseId,
      ...params,
    ]);
  };
  return {
    async enqueue(mail, options) {
      const { rows } = await db.query<{ id: number }>(
        `insert into mail_outbox (template, to_address, subject, text_body, html_body, message_id, created_at, next_attempt_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7) returning id`,
        [
          mail.template,
          mail.to,
          mail.subject,
          mail.text,
          mail.html,
          `<${randomUUID()}@${options.domain}>`,
          options.now,
        ],
      );
      return Number(rows[0]!.id);
    },
    async lease(now, leaseSeconds, limit) {
      const { rows } = await db.query<Row>(
        `with due as (
           select id from mail_outbox
            where delivered_at is null and failed_at is null and next_attempt_at <= $1
            order by next_attempt_at, id
            limit $3
            for update skip locked
         )
         update mail_outbox m
            set next_attempt_at = $1::timestamptz + make_interval(secs => $2), lease_id = gen_random_uuid(),
                attempts = m.attempts + 1
           from due where m.id = due.id
         returning m.*`,
        [now, leaseSeconds, limit],
      );
      return rows
        .map((r) => ({ ...toMail(r), leaseId: r.lease_id! }))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
    },
    delivered: (mail, now, options) =>
      finish(
        mail,
        `delivered_at = $3, last_error = null${options?.forgetBodies ? ", text_body = '', html_body = ''" : ''}`,
        [now],
      ),
    retry: (mail, nextAttemptAt, error) =>
      finish(mail, 'next_attempt_at = $3, last_error = $4', [nextAttemptAt, error]),
    failed: (mail, now, error) => finish(mail, 'failed_at = $3, last_error = $4', [now, error]),
    async list(to, limit) {
      const { rows } = await db.query<Row>(
        `select * from mail_outbox where ($1::text is null or lower(to_address) = lower($1))
          order by created_at desc, id desc limit $2`,
        [to, limit],
      );
      return rows.map(toMail);
    },
  };
}
