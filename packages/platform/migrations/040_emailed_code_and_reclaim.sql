-- Emailed codes (contract §6), reclaiming and claiming (contract §7).

-- The person an emailed link or a claim code was for: only they may finish that interaction.
alter table interactions add column expected_user_id integer references users (id);

-- Contract §6 (ours): a displayed code is short, so failed exchanges are counted per code (the code dies after
-- a few) and per client (the client is slowed down), in the database so every instance enforces the same limit.
alter table authorization_codes add column failed_attempts integer not null default 0;
create table code_exchange_failures (
  client_id text not null references clients (client_id),
  at timestamptz not null
);
create index code_exchange_failures_lookup on code_exchange_failures (client_id, at);

-- Contract §7: single-use set-password links ("forgot or never set your password?"), keyed hashes only.
create table password_reset_links (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id integer not null references users (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,        -- 30 minutes after creation
  consumed_at timestamptz
);
create index password_reset_links_user on password_reset_links (user_id, created_at);
