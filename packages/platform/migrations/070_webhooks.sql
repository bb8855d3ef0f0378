-- Webhooks (issue 10 "What to build" 3; https://docs.wise.com/api-reference/webhook).
-- A subscription is an application's (scope 'application', its client key) or a profile's (scope 'profile',
-- made with a user token through one client). Deleted subscriptions are removed; their deliveries stay as
-- history, the pending ones marked failed in the same transaction.
create table webhook_subscriptions (
  id uuid primary key,
  scope_domain text not null check (scope_domain in ('application', 'profile')),
  client_id text not null,                -- the application's client key, or the client a profile one was made through
  profile_id integer,                     -- set exactly for profile subscriptions
  created_by_type text not null check (created_by_type in ('application', 'user')),
  created_by_id text not null,
  name text not null,
  trigger_on text not null,
  delivery_version text not null,
  delivery_url text not null,
  created_at timestamptz not null,
  check ((scope_domain = 'profile') = (profile_id is not null))
);
create index webhook_subscriptions_application on webhook_subscriptions (client_id, trigger_on)
  where scope_domain = 'application';
create index webhook_subscriptions_profile on webhook_subscriptions (profile_id, trigger_on)
  where scope_domain = 'profile';

-- The delivery queue: the mail outbox's pattern (030_mail_outbox.sql). A row is inserted in the transaction
-- of the change that causes the event; workers on any instance lease due rows with `for update skip locked`
-- (moving next_attempt_at past the lease and stamping a fresh lease_id), and only the lease holder records
-- the outcome. The envelope is built and signed at each attempt (its `sent_at` is that attempt's time) from
-- data_json, kept as text so its bytes and key order never change.
create table webhook_deliveries (
  id bigint generated always as identity primary key,
  delivery_id uuid not null unique,       -- X-Delivery-Id, the same on every retry
  subscription_id uuid not null,          -- no foreign key: history outlives a deleted subscription
  client_id text not null,
  event_type text not null,
  url text not null,                      -- the subscription's URL when the event happened
  data_json text not null,
  test boolean not null default false,    -- X-Test-Notification: true
  created_at timestamptz not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  lease_id uuid,
  last_status integer,                    -- the receiver's last HTTP status, null when it never answered
  last_error text,                        -- why the last attempt failed; never a body
  delivered_at timestamptz,
  failed_at timestamptz
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at)
  where delivered_at is null and failed_at is null;
create index webhook_deliveries_subscription on webhook_deliveries (subscription_id, created_at desc);

-- Every attempt, for the sandbox's view and for operators: status or error, never a body.
create table webhook_delivery_attempts (
  delivery_row bigint not null references webhook_deliveries (id) on delete cascade,
  attempt integer not null,
  attempted_at timestamptz not null,
  status integer,
  error text,
  primary key (delivery_row, attempt)
);

-- The signing key pair: one row, written by the first instance to start (insert … on conflict do nothing),
-- read by every other, so all instances on one database sign with the same key. The private key is sealed
-- with AES-256-GCM under a key derived from the server secret (src/crypto/seal.ts).
create table webhook_signing_keys (
  id text primary key,
  public_key text not null,
  sealed_private_key text not null,
  created_at timestamptz not null
);
