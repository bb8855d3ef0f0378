-- Contract §7: claim-account codes, valid 5 minutes, single use, stored as keyed hashes.
create table claim_account_codes (
  code_hash text primary key,
  client_id text not null references clients (client_id),
  user_id integer not null references users (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  consumed_at timestamptz
);
create index claim_account_codes_user on claim_account_codes (user_id, client_id);
