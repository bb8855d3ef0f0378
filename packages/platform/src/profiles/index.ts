/**
 * The profile module (contract §8): everything the platform knows about a profile, in one place, used by
 * the API (`api/profiles.ts`), the hosted pages (`interaction/steps/profile*.ts`) and the seed (`seed.ts`).
 *
 * - The shape: a `Personal | Business` union, `ProfileRecord`, persisted by the one store,
 *   `store/profiles.ts` (business fields are the keys of its `business` document, `BUSINESS_FIELDS`).
 * - The rules: `parsePersonalProfile` / `parseBusinessProfile` (personal.ts, business.ts, address.ts,
 *   fields.ts). One validator for every way in; `sources.ts` says only which fields each way requires.
 * - The wire: `v2Profile`, `v1Profile` and `meDetails` (wire.ts), one mapper per API version; the name the
 *   pages show is `profileName` (display.ts), built on the v2 `fullName`.
 *
 * Adding a field (say `middleName` on personal profiles): a migration adding the column; the type, `COLUMNS`,
 * the insert and `toRecord` in store/profiles.ts; its rule in parsePersonalProfile; its place in the wire
 * mappers; and the client's `PersonalProfile` type (packages/client/src/profiles.ts). A business field is a
 * new key in `BUSINESS_FIELDS` (no migration: the `business` column is a document), its rule in
 * parseBusinessProfile if it is more than free text, and the wire mappers. Nothing outside this module
 * and its store changes, unless a page is to ask for the field.
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
export { meDetails, v1Profile, v2Profile } from './wire.js';

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
