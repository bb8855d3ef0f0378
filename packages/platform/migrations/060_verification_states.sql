-- The verification lifecycle (contract "Verification"): Wise's verification state of each profile and the
-- state of each user account. A profile or user without a row is in the starting state (`not_verified`,
-- `ACTIVE`), so profiles created before this migration, and by any path, start as they do on Wise.
-- https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation ("Verification status")
-- https://docs.wise.com/guides/developer/webhooks/event-types ("User state change events")

create table profile_verifications (
  profile_id integer primary key references profiles (id),
  state text not null check (state in ('not_verified', 'verified')),
  updated_at timestamptz not null
);

create table user_states (
  user_id integer primary key references users (id),
  state text not null check (state in ('ACTIVE', 'WITHDRAW_ONLY', 'DEACTIVATED')),
  deactivation_type text check (deactivation_type in ('ACCOUNT_SUSPENSION', 'ACCOUNT_CLOSURE')),
  deactivation_reason text,
  updated_at timestamptz not null
);
