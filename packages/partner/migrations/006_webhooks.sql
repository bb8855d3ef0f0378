-- Webhooks from Wise or the platform (contract §11): each delivery id is kept once, so a replayed delivery
-- is refused by every partner instance on this database; the verification state each profile last reported;
-- and the lease that lets one instance at a time create the application's subscriptions.

create table webhook_deliveries (
  delivery_id text primary key,
  event_type text not null,
  subscription_id text not null,
  sent_at timestamptz not null,
  test boolean not null,
  received_at timestamptz not null
);
-- Rows older than the accepted sent_at window can go: a delivery that old is refused anyway.
create index webhook_deliveries_sent_at on webhook_deliveries (sent_at);

-- From profiles#verification-state-change, keyed by the Wise profile (the event may come before the link
-- row learns its profile id). Wise does not promise the order of events: occurred_at decides.
create table wise_profile_verifications (
  wise_profile_id bigint primary key,
  state text not null,
  occurred_at timestamptz not null,
  updated_at timestamptz not null
);

create table webhook_subscription_leases (
  name text primary key,
  lease_until timestamptz not null
);
