-- Contract §5 "Rotation" (ours; RFC 9700 §4.14.2): a client's refresh tokens are either kept for the grant's
-- life (`never`, Wise's behaviour and the default) or replaced on every refresh (`always`). A public client
-- has no secret to constrain its refresh token, so it always rotates: the database refuses anything else.
alter table clients add column refresh_token_rotation text not null default 'never'
  check (refresh_token_rotation in ('never', 'always'));
update clients set refresh_token_rotation = 'always' where is_public;
alter table clients add constraint clients_public_rotates
  check (not is_public or refresh_token_rotation = 'always');

-- The last refresh of a grant: which refresh token it was given (keyed hash), when, and how many refreshes
-- the grant has had (the tokens of a refresh are derived from the presented refresh token and this number,
-- so a repeat of the same refresh within the grace window answers the same tokens without storing them).
-- refresh_absolute_expires_at bounds a rotating public client's grant however often it is renewed.
alter table grants add column refresh_generation integer not null default 0;
alter table grants add column refreshed_at timestamptz;
alter table grants add column refreshed_from_hash text;
alter table grants add column refresh_absolute_expires_at timestamptz;

-- Every refresh token a rotation replaced, so that presenting one again is recognised as reuse and revokes
-- the grant (RFC 9700 §4.14.2). Kept as long as the grant (cascade).
create table retired_refresh_tokens (
  token_hash text primary key,
  grant_id uuid not null references grants (id) on delete cascade,
  retired_at timestamptz not null
);
create index retired_refresh_tokens_grant on retired_refresh_tokens (grant_id);
