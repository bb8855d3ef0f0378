-- Issue 11: the sandbox request journal (GET /_sandbox/requests). One row per request answered in sandbox
-- mode, its headers and bodies already redacted (sandbox/redact.ts); only the newest PLATFORM_JOURNAL_SIZE
-- rows are kept.
create table request_journal (
  id bigserial primary key,
  at timestamptz not null,
  method text not null,
  path text not null,
  status integer not null,
  client_id text,
  duration_ms integer not null,
  request_headers jsonb not null,
  request_body jsonb,
  response_headers jsonb not null,
  response_body jsonb
);
create index request_journal_client on request_journal (client_id, id);
