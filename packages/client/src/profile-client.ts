/**
 * The members of `WiseClient` for profile writes, addresses, business people, users by id, verification
 * status and sandbox simulation (contract §8), kept apart from `wise-client.ts` so each file stays small.
 *
 * @module
 */
import type { Address, AddressInput } from './addresses.js';
import type { Director, DirectorInput, Ubo, UboInput } from './business-people.js';
import type {
  BusinessRepresentative,
  TransferBusinessRepresentativeInput,
  UpdateBusinessRepresentativeInput,
} from './business-representative.js';
import type { RequestOptions } from './http.js';
import type { LegacyBusinessDetailsInput, LegacyPersonalDetailsInput } from './legacy-profiles.js';
import type {
  CreateBusinessProfileInput,
  CreateBusinessProfileOptions,
  ProfileWriteResult,
  UpdateBusinessProfileInput,
  UpdatePersonalProfileInput,
} from './profile-write-types.js';
import type { LegacyProfile, ProfileId } from './profiles.js';
import type { WiseUser } from './users.js';
import type { BankTransferVerificationStatus } from './verification-status.js';

/** A profile id, as a number or as the string of one. */
type Id = ProfileId | string;

/**
 * Profile writes beyond create-personal, addresses, directors and UBOs, users by id, contact email,
 * verification status and simulation (contract §8). Each member takes a user access token first.
 * @see https://docs.wise.com/api-reference/profile
 */
export interface ProfileClient {
  /**
   * Creates a business profile (`POST /v2/profiles/business-profile`, contract §8; with `version: 'v3'`
   * the beta `POST /v3/profiles/business-profile` that takes `businessRepresentative`) with an
   * `X-idempotence-uuid` (given, or a random UUID), so it is retried safely. On v2 the user needs a
   * personal profile first. Wise documents no response body: the answer is returned with its `id` checked.
   * @see https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation
   * @see https://docs.wise.com/api-reference/profile
   */
  createBusinessProfile(
    accessToken: string,
    input: CreateBusinessProfileInput,
    options?: CreateBusinessProfileOptions,
  ): Promise<ProfileWriteResult>;

  /**
   * The representative of a business profile (`GET /v3/profiles/{id}/business-profile/business-representative`,
   * beta, contract §8). A personal profile's id, or one not granted, is a 404 `WiseApiError`.
   * @see https://docs.wise.com/api-reference/profile
   */
  getBusinessRepresentative(
    accessToken: string,
    profileId: Id,
    options?: RequestOptions,
  ): Promise<BusinessRepresentative>;

  /**
   * Updates the representative's details or transfers authority to a new person (`PUT …/business-representative`
   * with `updateContext` `UPDATE_DETAILS` or `TRANSFER_OF_AUTHORISATION`, contract §8). Retried (a PUT).
   * @see https://docs.wise.com/api-reference/profile
   */
  updateBusinessRepresentative(
    accessToken: string,
    profileId: Id,
    input: UpdateBusinessRepresentativeInput | TransferBusinessRepresentativeInput,
    options?: RequestOptions,
  ): Promise<BusinessRepresentative>;

  /**
   * Submits a new representative (`POST …/business-representative`, Wise's "Submit a new Business
   * Representative", contract §8): the whole new person. Not retried.
   * @see https://docs.wise.com/api-reference/profile
   */
  submitBusinessRepresentative(
    accessToken: string,
    profileId: Id,
    input: TransferBusinessRepresentativeInput,
    options?: RequestOptions,
  ): Promise<BusinessRepresentative>;

  /**
   * Updates a personal profile (`PUT /v2/profiles/{id}/personal-profile`, contract §8); open the update
   * window first. Retried (a PUT).
   * @see https://docs.wise.com/api-reference/profile
   * @see https://docs.wise.com/guides/product/kyc/partner-kyc/updating-profiles
   */
  updatePersonalProfile(
    accessToken: string,
    profileId: Id,
    input: UpdatePersonalProfileInput,
    options?: RequestOptions,
  ): Promise<ProfileWriteResult>;

  /**
   * Updates a business profile (`PUT /v2/profiles/{id}/business-profile`, contract §8); the body's `id`
   * is added from `profileId`. Retried (a PUT).
   * @see https://docs.wise.com/api-reference/profile
   */
  updateBusinessProfile(
    accessToken: string,
    profileId: Id,
    input: UpdateBusinessProfileInput,
    options?: RequestOptions,
  ): Promise<ProfileWriteResult>;

  /**
   * Opens the update window (`POST /v1/profiles/{id}/update-window`, contract §8). Wise asks for it around
   * every profile update, even when nothing changed.
   * @see https://docs.wise.com/guides/product/kyc/partner-kyc/updating-profiles
   */
  openUpdateWindow(accessToken: string, profileId: Id, options?: RequestOptions): Promise<void>;

  /**
   * Closes the update window (`DELETE /v1/profiles/{id}/update-window`, contract §8).
   * @see https://docs.wise.com/guides/product/kyc/partner-kyc/updating-profiles
   */
  closeUpdateWindow(accessToken: string, profileId: Id, options?: RequestOptions): Promise<void>;

  /**
   * Legacy personal create (`POST /v1/profiles` `{"type":"personal","details"}`, contract §8): four
   * fields, no address (add it with {@link ProfileClient.createAddress}). Not retried.
   * @see https://docs.wise.com/guides/developer/errors
   */
  createLegacyPersonalProfile(
    accessToken: string,
    details: LegacyPersonalDetailsInput,
    options?: RequestOptions,
  ): Promise<LegacyProfile>;

