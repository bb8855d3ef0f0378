-- Issue 16: federated OpenID Connect login on the hosted pages (contract §4 "Continue with …").
-- A provider identity linked to an account: the provider's id (as configured), the ID token's `sub`, the
-- account, the verified email the provider gave when it was linked, and when. One link per identity.
create table federated_identities (
  provider text not null,
  subject text not null,
  user_id integer not null references users (id) on delete cascade,
  email text not null,
  linked_at timestamptz not null,
  primary key (provider, subject)
);
create index federated_identities_user on federated_identities (user_id);

-- The relying party's transient values while the person is at the provider: the keyed hash of `state` (the
-- row's key), the login interaction it belongs to, and the nonce and PKCE code_verifier sealed (AES-256-GCM,
-- the interaction's uid as associated data: federated/login-state.ts). Used once (consumed_at), then purged.
create table federated_logins (
  state_hash text primary key,
  interaction_uid text not null references interactions (uid) on delete cascade,
  provider text not null,
  sealed text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  consumed_at timestamptz
);
create index federated_logins_interaction on federated_logins (interaction_uid);

-- An identity waiting for its account's password before it is linked (never linked silently): kept on the
-- interaction that found it, and so gone with it.
alter table interactions add column pending_identity jsonb;
