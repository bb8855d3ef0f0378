-- Issue 11: faults a partner asks the sandbox for (POST /_sandbox/faults). Shared by every instance; the
-- next `count` matching requests each take one (`remaining` decremented atomically).
create table sandbox_faults (
  id bigserial primary key,
  method text not null,
  path text not null,
  status integer,
  body jsonb,
  headers jsonb not null default '{}',
  delay_ms integer not null default 0,
  drop_connection boolean not null default false,
  count integer not null check (count > 0),
  remaining integer not null check (remaining >= 0),
  created_at timestamptz not null
);
create index sandbox_faults_live on sandbox_faults (method, id) where remaining > 0;
