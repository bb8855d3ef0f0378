/**
 * A profile's verification status for bank-transfer funding (contract §8): `POST
 * /v3/profiles/{id}/verification-status/bank-transfer?source_currencies=GBP,USD,EUR`, one route per
 * source currency. Fields keep Wise's snake_case.
 *
 * Wise docs: https://docs.wise.com/api-reference/profile,
 * https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation
 *
 * @module
 */
import { readShape, segment, sendAs } from './calls.js';
import type { ClientContext } from './context.js';
import type { RequestOptions } from './http.js';
import { isRecord } from './json.js';
import type { ProfileId } from './profiles.js';

/**
 * The verification of one source currency (contract §8). `verified`: transfers can go ahead (regional
 * limits aside). `not_verified` with `maximum_entitled_amount` 0: payments wait for verification; above 0:
 * payments up to that cumulative amount are allowed before verification.
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation
 */
export interface BankTransferRoute {
  /** ISO 4217. */
  readonly source_currency: string;
  readonly maximum_entitled_amount: number;
  readonly current_status: 'verified' | 'not_verified' | (string & {});
}

/**
 * What the verification-status call answers (contract §8).
 * @see https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation
 * @see https://docs.wise.com/api-reference/profile
 */
export interface BankTransferVerificationStatus {
  readonly routes: ReadonlyArray<BankTransferRoute>;
  readonly request_id: string;
}

/**
 * The verification-status call with a token for the profile. A read despite the verb, so it is retried.
 * The currencies are joined with commas as Wise's example shows.
 *
 * @throws TypeError for an empty list of currencies (no request is made).
 */
export async function bankTransferVerificationStatus(
  ctx: ClientContext,
  accessToken: string,
  profileId: ProfileId | string,
  sourceCurrencies: ReadonlyArray<string>,
  options?: RequestOptions,
): Promise<BankTransferVerificationStatus> {
  if (sourceCurrencies.length === 0) throw new TypeError('sourceCurrencies must name at least one currency');
  const currencies = sourceCurrencies.map((c) => encodeURIComponent(c)).join(',');
  const response = await sendAs(
    ctx,
    accessToken,
    {
      method: 'POST',
      path: `/v3/profiles/${segment(profileId)}/verification-status/bank-transfer?source_currencies=${currencies}`,
      idempotent: true,
    },
    options,
  );
  return readShape(response, isStatus, 'not a verification status');
}

function isStatus(value: unknown): value is BankTransferVerificationStatus {
  return (
    isRecord(value) &&
    typeof value['request_id'] === 'string' &&
    Array.isArray(value['routes']) &&
    value['routes'].every(isRoute)
  );
}

function isRoute(value: unknown): value is BankTransferRoute {
  return (
    isRecord(value) &&
    typeof value['source_currency'] === 'string' &&
    typeof value['maximum_entitled_amount'] === 'number' &&
    typeof value['current_status'] === 'string'
  );
}
