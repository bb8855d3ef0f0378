-- Issue 12: the partner's `state` is no longer stored in the clear. The column now holds it sealed
-- (AES-256-GCM under the server secret, the interaction's uid as associated data: crypto/partner-state.ts).
-- SQL cannot seal without the server secret, so the plaintext of existing rows is erased instead: an
-- interaction lives at most an hour, and one begun before the upgrade returns without its state, which the
-- partner refuses; the person starts again from the partner.
alter table interactions rename column state to sealed_state;
update interactions set sealed_state = null where sealed_state is not null;
