-- Issue 13: a finished `display` interaction (contract §6) shows its short code again on reload while the
-- code is valid, to the browser that finished it only. The code itself is kept hashed in
-- authorization_codes; this column holds it sealed (AES-256-GCM under the server secret, the interaction's
-- uid and that browser's cookie as associated data: crypto/shown-code.ts), so neither the row nor the
-- database alone can show it. Purged with the interaction (store/retention.ts).
alter table interactions add column sealed_code text;
