/**
 * Legacy profile creation (contract §8): `POST /v1/profiles` with `{type, details}`, the request of Wise's
 * bank-flow collections. The personal body has four fields and no address; the address follows with
 * `POST /v1/addresses` (see `addresses.ts`).
 *
 * Wise docs: https://docs.wise.com/api-reference/profile, https://docs.wise.com/guides/developer/errors
 *
 * @module
 */
import { readShape, sendAs } from './calls.js';
import type { ClientContext } from './context.js';
import type { RequestOptions } from './http.js';
import { isLegacyProfile, type LegacyProfile } from './profiles.js';

/**
 * `details` of a legacy personal create (contract §8): Wise's four required fields, none blank.
 * @see https://docs.wise.com/guides/developer/errors
 * @see https://docs.wise.com/api-reference/profile
 */
export interface LegacyPersonalDetailsInput {
  readonly firstName: string;
  readonly lastName: string;
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth: string;
  /** With the international prefix, e.g. `+5511987654321`. */
  readonly phoneNumber: string;
  readonly [field: string]: unknown;
}

/**
 * `details` of a legacy business create (contract §8), in the v1 field names.
 * @see https://docs.wise.com/api-reference/profile
 */
export interface LegacyBusinessDetailsInput {
  readonly name: string;
  readonly registrationNumber: string;
  /** `LIMITED`, `PARTNERSHIP`, `SOLE_TRADER`, … */
  readonly companyType: string;
  /** `OWNER`, `DIRECTOR` or `OTHER`. */
  readonly companyRole: string;
  readonly descriptionOfBusiness: string;
  readonly webpage?: string | undefined;
  readonly acn?: string | undefined;
  readonly abn?: string | undefined;
  readonly arbn?: string | undefined;
  readonly businessCategory?: string | undefined;
  readonly businessSubCategory?: string | undefined;
  readonly [field: string]: unknown;
}

/**
 * `POST /v1/profiles` with a user token. Not retried: the legacy call has no idempotency key, so a lost
 * answer followed by a retry could create the profile twice (or meet a 409). A bad `type` or a missing
 * `details` is 400 `BAD_REQUEST`; blank fields are 422 (`MISSING`, `ERROR`, `TOO_SMALL`).
 */
export async function createLegacyProfile(
  ctx: ClientContext,
  accessToken: string,
  type: 'personal' | 'business',
  details: LegacyPersonalDetailsInput | LegacyBusinessDetailsInput,
  options?: RequestOptions,
): Promise<LegacyProfile> {
  const response = await sendAs(
    ctx,
    accessToken,
    { method: 'POST', path: '/v1/profiles', json: { type, details }, idempotent: false },
    options,
  );
  return readShape(response, isLegacyProfile, 'not a legacy profile');
}
