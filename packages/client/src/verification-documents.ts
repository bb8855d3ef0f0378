/**
 * Verification documents (contract §9): `POST /v1/profiles/{profileId}/verification-documents`, e.g. the
 * CPF a Brazilian profile needs before it can be used (seed: "Verification Documents").
 *
 * Wise docs: https://docs.wise.com/api-reference/profile/profileverificationdocumentcreate
 *
 * @module
 */
import { bearer, type ClientContext } from './context.js';
import { WiseResponseError } from './errors.js';
import { type RequestOptions, toApiError } from './http.js';
import { isRecord, parseJson } from './json.js';
import type { ProfileId } from './profiles.js';

/**
 * Document types of contract §9.
 * @see https://docs.wise.com/api-reference/profile/profileverificationdocumentcreate
 */
export type VerificationDocumentType =
  | 'DRIVERS_LICENCE'
  | 'IDENTITY_CARD'
  | 'GREEN_CARD'
  | 'MY_NUMBER'
  | 'PASSPORT'
  | 'SSN'
  | 'EMIRATES_EMPLOYER'
  | 'EMIRATES_PLACE_OF_BIRTH'
  | 'CPF_CNPJ'
  | 'FINANCIAL_CAPACITY_BR'
  | 'OTHER';

/**
 * Body of `POST /v1/profiles/{profileId}/verification-documents` (contract §9). Type-specific fields (e.g.
 * `employerName`) go in as extra strings.
 * @see https://docs.wise.com/api-reference/profile/profileverificationdocumentcreate
 */
export interface VerificationDocumentInput {
  readonly type: VerificationDocumentType;
  /** The document number, ≤ 30 characters; a CPF formatted (`938.936.652-69`) or bare. */
  readonly uniqueIdentifier: string;
  readonly firstName?: string | undefined;
  readonly lastName?: string | undefined;
  /** `YYYY-MM-DD`. */
  readonly issueDate?: string | undefined;
  /** `YYYY-MM-DD`. */
  readonly expiryDate?: string | undefined;
  /** ISO 3166-1 alpha-2. */
  readonly issuerCountry?: string | undefined;
  readonly issuerState?: string | undefined;
  /** ISO 3166-1 alpha-2. */
  readonly nationality?: string | undefined;
  readonly [field: string]: string | undefined;
}

/**
 * The outcome of submitting a document (contract §9). A rejection by the checker (`{"errorMessage":
 * "<CODE>", "success": false}` with a status below 500, 422 on the platform, e.g. `NAME_MISMATCH` for a
 * CPF) is an expected answer and is returned; a malformed request (validation family, e.g. a CPF with bad
 * check digits at `uniqueIdentifier`) is thrown as a `WiseApiError`.
 * @see https://docs.wise.com/api-reference/profile/profileverificationdocumentcreate
 * @see https://docs.wise.com/api-docs/guides/customer-account-partner-kyc/accessing-customer-accounts
 */
export type VerificationDocumentResult =
  | { readonly kind: 'accepted' }
  | {
      readonly kind: 'rejected';
      /** The reason code, e.g. `NOT_ASSIGNED`, `NAME_MISMATCH`, `DOB_MISMATCH`, `IRREGULAR`. */
      readonly errorMessage: string;
      readonly status: number;
    };

/** `POST /v1/profiles/{profileId}/verification-documents` with a user token (contract §9). Not retried. */
export async function createVerificationDocument(
  ctx: ClientContext,
  accessToken: string,
  profileId: ProfileId | string,
  document: VerificationDocumentInput,
  options?: RequestOptions,
): Promise<VerificationDocumentResult> {
  const response = await ctx.http.send({
    method: 'POST',
    path: `/v1/profiles/${encodeURIComponent(String(profileId))}/verification-documents`,
    headers: bearer(accessToken),
    json: document,
    idempotent: false,
    signal: options?.signal,
    timeoutMs: options?.timeoutMs,
  });
  const json = parseJson(response.body);
  const ok = response.status >= 200 && response.status < 300;
  // A 5xx is a server failure whatever its body says; only a definite answer counts as a rejection.
  if (
    response.status < 500 &&
    isRecord(json) &&
    json['success'] === false &&
    typeof json['errorMessage'] === 'string'
  ) {
    return { kind: 'rejected', errorMessage: json['errorMessage'], status: response.status };
  }
  if (!ok) throw toApiError(response);
  // Wise answers `{"errorMessage": null, "success": true}`; an empty 2xx body is taken as success too.
  if (json === undefined && response.body.trim() === '') return { kind: 'accepted' };
  if (isRecord(json) && json['success'] !== false) return { kind: 'accepted' };
  throw new WiseResponseError(response.endpoint, response.status, response.body, 'not a document result');
}
