-- Issue 12: attempt limits that hold under parallel requests and across instances. One row per limited thing
-- (an account, an account+address pair, an address, a client, …): an attempt takes a slot under the row's lock
-- BEFORE the secret is verified, so N parallel guesses can never verify more than the limit. Keys are keyed
-- hashes; `subject` is the keyed hash of the account a row belongs to (null for addresses and clients), so every
-- account-keyed counter of one person can be cleared at once.
create table attempt_counters (
  scope text not null,
  key text not null,
  subject text,
  attempts integer not null default 0,
  window_start timestamptz not null,
  not_before timestamptz,                  -- progressive delay: no attempt before this moment
  primary key (scope, key)
);
create index attempt_counters_subject on attempt_counters (subject) where subject is not null;
create index attempt_counters_window on attempt_counters (window_start);

-- Replaced by attempt_counters: these counted failures after verifying (check-then-act).
drop table auth_failures;
drop table code_exchange_failures;
