/**
 * Profiles (contract §8): list and read the profiles a user token was granted and the legacy v1 list,
 * and read a date of birth from either shape to check that a linked account is the same natural person
 * (contract §10.6). The writes are in `profile-writes.ts` and `legacy-profiles.ts`.
 *
 * Wise docs: https://docs.wise.com/api-reference/profile
 *
 * @module
 */
import { bearer, type ClientContext } from './context.js';
import { WiseResponseError } from './errors.js';
import { type HttpResponse, type RequestOptions, readJson } from './http.js';
import { isRecord } from './json.js';
import type { WiseUser } from './users.js';

/**
 * Profile ids are integers on Wise (contract §4 callback `profileId`, §8, §9).
 * @see https://docs.wise.com/api-reference/profile/profilelist
 */
export type ProfileId = number;

/**
 * A profile address (v2, contract §8). Only the fields the contract names are typed.
 * @see https://docs.wise.com/api-reference/profile/profilelist
 */
export interface ProfileAddress {
  /** The address id, as `GET /v1/addresses/{id}` takes it. */
  readonly id?: number;
  readonly addressFirstLine?: string;
  readonly countryIso2Code?: string | null;
  readonly city?: string;
  readonly countryIso3Code?: string;
  readonly postCode?: string | null;
  readonly stateCode?: string | null;
  readonly [field: string]: unknown;
}

/** Fields both v2 profile types share. */
interface ProfileBase {
  readonly id: ProfileId;
  readonly publicId?: string;
  readonly userId?: number;
  readonly address?: ProfileAddress | null;
  readonly email?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  /** Link to the avatar image, or null. */
  readonly avatar?: string | null;
  /** `VISIBLE`, `HIDDEN`, `DEACTIVATED`. */
  readonly currentState?: string;
  readonly contactDetails?: {
    readonly email?: string | null;
    readonly phoneNumber?: string | null;
  } | null;
  readonly [field: string]: unknown;
}

/**
 * A personal profile from `GET /v2/profiles` (contract §8).
 * @see https://docs.wise.com/api-reference/profile/profilelist
 */
export interface PersonalProfile extends ProfileBase {
  readonly type: 'PERSONAL';
  readonly firstName?: string;
  readonly lastName?: string;
  readonly preferredName?: string | null;
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth?: string;
  readonly phoneNumber?: string | null;
  readonly fullName?: string;
}

/**
 * A business profile from `GET /v2/profiles` (contract §8), with the business fields Wise documents.
 * @see https://docs.wise.com/api-reference/profile/profilelist
 */
export interface BusinessProfile extends ProfileBase {
  readonly type: 'BUSINESS';
  readonly businessName?: string;
  readonly registrationNumber?: string | null;
  readonly descriptionOfBusiness?: string | null;
  readonly webpage?: string | null;
  readonly companyType?: string | null;
  readonly businessFreeFormDescription?: string | null;
  readonly firstLevelCategory?: string | null;
  readonly secondLevelCategory?: string | null;
  readonly operationalAddresses?: ReadonlyArray<ProfileAddress>;
  readonly fullName?: string;
}

/**
 * A v2 profile (contract §8), told apart by `type`.
 * @see https://docs.wise.com/api-reference/profile/profilelist
 */
export type Profile = PersonalProfile | BusinessProfile;

/**
 * A profile from the legacy `GET /v1/profiles` (contract §8): lower-case type, fields under `details`.
 * @see https://docs.wise.com/api-reference/profile
 */
export interface LegacyProfile {
  readonly id: ProfileId;
  readonly type: 'personal' | 'business';
  readonly details: {
    readonly firstName?: string;
    readonly lastName?: string;
    /** `YYYY-MM-DD` (personal profiles). */
    readonly dateOfBirth?: string;
    readonly [field: string]: unknown;
  };
}

/** `GET /v2/profiles` with a user token: only the profiles this token was granted (contract §8). */
export async function listProfiles(
  ctx: ClientContext,
  accessToken: string,
  options?: RequestOptions,
): Promise<Profile[]> {
  const response = await get(ctx, '/v2/profiles', accessToken, options);
  return readArray(response, isProfile, 'not a list of profiles');
}

