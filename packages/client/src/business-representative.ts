/**
 * The Business Representative of a business profile (contract §8, beta on Wise): read it, update its
 * details, or transfer authority to a new person. The representative is shared by every business of the
 * user, so a change shows on all of them.
 *
 * Wise docs: https://docs.wise.com/api-reference/profile
 *
 * @module
 */
import { readShape, segment, sendAs } from './calls.js';
import type { ClientContext } from './context.js';
import type { RequestOptions } from './http.js';
import { isRecord } from './json.js';
import type { ProfileId } from './profiles.js';

/**
 * The representative's address (contract §8): `countryIso3Code` lower case; `stateCode` (at most 5
 * characters) required for US, CA, BR and AU.
 * @see https://docs.wise.com/api-reference/profile
 */
export interface BusinessRepresentativeAddress {
  readonly addressFirstLine: string;
  readonly city: string;
  readonly countryIso3Code: string;
  readonly postCode?: string | null;
  readonly stateCode?: string | null;
}

/**
 * The person's fields of Wise's business-representative bodies (contract §8).
 * @see https://docs.wise.com/api-reference/profile
 */
export interface BusinessRepresentativeDetails {
  readonly firstName: string;
  readonly lastName: string;
  readonly preferredName: string | null;
  readonly address: BusinessRepresentativeAddress | null;
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth: string;
  readonly contactDetails: { readonly email: string | null; readonly phoneNumber: string | null };
}

/**
 * The representative as the platform answers it (contract §8; Wise documents no response body): the
 * request's fields and `businessRepresentativeId`, the id to share it with another business.
 * @see https://docs.wise.com/api-reference/profile
 */
export interface BusinessRepresentative extends BusinessRepresentativeDetails {
  readonly businessRepresentativeId: number;
}

/**
 * Wise's "Update Details" body (contract §8): any of the person's fields; those left out keep their
 * values (`address` and `contactDetails` field by field). Names, birth date and address need the update
 * window open once the person is verified.
 * @see https://docs.wise.com/api-reference/profile
 */
export interface UpdateBusinessRepresentativeInput {
  readonly updateContext: 'UPDATE_DETAILS';
  readonly firstName?: string;
  readonly lastName?: string;
  readonly preferredName?: string | null;
  readonly address?: Partial<BusinessRepresentativeAddress>;
  readonly dateOfBirth?: string;
  readonly contactDetails?: { readonly email?: string; readonly phoneNumber?: string };
  readonly actorEmail?: string;
}

/**
 * Wise's "Transfer of Authorisation" body (contract §8): the whole new person (every field but `postCode`
 * required, `preferredName` too). `updateContext` may be left out on POST.
 * @see https://docs.wise.com/api-reference/profile
 */
export interface TransferBusinessRepresentativeInput {
  readonly updateContext?: 'TRANSFER_OF_AUTHORISATION';
  readonly firstName: string;
  readonly lastName: string;
  readonly preferredName: string;
  readonly address: BusinessRepresentativeAddress;
  readonly dateOfBirth: string;
  readonly contactDetails: { readonly email: string; readonly phoneNumber: string };
  readonly actorEmail?: string;
}

const path = (profileId: ProfileId | string) =>
  `/v3/profiles/${segment(profileId)}/business-profile/business-representative`;

/** `GET`, `PUT` or `POST /v3/profiles/{id}/business-profile/business-representative` with a user token. */
export async function businessRepresentative(
  ctx: ClientContext,
  accessToken: string,
  profileId: ProfileId | string,
  method: 'GET' | 'PUT' | 'POST',
  input: UpdateBusinessRepresentativeInput | TransferBusinessRepresentativeInput | undefined,
  options?: RequestOptions,
): Promise<BusinessRepresentative> {
  const response = await sendAs(
    ctx,
    accessToken,
    // A POST submits a new person: not repeated on its own; reading and PUT are safe to repeat.
    { method, path: path(profileId), json: input, idempotent: method !== 'POST' },
    options,
  );
  return readShape(response, isRepresentative, 'not a business representative');
}

function isRepresentative(value: unknown): value is BusinessRepresentative {
  return (
    isRecord(value) &&
    typeof value['businessRepresentativeId'] === 'number' &&
    typeof value['firstName'] === 'string' &&
    typeof value['lastName'] === 'string'
  );
}
