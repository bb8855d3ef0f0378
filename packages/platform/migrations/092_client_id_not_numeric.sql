-- RFC 9700 §4.15 (Client Impersonating Resource Owner): user ids are numbers, so a client id is never all
-- digits (clients/register.ts refuses one with a clear message first). NOT VALID: the rule binds every new or
-- changed row without failing the migration on a database that already holds such a client.
alter table clients add constraint clients_id_not_numeric check (client_id !~ '^[0-9]+$') not valid;