/** `GET /v2/profiles/{id}` with a user token (contract §8). */
export async function getProfile(
  ctx: ClientContext,
  accessToken: string,
  profileId: ProfileId | string,
  options?: RequestOptions,
): Promise<Profile> {
  const response = await get(
    ctx,
    `/v2/profiles/${encodeURIComponent(String(profileId))}`,
    accessToken,
    options,
  );
  const json = readJson(response);
  if (!isProfile(json))
    throw new WiseResponseError(response.endpoint, response.status, response.body, 'not a profile');
  return json;
}

/** `GET /v1/profiles` (legacy) with a user token (contract §8). */
export async function listLegacyProfiles(
  ctx: ClientContext,
  accessToken: string,
  options?: RequestOptions,
): Promise<LegacyProfile[]> {
  const response = await get(ctx, '/v1/profiles', accessToken, options);
  return readArray(response, isLegacyProfile, 'not a list of legacy profiles');
}

/**
 * Narrows a v2 profile to a personal one (contract §8).
 * @see https://docs.wise.com/api-reference/profile/profilelist
 */
export function isPersonalProfile(profile: Profile): profile is PersonalProfile {
  return profile.type === 'PERSONAL';
}

/**
 * The date of birth (`YYYY-MM-DD` as sent) of a v2 personal profile, a legacy v1 personal profile, or a
 * `/v1/me` user (contract §8); `undefined` for business profiles or when absent.
 * @see https://docs.wise.com/api-reference/profile/profilelist
 * @see https://docs.wise.com/api-reference/profile
 */
export function dateOfBirthOf(subject: Profile | LegacyProfile | WiseUser): string | undefined {
  let value: unknown;
  if ('type' in subject && subject.type === 'PERSONAL') value = subject.dateOfBirth;
  else if ('type' in subject && subject.type === 'personal') value = subject.details.dateOfBirth;
  else if (!('type' in subject)) value = subject.details?.dateOfBirth;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Whether the subject's date of birth equals `expected` (`YYYY-MM-DD`): the same-person check after
 * linking an existing account (contract §10.6, on the §8 shapes). Compares the calendar date only, so a
 * server that adds a time part still matches; false when either date is missing or malformed.
 * @see https://docs.wise.com/api-reference/profile/profilelist
 * @see https://docs.wise.com/api-docs/features/authentication-access/linking-accounts
 */
export function dateOfBirthMatches(subject: Profile | LegacyProfile | WiseUser, expected: string): boolean {
  const actual = calendarDate(dateOfBirthOf(subject));
  return actual !== undefined && actual === calendarDate(expected);
}

function calendarDate(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value.trim());
  return match?.[1];
}

function get(ctx: ClientContext, path: string, accessToken: string, options: RequestOptions | undefined) {
  return ctx.http.send({
    method: 'GET',
    path,
    headers: bearer(accessToken),
    idempotent: true,
    signal: options?.signal,
    timeoutMs: options?.timeoutMs,
  });
}

function readArray<T>(response: HttpResponse, guard: (v: unknown) => v is T, reason: string): T[] {
  const json = readJson(response);
  if (!Array.isArray(json) || !json.every(guard)) {
    throw new WiseResponseError(response.endpoint, response.status, response.body, reason);
  }
  return json;
}

function isProfile(value: unknown): value is Profile {
  return (
    isRecord(value) &&
    typeof value['id'] === 'number' &&
    (value['type'] === 'PERSONAL' || value['type'] === 'BUSINESS')
  );
}

/** Whether a JSON value is a legacy v1 profile `{id, type, details}` (contract §8). */
export function isLegacyProfile(value: unknown): value is LegacyProfile {
  return (
    isRecord(value) &&
    typeof value['id'] === 'number' &&
    (value['type'] === 'personal' || value['type'] === 'business') &&
    isRecord(value['details'])
  );
}
