-- Issue 13, item 3: an emailed link names the interaction it started, so opening the link again tells the
-- truth (access allowed, access refused, or a flow still open in this browser) rather than "nothing was
-- shared". The purge removes an interaction before its link (store/retention.ts); the link then forgets it.
alter table email_authorizations
  add column interaction_uid text references interactions (uid) on delete set null;
