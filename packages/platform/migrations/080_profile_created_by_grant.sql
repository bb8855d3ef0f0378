-- Contract §8: a profile a partner creates through the API with a user token is visible to that token's
-- grant, whatever the grant type (an authorization-code grant names only the profiles it was granted; the
-- ones it creates afterwards are its own too). Null for profiles made on the hosted pages or by the seed.
alter table profiles add column created_by_grant_id uuid references grants (id) on delete set null;
