/**
 * Addresses (contract §8): `POST /v1/addresses` adds an address to a profile (the second step of the
 * legacy bank flow after `POST /v1/profiles`), `GET /v1/addresses/{id}` and `GET /v1/addresses?profile=`.
 *
 * Wise docs: https://docs.wise.com/api-reference/address
 *
 * @module
 */
import { readList, readShape, segment, sendAs } from './calls.js';
import type { ClientContext } from './context.js';
import type { RequestOptions } from './http.js';
import { isRecord } from './json.js';
import type { Occupation } from './profile-write-types.js';
import type { ProfileId } from './profiles.js';

/**
 * `details` of an address (contract §8), in Wise's v1 names.
 * @see https://docs.wise.com/api-reference/address
 */
export interface AddressDetails {
  /** ISO 3166-1 alpha-2, e.g. `US`. */
  readonly country: string;
  /** Street, house, apartment. */
  readonly firstLine: string;
  /** At most 30 characters; null in an answer when none was given. */
  readonly postCode?: string | null | undefined;
  readonly city: string;
  /** Required for US, CA, BR and AU; null in an answer elsewhere. */
  readonly state?: string | null | undefined;
  /** Required for CA, IN, JP, ID, IL, MX and the US state NM. */
  readonly occupations?: ReadonlyArray<Occupation> | undefined;
}

/**
 * Body of `POST /v1/addresses` (contract §8).
 * @see https://docs.wise.com/api-reference/address
 */
export interface AddressInput {
  readonly profile: ProfileId;
  readonly details: AddressDetails;
}

/**
 * Wise's address object (contract §8).
 * @see https://docs.wise.com/api-reference/address
 */
export interface Address {
  readonly id: number;
  readonly profile: ProfileId;
  readonly details: AddressDetails & { readonly [field: string]: unknown };
}

/**
 * `POST /v1/addresses` with a user token ("create or update"). Not retried: Wise documents no idempotency
 * for it.
 */
export async function createAddress(
  ctx: ClientContext,
  accessToken: string,
  input: AddressInput,
  options?: RequestOptions,
): Promise<Address> {
  const response = await sendAs(
    ctx,
    accessToken,
    { method: 'POST', path: '/v1/addresses', json: input, idempotent: false },
    options,
  );
  return readShape(response, isAddress, 'not an address');
}

/** `GET /v1/addresses/{addressId}` with a user token. */
export async function getAddress(
  ctx: ClientContext,
  accessToken: string,
  addressId: number | string,
  options?: RequestOptions,
): Promise<Address> {
  const response = await sendAs(
    ctx,
    accessToken,
    { method: 'GET', path: `/v1/addresses/${segment(addressId)}`, idempotent: true },
    options,
  );
  return readShape(response, isAddress, 'not an address');
}

/** `GET /v1/addresses?profile={profileId}` with a user token. */
export async function listAddresses(
  ctx: ClientContext,
  accessToken: string,
  profileId: ProfileId | string,
  options?: RequestOptions,
): Promise<Address[]> {
  const response = await sendAs(
    ctx,
    accessToken,
    { method: 'GET', path: `/v1/addresses?profile=${segment(profileId)}`, idempotent: true },
    options,
  );
  return readList(response, isAddress, 'not a list of addresses');
}

function isAddress(value: unknown): value is Address {
  return (
    isRecord(value) &&
    typeof value['id'] === 'number' &&
    typeof value['profile'] === 'number' &&
    isRecord(value['details'])
  );
}
