import type { Sql } from './sql.js';

/**
 * Wise's verification state of a profile (https://docs.wise.com/api-reference/profile, "Check profile
 * verification status"): a new profile is `not_verified` until Wise verifies it.
 */
export type VerificationState = 'not_verified' | 'verified';
export const VERIFICATION_STATES: readonly VerificationState[] = ['not_verified', 'verified'];

/**
 * A user account's state (https://docs.wise.com/guides/developer/webhooks/event-types, "User state change
 * events"): `ACTIVE`, `WITHDRAW_ONLY` (90 days to take the money out), `DEACTIVATED` (tokens revoked).
 */
export type UserState = 'ACTIVE' | 'WITHDRAW_ONLY' | 'DEACTIVATED';
export const USER_STATES: readonly UserState[] = ['ACTIVE', 'WITHDRAW_ONLY', 'DEACTIVATED'];
export type DeactivationType = 'ACCOUNT_SUSPENSION' | 'ACCOUNT_CLOSURE';
export const DEACTIVATION_TYPES: readonly DeactivationType[] = ['ACCOUNT_SUSPENSION', 'ACCOUNT_CLOSURE'];

export interface UserStateChange {
  state: UserState;
  deactivationType: DeactivationType | null;
  deactivationReason: string | null;
}

/** A change that happened: the state before and after. */
export interface Transition<S> {
  previous: S;
  current: S;
}

export interface VerificationStore {
  /** The profile's verification state; `not_verified` when nothing was ever recorded (a new profile). */
  profileState(profileId: number): Promise<VerificationState>;
  /**
   * Moves the profile to `state`. Returns the transition, or null when it already was in that state. Of any
   * number of concurrent calls (any instance) with the same target exactly one sees the transition: the row
   * lock serializes them and the others find the state already set.
   */
  setProfileState(
    profileId: number,
    state: VerificationState,
    now: Date,
  ): Promise<Transition<VerificationState> | null>;
  /** The user's account state; `ACTIVE` when nothing was ever recorded. */
  userState(userId: number): Promise<UserState>;
  /**
   * Moves the user to `change.state`, as `setProfileState` does (null when already there). Moving to
   * `DEACTIVATED` marks the account inactive (no sign-in, no new tokens) and revokes every grant of the user
   * and every token of them in the same transaction; moving back makes the account active again (revoked
   * tokens stay revoked: the partner links again).
   */
  setUserState(userId: number, change: UserStateChange, now: Date): Promise<Transition<UserState> | null>;
  /**
   * Whether `clientId` is connected to the profile: it created the profile, or holds a live grant of its
   * user (what an application token may act on).
   */
  clientReachesProfile(clientId: string, profileId: number): Promise<boolean>;
}

export function sqlVerificationStore(db: Sql): VerificationStore {
  return {
    async profileState(profileId) {
      const { rows } = await db.query<{ state: VerificationState }>(
        'select state from profile_verifications where profile_id = $1',
        [profileId],
      );
      return rows[0]?.state ?? 'not_verified';
    },

    setProfileState: (profileId, state, now) =>
      db.transaction(async (tx) => {
        // The starting row first, so the update below always has a row to lock.
        await tx.query(
          `insert into profile_verifications (profile_id, state, updated_at) values ($1, 'not_verified', $2)
           on conflict (profile_id) do nothing`,
          [profileId, now],
        );
        const previous = await lockedState<VerificationState>(
          tx,
          'profile_verifications',
          'profile_id',
          profileId,
        );
        if (previous === state) return null;
        await tx.query('update profile_verifications set state = $2, updated_at = $3 where profile_id = $1', [
          profileId,
          state,
          now,
        ]);
        return { previous, current: state };
      }),

    async userState(userId) {
      const { rows } = await db.query<{ state: UserState }>(
        'select state from user_states where user_id = $1',
        [userId],
      );
      return rows[0]?.state ?? 'ACTIVE';
    },

    setUserState: (userId, change, now) =>
      db.transaction(async (tx) => {
        await tx.query(
          `insert into user_states (user_id, state, updated_at) values ($1, 'ACTIVE', $2)
           on conflict (user_id) do nothing`,
          [userId, now],
        );
        const previous = await lockedState<UserState>(tx, 'user_states', 'user_id', userId);
        if (previous === change.state) return null;
        await tx.query(
          `update user_states set state = $2, deactivation_type = $3, deactivation_reason = $4, updated_at = $5
            where user_id = $1`,
          [userId, change.state, change.deactivationType, change.deactivationReason, now],
        );
        const deactivated = change.state === 'DEACTIVATED';
        await tx.query('update users set active = $2 where id = $1', [userId, !deactivated]);
        if (deactivated) await revokeEveryGrant(tx, userId, now);
        return { previous, current: change.state };
      }),

    async clientReachesProfile(clientId, profileId) {
      const { rows } = await db.query(
        `select 1 from profiles p
          where p.id = $2
            and (p.created_by_client_id = $1
                 or exists (select 1 from grants g
                             where g.client_id = $1 and g.user_id = p.user_id and g.revoked_at is null))`,
        [clientId, profileId],
      );
      return rows.length > 0;
    },
  };
}

/**
 * The current state of one row, locked until the transaction ends: a concurrent change of the same row waits
 * here and then reads the state the first one wrote (so it sees no transition of its own).
 */
async function lockedState<S>(
  tx: Sql,
  table: 'profile_verifications' | 'user_states',
  key: 'profile_id' | 'user_id',
  id: number,
): Promise<S> {
  const { rows } = await tx.query<{ state: S }>(`select state from ${table} where ${key} = $1 for update`, [
    id,
  ]);
  return rows[0]!.state;
}

/** Every grant of the user and every access token of them, at once (DEACTIVATED: "tokens will be revoked"). */
async function revokeEveryGrant(tx: Sql, userId: number, now: Date): Promise<void> {
  await tx.query(
    `update access_tokens t set revoked_at = $2
       from grants g
      where g.id = t.grant_id and g.user_id = $1 and t.revoked_at is null`,
    [userId, now],
  );
  await tx.query('update grants set revoked_at = $2 where user_id = $1 and revoked_at is null', [
    userId,
    now,
  ]);
}