  /**
   * Legacy business create (`POST /v1/profiles` `{"type":"business","details"}`, contract §8). Not
   * retried.
   * @see https://docs.wise.com/api-reference/profile
   */
  createLegacyBusinessProfile(
    accessToken: string,
    details: LegacyBusinessDetailsInput,
    options?: RequestOptions,
  ): Promise<LegacyProfile>;

  /**
   * Adds an address to a profile (`POST /v1/addresses`, contract §8). Not retried.
   * @see https://docs.wise.com/api-reference/address
   */
  createAddress(accessToken: string, input: AddressInput, options?: RequestOptions): Promise<Address>;

  /**
   * One address (`GET /v1/addresses/{id}`, contract §8).
   * @see https://docs.wise.com/api-reference/address
   */
  getAddress(accessToken: string, addressId: number | string, options?: RequestOptions): Promise<Address>;

  /**
   * The addresses of a profile (`GET /v1/addresses?profile={id}`, contract §8).
   * @see https://docs.wise.com/api-reference/address
   */
  listAddresses(accessToken: string, profileId: Id, options?: RequestOptions): Promise<Address[]>;

  /**
   * The directors of a business profile (`GET /v1/profiles/{id}/directors`, contract §8).
   * @see https://docs.wise.com/api-reference/profile
   */
  getDirectors(accessToken: string, profileId: Id, options?: RequestOptions): Promise<Director[]>;

  /**
   * Adds directors (`POST /v1/profiles/{id}/directors`, contract §8); answers all of them. Not retried.
   * @see https://docs.wise.com/api-reference/profile
   */
  addDirectors(
    accessToken: string,
    profileId: Id,
    directors: ReadonlyArray<DirectorInput>,
    options?: RequestOptions,
  ): Promise<Director[]>;

  /**
   * Replaces the directors (`PUT /v1/profiles/{id}/directors`, contract §8); answers the new list.
   * @see https://docs.wise.com/api-reference/profile
   */
  replaceDirectors(
    accessToken: string,
    profileId: Id,
    directors: ReadonlyArray<DirectorInput>,
    options?: RequestOptions,
  ): Promise<Director[]>;

  /**
   * The ultimate beneficial owners (`GET /v1/profiles/{id}/ubos`, contract §8).
   * @see https://docs.wise.com/api-reference/profile
   */
  getUbos(accessToken: string, profileId: Id, options?: RequestOptions): Promise<Ubo[]>;

  /**
   * Adds ultimate beneficial owners (`POST /v1/profiles/{id}/ubos`, contract §8). Not retried.
   * @see https://docs.wise.com/api-reference/profile
   */
  addUbos(
    accessToken: string,
    profileId: Id,
    owners: ReadonlyArray<UboInput>,
    options?: RequestOptions,
  ): Promise<Ubo[]>;

  /**
   * Replaces the ultimate beneficial owners (`PUT /v1/profiles/{id}/ubos`, contract §8).
   * @see https://docs.wise.com/api-reference/profile
   */
  replaceUbos(
    accessToken: string,
    profileId: Id,
    owners: ReadonlyArray<UboInput>,
    options?: RequestOptions,
  ): Promise<Ubo[]>;

  /**
   * A user by id (`GET /v1/users/{id}`, contract §8), the same object as {@link WiseClient.me}.
   * @see https://docs.wise.com/api-reference/user
   */
  getUser(accessToken: string, userId: number | string, options?: RequestOptions): Promise<WiseUser>;

  /**
   * The user's contact email (`GET /v1/users/{id}/contact-email`, contract §8).
   * @see https://docs.wise.com/api-reference/user
   */
  getContactEmail(accessToken: string, userId: number | string, options?: RequestOptions): Promise<string>;

  /**
   * Sets the user's contact email (`PUT /v1/users/{id}/contact-email`, contract §8); answers it.
   * @see https://docs.wise.com/api-reference/user
   */
  setContactEmail(
    accessToken: string,
    userId: number | string,
    email: string,
    options?: RequestOptions,
  ): Promise<string>;

  /**
   * The profile's verification status per source currency (`POST
   * /v3/profiles/{id}/verification-status/bank-transfer?source_currencies=…`, contract §8), Wise's body.
   * @see https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation
   * @see https://docs.wise.com/api-reference/profile
   */
  bankTransferVerificationStatus(
    accessToken: string,
    profileId: Id,
    sourceCurrencies: ReadonlyArray<string>,
    options?: RequestOptions,
  ): Promise<BankTransferVerificationStatus>;

  /**
   * Sandbox: verifies one profile (`POST /v1/simulation/profiles/{id}/verifications`, contract §8) with
   * a user token, or with the client-credentials token when `accessToken` is `null`.
   * @see https://docs.wise.com/api-reference/simulation
   */
  simulateProfileVerification(
    accessToken: string | null,
    profileId: Id,
    options?: RequestOptions,
  ): Promise<void>;

  /**
   * Sandbox: verifies every profile of the token's user (`POST /v1/simulation/verify-profile`, contract
   * §8).
   * @see https://docs.wise.com/api-reference/simulation
   */
  simulateUserVerification(accessToken: string, options?: RequestOptions): Promise<void>;
}
