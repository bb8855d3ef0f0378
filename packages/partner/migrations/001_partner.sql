-- The partner bank's own database (separate from the platform's): its customers, the state of each
-- customer's Wise onboarding, the encrypted token store, linking attempts and browser sessions.
-- Secrets (registration codes, tokens, PKCE verifiers) are vault envelopes, never plaintext.

create table customers (
  id text primary key,
  email text not null unique,
  first_name text not null,
  last_name text not null,
  -- The bank's record, compared with the linked Wise profile (contract §10.6).
  date_of_birth text not null check (date_of_birth ~ '^\d{4}-\d{2}-\d{2}$'),
  phone_number text not null,
  address_first_line text not null,
  city text not null,
  post_code text,
  state_code text,
  country_iso3 text not null,
  nationality text,
  -- Brazilian customers: the CPF submitted as a CPF_CNPJ verification document (contract §9, §10.7).
  cpf text,
  language text not null default 'EN',
  -- How this customer links an existing Wise account (contract §10.2): the redirect flow unless the bank
  -- chose the emailed code for them.
  link_method text check (link_method in ('redirect', 'email')),
  -- What a seeded demo customer shows, for the sign-in page.
  note text,
  created_at timestamptz not null default now()
);

-- One row per customer link: the persisted onboarding state machine (see src/onboarding/states.ts).
create table wise_links (
  customer_id text primary key references customers (id),
  state text not null default 'none',
  -- A step in progress holds a lease; a crashed step's lease runs out and the step can be resumed.
  lease_token text,
  lease_until timestamptz,
  signup_email text,
  registration_code text,
  profile_idempotency_key text,
  link_method text check (link_method in ('redirect', 'email')),
  wise_user_id bigint,
  wise_profile_id bigint,
  -- Plain words for the customer (never a secret, never a stack trace).
  last_error text,
  updated_at timestamptz not null default now()
);

create table wise_tokens (
  customer_id text primary key references customers (id),
  access_token text not null,
  refresh_token text not null,
  token_type text not null,
  scope text,
  expires_at timestamptz not null,
  refresh_token_expires_at timestamptz,
  updated_at timestamptz not null default now()
);

-- The `state` of each redirect to the authorize page (contract §10.3): stored only as a hash, bound to
-- the browser session, single use, short-lived.
create table link_attempts (
  state_hash text primary key,
  customer_id text not null references customers (id),
  session_hash text not null,
  redirect_uri text not null,
  code_verifier text,
  expires_at timestamptz not null,
  consumed_at timestamptz,
  created_at timestamptz not null default now()
);
create index link_attempts_expiry on link_attempts (expires_at);

create table web_sessions (
  id_hash text primary key,
  customer_id text references customers (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index web_sessions_expiry on web_sessions (expires_at);
