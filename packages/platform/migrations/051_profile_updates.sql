-- Contract §8, profile updates (https://docs.wise.com/api-reference/profile, "Update a Personal Profile",
-- "Open an update window for a profile"): a version counter, so two concurrent updates never overwrite each
-- other silently, and the time the profile's update window was opened (null: closed).
alter table profiles add column version integer not null default 1;
alter table profiles add column update_window_opened_at timestamptz;

-- Wise's guide "Profile Creation", "Handling duplicate Wise accounts": the same person (names and date of
-- birth) on a second user account is a 409. This index serves that lookup.
create index profiles_person on profiles (lower(first_name), lower(last_name), date_of_birth)
  where type = 'PERSONAL';
