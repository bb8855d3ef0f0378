import type { TaxIdKind } from './tax-ids.js';

/** Contract §9: why a bureau refuses a CPF; sent as `errorMessage` in the 422 failure body. */
export type BureauFailure =
  | 'NOT_ASSIGNED'
  | 'NAME_MISMATCH'
  | 'DOB_MISMATCH'
  | 'IRREGULAR'
  | 'NOT_CHECKED'
  | 'BELONG_TO_MINOR';

export interface BureauQuery {
  kind: TaxIdKind;
  /** Bare digits, check digits already verified. */
  digits: string;
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
}

/**
 * The identity bureau a CPF or CNPJ is checked against (contract §9). Pluggable: the platform ships the
 * sandbox bureau; a deployment can pass a real one to `registerVerificationDocumentRoutes`.
 */
export interface IdentityBureau {
  check(query: BureauQuery): Promise<'OK' | BureauFailure>;
}

const BY_FIRST_DIGIT: readonly BureauFailure[] = [
  'NOT_ASSIGNED',
  'NAME_MISMATCH',
  'DOB_MISMATCH',
  'IRREGULAR',
  'NOT_CHECKED',
  'BELONG_TO_MINOR',
];

/**
 * Wise's sandbox rules (contract §9): a valid CPF starting 0-5 fails with the code of that digit, one
 * starting 6-9 passes. (ours) A CNPJ always passes: the sandbox rules name CPFs only.
 */
export const sandboxBureau: IdentityBureau = {
  async check(query) {
    if (query.kind !== 'CPF') return 'OK';
    return BY_FIRST_DIGIT[Number(query.digits[0])] ?? 'OK';
  },
};
