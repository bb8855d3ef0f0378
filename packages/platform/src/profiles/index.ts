/**
 * The profile module (contract §8): everything the platform knows about a profile, in one place, used by
 * the API (`api/profiles-v2.ts`, `api/profiles-v1.ts`, `api/profile-updates.ts`), the hosted pages (`interaction/steps/profile*.ts`) and the seed (`seed.ts`).
 *
 * - The shape: a `Personal | Business` union, `ProfileRecord`, persisted by the one store,
 *   `store/profiles.ts` (business fields are the keys of its `business` document, `BUSINESS_FIELDS`).
 * - The rules: `parsePersonalProfile` / `parseBusinessProfile` (personal.ts, business.ts, address.ts,
 *   fields.ts). One validator for every way in; `sources.ts` says only which fields each way requires.
 * - The wire: `v2Profile`, `v1Profile` and `meDetails` (wire.ts), one mapper per API version; the name the
 *   pages show is `profileName` (display.ts), built on the v2 `fullName`.
 *
 * Where a new field goes (say `middleName` on personal profiles):
 * 1. a migration adding the column (`migrations/`, next number);
 * 2. store/profile-types.ts: `PersonFields` and `NO_PERSON_FIELDS`; store/profiles.ts: `Row`, `COLUMNS`, the
 *    insert, the update and `toRecord`;
 * 3. its rule in `parsePersonalProfile` (personal.ts), with the existing field checks of fields.ts;
 * 4. its place in `v2Profile` / `v1Profile` (wire.ts), as Wise's profile pages show it;
 * 5. the client: `PersonalProfile` and `CreatePersonalProfileInput` in packages/client/src/profiles.ts.
 * A business field is a key of `BUSINESS_FIELDS` instead (no migration: `business` is a jsonb document; it
 * is free text up to 500 characters unless parseBusinessProfile gives it a rule), plus the wire mappers.
 * The API routes, the hosted pages and the seed take the field as it comes; a page shows it only if it is
 * added to the profile form.
 */
import { ValidationError } from '../errors/errors.js';
import type { NewProfile } from '../store/profiles.js';
import { parseBusinessProfile } from './business.js';
import { parsePersonalProfile } from './personal.js';
import type { ProfileSource } from './sources.js';

export type {
  BusinessDetails,
  BusinessProfile,
  NewProfile,
  PersonalProfile,
  ProfileRecord,
  ProfileType,
} from '../store/profiles.js';
export { MAX_BUSINESS_NAME, parseBusinessProfile } from './business.js';
export { fullName, profileName } from './display.js';
export { FORBIDDEN_NAME_CHARACTERS, MAX_NAME, parsePersonalProfile } from './personal.js';
export type { ProfileSource } from './sources.js';
export { createdPersonalProfile, meDetails, v1Profile, v2Profile, wiseTime } from './wire.js';

/** Who a new profile belongs to, and which partner (if any) created it. */
export interface ProfileOwner {
  userId: number;
  createdByClientId: string | null;
}

/** The profile type of a body: `PERSONAL` or `BUSINESS` in any case; absent means personal. */
function typeOf(input: Record<string, unknown>, prefix: string): 'PERSONAL' | 'BUSINESS' {
  const raw = input['type'];
  if (raw === undefined || raw === null) return 'PERSONAL';
  const type = typeof raw === 'string' ? raw.toUpperCase() : '';
  if (type === 'PERSONAL' || type === 'BUSINESS') return type;
  throw new ValidationError(422, [
    {
      code: 'ERROR',
      message: 'type must be PERSONAL or BUSINESS',
      path: `${prefix}type`,
      arguments: ['type'],
    },
  ]);
}

/**
 * A new profile of either type from a body, validated by the one set of rules; throws a 422
 * ValidationError listing every problem. Save it with `stores.profiles.create`.
 */
export function newProfile(
  input: Record<string, unknown>,
  owner: ProfileOwner,
  now: Date,
  options: { prefix?: string; source?: ProfileSource } = {},
): NewProfile {
  if (typeOf(input, options.prefix ?? '') === 'BUSINESS') {
    return { ...parseBusinessProfile(input, options), ...owner };
  }
  return { ...parsePersonalProfile(input, now, options), ...owner };
}

/** A business profile of `userId` from Wise's business fields, as the API would accept it. */
export function newBusinessProfile(
  userId: number,
  input: Record<string, unknown>,
  createdByClientId: string | null,
): NewProfile {
  return { ...parseBusinessProfile(input), userId, createdByClientId };
}
