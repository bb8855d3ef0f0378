-- The mail outbox (issue 3, "Emailed code and mail"). A mail is inserted in the same transaction as the change
-- that causes it, so it is sent exactly when that change commits, and a worker delivers it over SMTP later.
-- Several platform instances may run workers on one database: a worker leases due rows with
-- `for update skip locked` by moving next_attempt_at past the lease and stamping a fresh lease_id, and only
-- the holder of that lease_id may record the outcome.
create table mail_outbox (
  id bigint generated always as identity primary key,
  template text not null,                 -- which message (src/mail/templates/*.ts), for operators
  to_address text not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  message_id text not null unique,        -- the Message-ID header, the same on every retry
  created_at timestamptz not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,   -- when the row is next due (also the end of a worker's lease)
  lease_id uuid,
  last_error text,                        -- the SMTP failure, never a credential
  delivered_at timestamptz,
  failed_at timestamptz                   -- the server refused the recipient for good: no more attempts
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where delivered_at is null and failed_at is null;
create index mail_outbox_recipient on mail_outbox (lower(to_address), created_at desc);
