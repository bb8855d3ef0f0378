/**
 * The bodies of the profile writes (contract §8): create and update a personal or business profile, and
 * what Wise answers. Field names, casing and nesting are Wise's; the client sends the input as given (the
 * server validates it), so an input equal to Wise's example is sent byte for byte as that example.
 *
 * Wise docs: https://docs.wise.com/api-reference/profile,
 * https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation
 *
 * @module
 */
import type { RequestOptions } from './http.js';
import type { ProfileId } from './profiles.js';

/**
 * The address of a personal profile write (contract §8).
 * @see https://docs.wise.com/api-reference/profile
 */
export interface PersonalProfileAddressInput {
  readonly addressFirstLine: string;
  readonly city: string;
  /** ISO 3166-1 alpha-3 in lower case, e.g. `bra`, `usa`. */
  readonly countryIso3Code: string;
  readonly postCode?: string | undefined;
  /** At most 5 characters; required for the US, CA, BR and AU. */
  readonly stateCode?: string | undefined;
}

/**
 * An occupation (contract §8): any free text as `code`, `format` always `FREE_FORM`. Required for CA, IN,
 * JP, ID, IL, MX and the US state NM.
 * @see https://docs.wise.com/api-reference/profile
 */
export interface Occupation {
  readonly code: string;
  readonly format: 'FREE_FORM' | (string & {});
}

/**
 * Body of `PUT /v2/profiles/{id}/personal-profile` (contract §8): the create body without
 * `externalCustomerId`.
 * @see https://docs.wise.com/api-reference/profile
 */
export interface UpdatePersonalProfileInput {
  /** At most 30 characters (truncate longer names), none of `%#^@{}"!~<>` and backtick. */
  readonly firstName: string;
  /** At most 30 characters, same character rules. */
  readonly lastName: string;
  readonly preferredName?: string | null | undefined;
  /** Katakana; required for transfers from JPY. */
  readonly firstNameInKana?: string | null | undefined;
  /** Katakana; required for transfers from JPY. */
  readonly lastNameInKana?: string | null | undefined;
  readonly address: PersonalProfileAddressInput;
  /** ISO 3166-1 alpha-3 in lower case. */
  readonly nationality?: string | undefined;
  /** `YYYY-MM-DD`, a real past date. */
  readonly dateOfBirth: string;
  readonly contactDetails: {
    readonly email: string;
    /** International format, e.g. `+5511987654321`. */
    readonly phoneNumber: string;
  };
  readonly occupations?: ReadonlyArray<Occupation> | undefined;
}

/**
 * Body of `POST /v2/profiles/personal-profile` (contract §8).
 * @see https://docs.wise.com/api-reference/profile
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation
 */
export interface CreatePersonalProfileInput extends UpdatePersonalProfileInput {
  /** The partner's own id of the customer. */
  readonly externalCustomerId?: string | undefined;
}

/**
 * What `POST /v2/profiles/personal-profile` answers (contract §8): Wise's documented body, the profile id
 * with the submitted details under `details`, plus `localizedInformation`. Not the shape of
 * `GET /v2/profiles` (read that with `getProfile` when the full object is needed).
 * @see https://docs.wise.com/api-reference/profile
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation
 */
export interface CreatedPersonalProfile {
  readonly id: ProfileId;
  readonly type: 'personal';
  readonly details: {
    readonly firstName?: string;
    readonly lastName?: string;
    readonly preferredName?: string | null;
    /** The address as sent; `postCode` and `stateCode` null when not given. */
    readonly address?: {
      readonly addressFirstLine: string;
      readonly city: string;
      readonly countryIso3Code: string;
      readonly postCode?: string | null;
      readonly stateCode?: string | null;
    } | null;
    readonly nationality?: string | null;
    /** `YYYY-MM-DD`. */
    readonly dateOfBirth?: string;
    readonly externalCustomerId?: string | null;
    readonly contactDetails?: { readonly email?: string | null; readonly phoneNumber?: string | null };
    readonly occupations?: ReadonlyArray<Occupation>;
    readonly localizedInformation?: ReadonlyArray<unknown>;
    readonly [field: string]: unknown;
  };
}

/**
 * Options of the profile creates, personal and business (contract §8 `X-idempotence-uuid`).
 * @see https://docs.wise.com/api-reference/profile
 */
export interface CreateProfileOptions extends RequestOptions {
  /**
   * The `X-idempotence-uuid` header, a UUID. Pass one you generated once and stored with the customer to
   * be able to repeat the call safely after a crash (Wise answers the first response again); a random
   * UUID is used when omitted, which still makes the client's own retries safe. Without the header Wise
   * answers 409 when the profile already exists.
   */
  readonly idempotencyKey?: string | undefined;
}

