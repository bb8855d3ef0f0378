import type { TokenGrant } from './grants.js';

/**
 * The stored shape of a profile, a `Personal | Business` union (contract §8). The profile module
 * (`src/profiles/index.ts`) owns the concept; this file types it and `profiles.ts` persists it. A field is one
 * column (or one key of the `business` document), one entry here and in profiles.ts' `COLUMNS`/`toRecord`.
 */
export type ProfileType = 'PERSONAL' | 'BUSINESS';

export interface Address {
  addressFirstLine: string;
  city: string;
  countryIso3Code: string;
  postCode?: string | null;
  stateCode?: string | null;
}

/** The business fields of Wise's v2 business profile, stored in the `business` jsonb column. */
export const BUSINESS_FIELDS = [
  'businessName',
  'registrationNumber',
  'companyType',
  'companyRole',
  'descriptionOfBusiness',
  'webpage',
  'businessFreeFormDescription',
  'firstLevelCategory',
  'secondLevelCategory',
  'businessNameInKatakana',
  'acn',
  'abn',
  'arbn',
] as const;
export type BusinessDetails = { businessName: string } & Record<
  Exclude<(typeof BUSINESS_FIELDS)[number], 'businessName'>,
  string | null
> & {
    /** Wise's `operationalAddresses` (v2 business profile), in the same document. */
    operationalAddresses?: Address[];
  };

export interface ProfileCommon {
  id: number;
  publicId: string;
  userId: number;
  createdByClientId: string | null;
  phoneNumber: string | null;
  email: string | null;
  address: Address | null;
  /** The id of `address` in the addresses store (contract §8, https://docs.wise.com/api-reference/address). */
  addressId: number | null;
  createdAt: Date;
  updatedAt: Date;
  /** The email the user signs in with: Wise's v2 profile `email`, apart from `contactDetails.email`. */
  accountEmail: string;
  /** Bumped by every update (contract §8): an update names the version it read, so none is lost. */
  version: number;
  /** When the update window was opened (Wise's `POST /v1/profiles/{id}/update-window`); null: closed. */
  updateWindowOpenedAt: Date | null;
}

/** Fields only a personal profile has; null on a business profile. */
export interface PersonFields {
  firstName: string | null;
  lastName: string | null;
  preferredName: string | null;
  /** YYYY-MM-DD, never a Date: a date of birth has no time zone. */
  dateOfBirth: string | null;
  nationality: string | null;
  externalCustomerId: string | null;
  occupations: unknown[] | null;
}

type Nulls<T> = { [K in keyof T]: null };
/** The person fields of a business profile: all null. */
export const NO_PERSON_FIELDS: Readonly<Nulls<PersonFields>> = {
  firstName: null,
  lastName: null,
  preferredName: null,
  dateOfBirth: null,
  nationality: null,
  externalCustomerId: null,
  occupations: null,
};

export type PersonalProfile = ProfileCommon & PersonFields & { type: 'PERSONAL'; business: null };
export type BusinessProfile = ProfileCommon &
  Nulls<PersonFields> & { type: 'BUSINESS'; business: BusinessDetails };
export type ProfileRecord = PersonalProfile | BusinessProfile;

type Unsaved<T> = Omit<
  T,
  | 'id'
  | 'publicId'
  | 'addressId'
  | 'createdAt'
  | 'updatedAt'
  | 'accountEmail'
  | 'version'
  | 'updateWindowOpenedAt'
>;
export type NewPersonalProfile = Unsaved<PersonalProfile>;
export type NewBusinessProfile = Unsaved<BusinessProfile>;
export type NewProfile = NewPersonalProfile | NewBusinessProfile;

/** What an update may change: everything a new profile has, but the owner and the type. */
export type ProfileChanges = Omit<NewProfile, 'userId' | 'createdByClientId' | 'type'>;

export interface ProfileStore {
  /** Creates a profile; 'conflict' when the user already has a personal profile (decided by the unique index). */
  create(profile: NewProfile, now: Date): Promise<ProfileRecord | 'conflict'>;
  /**
   * Creates a personal profile unless the same person (names in any case, and date of birth) has one on
   * another user ('same-person', Wise's guide "Profile Creation": duplicate accounts are a 409) or the user
   * already has one ('conflict'). The check and the insert hold under concurrent requests (one lock per person).
   */
  createPerson(profile: NewPersonalProfile, now: Date): Promise<ProfileRecord | 'conflict' | 'same-person'>;
  /**
   * Whether the same person (names in any case, and date of birth) has a personal profile on another user
   * than `userId`; locks that person until the transaction ends, as `createPerson` does, so a write that
   * follows in the same `stores.transaction` holds under concurrent requests.
   */
  personElsewhere(
    userId: number,
    who: { firstName: string; lastName: string; dateOfBirth: string },
  ): Promise<boolean>;
  /** Creates a business profile unless the user already has one of that name and registration number. */
  createBusiness(profile: NewBusinessProfile, now: Date): Promise<ProfileRecord | 'conflict'>;
  /**
   * Replaces a profile's fields when its version is still `version`, bumping it; 'stale' when another
   * update came first (the caller reads again), null when there is no such profile.
   */
  update(
    id: number,
    version: number,
    changes: ProfileChanges,
    now: Date,
  ): Promise<ProfileRecord | 'stale' | null>;
  /** Opens (a time) or closes (null) the profile's update window; false when there is no such profile. */
  setUpdateWindow(id: number, openedAt: Date | null): Promise<boolean>;
  findById(id: number): Promise<ProfileRecord | null>;
  /** `findById` that also locks the row until the transaction ends: run it in `stores.transaction`. */
  lockById(id: number): Promise<ProfileRecord | null>;
  listByUser(userId: number): Promise<ProfileRecord[]>;
  /**
   * The profiles a user token may see (contract §5, §8): those named by its grant, and, for
   * registration-code grants, the profiles its partner created for that user.
   */
  listForGrant(
    grant: Pick<TokenGrant, 'clientId' | 'userId' | 'grantType' | 'profileIds'>,
  ): Promise<ProfileRecord[]>;
}
