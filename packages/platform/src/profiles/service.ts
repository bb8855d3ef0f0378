import { NotFound, ValidationError } from '../errors/errors.js';
import type { UserGrant } from '../store/grants.js';
import type { PersonalProfile, ProfileRecord, ProfileStore } from '../store/profiles.js';
import type { PersonalProfileInput } from './personal.js';

/** Largest id PostgreSQL's `integer` holds: anything else cannot name a profile. */
const MAX_ID = 2147483647;

/** A profile id from a path; null when it cannot be one (never a 500 for `abc` or `1e99`). */
export function profileIdOf(raw: string): number | null {
  if (!/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= MAX_ID ? id : null;
}

/**
 * A profile the token was granted (contract §8). A profile it was not granted is a 404 like one that does
 * not exist, so a token learns nothing about other profiles.
 */
export async function grantedProfile(
  profiles: ProfileStore,
  grant: UserGrant,
  rawId: string,
): Promise<ProfileRecord> {
  const id = profileIdOf(rawId);
  const profile = id === null ? undefined : (await profiles.listForGrant(grant)).find((p) => p.id === id);
  if (!profile) throw new NotFound('Profile not found');
  return profile;
}

/** Contract §8: the person already has a personal profile. */
export const personalProfileExists = () =>
  new ValidationError(409, [
    {
      code: 'NOT_UNIQUE',
      message: 'A personal profile already exists for this user',
      path: 'type',
      arguments: ['type', 'PERSONAL'],
    },
  ]);

/**
 * Wise's guide "Profile Creation", "Handling duplicate Wise accounts"
 * (https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation): "creating multiple profiles with
 * the same details will fail with a 409 error". Wise gives no body; this one is ours.
 */
export const samePersonExists = () =>
  new ValidationError(409, [
    {
      code: 'NOT_UNIQUE',
      message:
        'A profile with these details already exists on another account: the customer may already have a Wise account to link',
      path: 'person',
      arguments: ['firstName', 'lastName', 'dateOfBirth'],
    },
  ]);

/**
 * Wise's sandbox person (https://docs.wise.com/guides/regional/brazil/cpf-cnpj-and-financial-capacity): in
 * the sandbox a CPF passes only on a profile named Test User, born 2000-01-01, so every Brazilian test
 * account is that person. In sandbox mode it is exempt from the same-person 409 (ours).
 */
export function isSandboxPerson(input: Pick<PersonalProfileInput, 'firstName' | 'lastName' | 'dateOfBirth'>) {
  return (
    input.firstName.toLowerCase() === 'test' &&
    input.lastName.toLowerCase() === 'user' &&
    input.dateOfBirth === '2000-01-01'
  );
}

/**
 * Creates the personal profile of the token's user. It is created by the token's partner, so the partner's
 * registration-code tokens see it (contract §5); an authorization-code token sees only what it was granted.
 * The same person on another user account is a 409 (`samePersonExists`), but for the sandbox person when
 * `rules.sandbox` (the platform's sandbox mode).
 */
export async function createPersonalProfile(
  profiles: ProfileStore,
  grant: UserGrant,
  input: PersonalProfileInput,
  now: Date,
  rules: { sandbox?: boolean } = {},
): Promise<PersonalProfile> {
  const profile = {
    ...input,
    userId: grant.userId,
    createdByClientId: grant.clientId,
    createdByGrantId: grant.grantId,
  };
  const created =
    rules.sandbox && isSandboxPerson(input)
      ? await profiles.create(profile, now)
      : await profiles.createPerson(profile, now);
  if (created === 'conflict') throw personalProfileExists();
  if (created === 'same-person') throw samePersonExists();
  return created as PersonalProfile;
}