/**
 * Options of `createPersonalProfile` (contract §8): the same as {@link CreateProfileOptions}.
 * @see https://docs.wise.com/api-reference/profile
 */
export type CreatePersonalProfileOptions = CreateProfileOptions;

/**
 * A business address (contract §8); countries in lower case.
 * @see https://docs.wise.com/api-reference/profile
 */
export interface BusinessAddressInput {
  readonly addressFirstLine: string;
  readonly city: string;
  readonly countryIso2Code?: string | undefined;
  readonly countryIso3Code: string;
  readonly postCode?: string | undefined;
  readonly stateCode?: string | undefined;
}

/**
 * Body of `PUT /v2/profiles/{id}/business-profile` (contract §8) without `id`, which the client adds from
 * the path (Wise: it "must match the business profile ID supplied in the URL").
 * @see https://docs.wise.com/api-reference/profile
 */
export interface UpdateBusinessProfileInput {
  readonly businessName?: string | undefined;
  readonly businessNameInKatakana?: string | null | undefined;
  /** Required when `companyType` is `OTHER`. */
  readonly businessFreeFormDescription?: string | undefined;
  readonly registrationNumber?: string | undefined;
  /** Australian businesses only. */
  readonly acn?: string | null | undefined;
  readonly abn?: string | null | undefined;
  readonly arbn?: string | null | undefined;
  /** `LIMITED`, `PARTNERSHIP`, `SOLE_TRADER`, … `OTHER`. */
  readonly companyType?: string | undefined;
  readonly address?: BusinessAddressInput | undefined;
  /** e.g. `CONSULTING_IT_BUSINESS_SERVICES`. */
  readonly firstLevelCategory?: string | undefined;
  /** A sub-category of `firstLevelCategory`, e.g. `DESIGN`. */
  readonly secondLevelCategory?: string | undefined;
  readonly operationalAddresses?: ReadonlyArray<BusinessAddressInput> | undefined;
  /** Required when `companyType` is `OTHER`. */
  readonly webpage?: string | undefined;
}

/**
 * Body of `POST /v2/profiles/business-profile` (contract §8). Wise requires the user to have a personal
 * profile (the authorised representative) first.
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation
 * @see https://docs.wise.com/api-reference/profile
 */
export interface CreateBusinessProfileInput extends UpdateBusinessProfileInput {
  readonly businessName: string;
  readonly companyType: string;
  /** `OWNER`, `DIRECTOR` or `OTHER`: the user's role in the business. */
  readonly companyRole?: string | undefined;
  readonly address: BusinessAddressInput;
  readonly externalCustomerId?: string | undefined;
  /** The email of the person acting for the business. */
  readonly actorEmail?: string | undefined;
  /**
   * The authorised representative, for the v3 (beta) create only ({@link CreateBusinessProfileOptions}):
   * the person's details, or `{businessRepresentativeId}` alone to share one from an earlier create.
   */
  readonly businessRepresentative?: BusinessRepresentativeInput | undefined;
}

/**
 * The authorised representative of a v3 business create (contract §8): the person, or the id of one
 * already created.
 * @see https://docs.wise.com/api-reference/profile
 */
export type BusinessRepresentativeInput =
  | { readonly businessRepresentativeId: number | string }
  | {
      readonly firstName: string;
      readonly lastName: string;
      readonly preferredName?: string | undefined;
      readonly address: PersonalProfileAddressInput;
      /** `YYYY-MM-DD`. */
      readonly dateOfBirth: string;
      readonly contactDetails: { readonly email: string; readonly phoneNumber: string };
    };

/**
 * Options of `createBusinessProfile` (contract §8): `version` `'v3'` sends the reference page's beta
 * `POST /v3/profiles/business-profile` (business and representative in one request); the default `'v2'`
 * is the partner-KYC guide's `POST /v2/profiles/business-profile`, which needs a personal profile first.
 * @see https://docs.wise.com/api-reference/profile
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation
 */
export interface CreateBusinessProfileOptions extends CreateProfileOptions {
  readonly version?: 'v2' | 'v3' | undefined;
}

/**
 * What a business create or a profile update answers (contract §8). Wise documents no response body for
 * these calls, so only the profile `id` is checked and every other field is passed through as answered.
 * @see https://docs.wise.com/api-reference/profile
 */
export interface ProfileWriteResult {
  readonly id: ProfileId;
  readonly [field: string]: unknown;
}
