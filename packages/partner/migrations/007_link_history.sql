-- What really happened to each link (issue 13, item 7), recorded when it happens, so the bank's pages
-- say it instead of guessing from settings.

-- How the current (or last) link was made: a Wise account the bank created with a registration code
-- (contract §2, §3), an existing account linked by the redirect (§4) or by the emailed code (§6).
-- `link_method` stays what it was: the way the bank asks this customer to link.
alter table wise_links add column linked_by text
  check (linked_by in ('registration_code', 'redirect', 'email_code'));

-- The identity document sent for a new user (contract §9, §10.7: a Brazilian customer's CPF): when, and
-- what Wise answered at once. Its verification outcome comes later by webhook (wise_profile_verifications).
alter table wise_links add column document_type text;
alter table wise_links add column document_submitted_at timestamptz;
alter table wise_links add column document_result text check (document_result in ('accepted', 'rejected'));
alter table wise_links add column document_rejection text;

-- Links made before this migration: a registration code is kept only for accounts the bank created
-- (a 409 clears it), so a linked row that holds one was created with it; the rest linked the way the bank
-- asked them to. A disconnected row has forgotten its code (Disconnect), so it is left unknown.
update wise_links set linked_by = case
    when registration_code is not null then 'registration_code'
    when link_method = 'email' then 'email_code'
    else 'redirect'
  end
  where state in ('linked', 'relink_required');
