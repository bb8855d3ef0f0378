/**
 * Directors and ultimate beneficial owners of a business profile (contract §8): get, add (`POST`, the
 * given people are added) and replace (`PUT`, the list becomes the given people). Each answers the whole
 * list.
 *
 * Wise docs: https://docs.wise.com/api-reference/profile
 *
 * @module
 */
import { readList, segment, sendAs } from './calls.js';
import type { ClientContext } from './context.js';
import type { RequestOptions } from './http.js';
import { isRecord } from './json.js';
import type { ProfileId } from './profiles.js';

/**
 * A director to add (contract §8).
 * @see https://docs.wise.com/api-reference/profile
 */
export interface DirectorInput {
  readonly firstName: string;
  readonly lastName: string;
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth: string;
  /** ISO 3166-1 alpha-3, lower case, e.g. `usa`. */
  readonly countryOfResidenceIso3Code: string;
}

/**
 * A director as Wise answers it (contract §8): an integer `id`.
 * @see https://docs.wise.com/api-reference/profile
 */
export interface Director extends DirectorInput {
  readonly id: number;
}

/**
 * An ultimate beneficial owner to add (contract §8).
 * @see https://docs.wise.com/api-reference/profile
 */
export interface UboInput {
  /** Full name. */
  readonly name: string;
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth: string;
  readonly countryOfResidenceIso3Code: string;
  readonly addressFirstLine: string;
  readonly postCode: string;
  /** Percentage of ownership; `null` where Wise does not require it. */
  readonly ownershipPercentage: number | null;
}

/**
 * An ultimate beneficial owner as Wise answers it (contract §8): a hexadecimal string `id`.
 * @see https://docs.wise.com/api-reference/profile
 */
export interface Ubo extends Omit<UboInput, 'postCode'> {
  readonly id: string;
  /** Null when none was given (the post code is optional). */
  readonly postCode: string | null;
}

/** Which list, and how: read, add to it, or replace it. */
type Verb = 'GET' | 'POST' | 'PUT';

/** `GET`, `POST` or `PUT /v1/profiles/{id}/directors` with a user token; POST is not retried. */
export async function directors(
  ctx: ClientContext,
  accessToken: string,
  profileId: ProfileId | string,
  verb: Verb,
  people: ReadonlyArray<DirectorInput> | undefined,
  options?: RequestOptions,
): Promise<Director[]> {
  const response = await sendAs(ctx, accessToken, call(profileId, 'directors', verb, people), options);
  return readList(response, isDirector, 'not a list of directors');
}

/** `GET`, `POST` or `PUT /v1/profiles/{id}/ubos` with a user token; POST is not retried. */
export async function ubos(
  ctx: ClientContext,
  accessToken: string,
  profileId: ProfileId | string,
  verb: Verb,
  people: ReadonlyArray<UboInput> | undefined,
  options?: RequestOptions,
): Promise<Ubo[]> {
  const response = await sendAs(ctx, accessToken, call(profileId, 'ubos', verb, people), options);
  return readList(response, isUbo, 'not a list of ultimate beneficial owners');
}

function call(profileId: ProfileId | string, list: string, verb: Verb, people: unknown) {
  return {
    method: verb,
    path: `/v1/profiles/${segment(profileId)}/${list}`,
    json: verb === 'GET' ? undefined : people,
    // Adding twice would add the people twice; reading and replacing are safe to repeat.
    idempotent: verb !== 'POST',
  };
}

function isDirector(value: unknown): value is Director {
  return isRecord(value) && typeof value['id'] === 'number';
}

function isUbo(value: unknown): value is Ubo {
  return isRecord(value) && typeof value['id'] === 'string';
}
