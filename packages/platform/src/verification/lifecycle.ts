import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import type { ProfileRecord } from '../store/profiles.js';
import type { Stores } from '../store/stores.js';
import type { Transition, UserState, UserStateChange, VerificationState } from '../store/verifications.js';
import { publishEvent } from '../webhooks/publish.js';

/** What publishes an event in the caller's transaction: `publishEvent`; a test may pass a recorder. */
export type Publish = typeof publishEvent;

/**
 * The verification lifecycle (contract "Verification"): each state change is one transaction that also
 * publishes its webhook event, so the change and the event commit together or not at all.
 */

/** Wise's `occurred_at` form: UTC to the second, `2020-01-01T12:34:56Z` (event-types page examples). */
export function occurredAt(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

/**
 * `data` of profiles#verification-state-change
 * (https://docs.wise.com/guides/developer/webhooks/event-types, "Verification state change event").
 */
export function verificationStateData(profileId: number, state: VerificationState, now: Date) {
  return { resource: { type: 'profile', id: profileId }, current_state: state, occurred_at: occurredAt(now) };
}

/** `data` of users#state-change (same page, "User state change events"); the deactivation fields only when set. */
export function userStateData(
  userId: number,
  move: Transition<UserState>,
  change: UserStateChange,
  now: Date,
) {
  return {
    resource: { id: userId, type: 'user' },
    previous_state: move.previous,
    current_state: move.current,
    ...(change.deactivationType === null ? {} : { deactivation_type: change.deactivationType }),
    ...(change.deactivationReason === null ? {} : { deactivation_reason: change.deactivationReason }),
    occurred_at: occurredAt(now),
  };
}

/**
 * (ours, contract §9 and "Verification") A Brazilian personal profile (address in BRA) is verified only once
 * a CPF was accepted for it: Wise's Brazil guide has partners upload the CPF during profile creation
 * (https://docs.wise.com/guides/regional/brazil/cpf-cnpj-and-financial-capacity). Documents are stored only
 * when the bureau accepted them, so an accepted CPF is a stored CPF_CNPJ document.
 */
export async function needsCpf(stores: Stores, profile: ProfileRecord): Promise<boolean> {
  if (profile.type !== 'PERSONAL' || profile.address?.countryIso3Code.toLowerCase() !== 'bra') return false;
  const documents = await stores.verificationDocuments.listByProfile(profile.id);
  return !documents.some((d) => d.type === 'CPF_CNPJ');
}

const cpfFirst = (profileId: number) =>
  new ValidationError(422, [
    {
      code: 'ERROR',
      message:
        'A Brazilian profile is verified once a CPF has been accepted for it: submit it with POST /v1/profiles/{profileId}/verification-documents first.',
      path: 'profileId',
      arguments: ['profileId', profileId],
    },
  ]);

/**
 * Verifies every profile given, all or none: a Brazilian profile without an accepted CPF refuses the whole
 * call with 422 before anything changes. Profiles already verified are left alone, so calling again (or
 * ten times at once) publishes one state change per profile. Returns the profiles that changed.
 */
export async function verifyProfiles(
  platform: Platform,
  profiles: readonly ProfileRecord[],
  publish: Publish = publishEvent,
): Promise<number[]> {
  for (const profile of profiles) {
    if (await needsCpf(platform.stores, profile)) throw cpfFirst(profile.id);
  }
  return setVerification(platform, profiles, 'verified', publish);
}

/**
 * Moves each profile to `state` in one transaction, publishing profiles#verification-state-change for each
 * that changed; returns those. Rows are locked in id order, so concurrent calls on overlapping sets cannot
 * deadlock.
 */
export async function setVerification(
  platform: Platform,
  profiles: readonly ProfileRecord[],
  state: VerificationState,
  publish: Publish = publishEvent,
): Promise<number[]> {
  const now = platform.now();
  const ordered = [...profiles].sort((a, b) => a.id - b.id);
  return platform.stores.transaction(async (tx) => {
    const changed: number[] = [];
    for (const profile of ordered) {
      const move = await tx.verifications.setProfileState(profile.id, state, now);
      if (move === null) continue;
      changed.push(profile.id);
      await publish(
        tx,
        {
          type: 'profiles#verification-state-change',
          userId: profile.userId,
          profileId: profile.id,
          data: verificationStateData(profile.id, move.current, now),
        },
        now,
      );
    }
    return changed;
  });
}

/**
 * Moves a user to another account state and publishes users#state-change; DEACTIVATED revokes every token
 * of the user at once (the store does it in the same transaction). Null when the user already was there.
 */
export async function changeUserState(
  platform: Platform,
  userId: number,
  change: UserStateChange,
  publish: Publish = publishEvent,
): Promise<Transition<UserState> | null> {
  const now = platform.now();
  return platform.stores.transaction(async (tx) => {
    const move = await tx.verifications.setUserState(userId, change, now);
    if (move === null) return null;
    await publish(
      tx,
      { type: 'users#state-change', userId, profileId: null, data: userStateData(userId, move, change, now) },
      now,
    );
    return move;
  });
}
