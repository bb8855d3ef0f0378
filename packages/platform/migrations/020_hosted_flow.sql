-- The hosted linking flow (contract §4): credentials, platform sessions, login interactions, failed-login
-- counters and authorization codes. Everything a second platform instance needs lives here, not in memory.

alter table users add column password_hash text;        -- argon2id PHC string; null until a password is set
alter table users add column totp_secret text;          -- AES-256-GCM envelope of the TOTP seed (never plain)
alter table users add column totp_last_step bigint;     -- last accepted RFC 6238 time step: replay protection

-- A person signed in on the platform's own pages. The cookie holds a random token; only its keyed hash is here.
create table platform_sessions (
  token_hash text primary key,
  user_id integer not null references users (id),
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index platform_sessions_user on platform_sessions (user_id);

-- One authorization request on its way through login → 2FA → profile → consent.
create table interactions (
  uid text primary key,                   -- random, in the page URLs
  browser_hash text not null,             -- keyed hash of the browser cookie the flow is bound to
  client_id text not null references clients (client_id),
  entry text not null default 'authorize',            -- how the flow began (later: an emailed link, a claim)
  delivery text not null default 'redirect' check (delivery in ('redirect', 'display')),
  redirect_uri text,                      -- exactly as registered; null only for 'display' delivery
  state text,
  code_challenge text,                    -- PKCE S256 challenge, when sent
  user_id integer references users (id),
  password_at timestamptz,                -- the login step passed (or a platform session was used)
  second_factor_at timestamptz,           -- the TOTP step passed (or was not needed)
  profile_id integer references profiles (id),
  decision text check (decision in ('allow', 'deny')),
  flash jsonb,                            -- one message for the next page view (post/redirect/get)
  created_at timestamptz not null,
  expires_at timestamptz not null,
  completed_at timestamptz
);

-- Failed logins and one-time codes, per account and per IP address, for rate limiting.
create table auth_failures (
  scope text not null check (scope in ('account', 'ip')),
  key text not null,                      -- keyed hash of the email or the address
  at timestamptz not null
);
create index auth_failures_lookup on auth_failures (scope, key, at);

-- Authorization codes (contract §4, §6): single use, bound to client, redirect_uri, user, profile and PKCE.
create table authorization_codes (
  code_hash text primary key,
  client_id text not null references clients (client_id),
  delivery text not null default 'redirect' check (delivery in ('redirect', 'display')),
  redirect_uri text,                      -- null for 'display' codes: the exchange then omits it (contract §6)
  user_id integer not null references users (id),
  profile_id integer not null references profiles (id),
  code_challenge text,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  consumed_at timestamptz,
  grant_id uuid,                          -- the grant issued from this code: revoked when the code is replayed
  replayed_at timestamptz
);
