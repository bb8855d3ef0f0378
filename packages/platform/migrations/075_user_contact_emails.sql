-- https://docs.wise.com/api-reference/user: a user's contact email, "used to send notifications to users who
-- have been registered with a dummy email address". One per user, replaced by each PUT; gone with the user.
create table user_contact_emails (
  user_id integer primary key references users (id) on delete cascade,
  email text not null,
  updated_at timestamptz not null
);
