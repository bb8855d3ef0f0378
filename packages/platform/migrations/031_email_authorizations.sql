-- Contract §6: the single-use link emailed when a partner asks for an authorization code by email.
-- Only a keyed hash of the link token is stored; the link page consumes a row with one atomic update.
create table email_authorizations (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  client_id text not null references clients (client_id),
  user_id integer not null references users (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,        -- 30 minutes after creation
  consumed_at timestamptz
);
create index email_authorizations_user on email_authorizations (user_id, client_id);

-- Contract §6 (ours): at most one such email per user per partner per 60 seconds. One row per pair, updated
-- by a single conditional upsert, so concurrent requests cannot both send.
create table email_authorization_sends (
  user_id integer not null references users (id),
  client_id text not null references clients (client_id),
  last_sent_at timestamptz not null,
  primary key (user_id, client_id)
);
