-- Contract §8: `X-idempotence-uuid` returns the first response again. Stored per user and key, with a
-- fingerprint of the request so a different request under the same key is refused. The body is kept as
-- text, so a replay is the same bytes as the first response.
create table idempotency_keys (
  user_id integer not null references users (id),
  key uuid not null,
  request_hash text not null,
  status integer not null,
  body text not null,
  created_at timestamptz not null,
  primary key (user_id, key)
);
