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

/** G-BR: the profile a sandbox CPF passes for. */
export const SANDBOX_PERSON = { firstName: 'Test', lastName: 'User', dateOfBirth: '2000-01-01' } as const;

/**
 * Wise's sandbox rules (contract §9, https://docs.wise.com/guides/regional/brazil/cpf-cnpj-and-financial-capacity,
 * "Testing CPF/CNPJ"): a valid CPF or CNPJ starting 0-5 fails with the code of that digit, whoever it is
 * for. A CPF starting 6-9 passes only on a profile named exactly Test User, born 2000-01-01: another name
 * fails with NAME_MISMATCH (checked first, so both wrong is NAME_MISMATCH), another date of birth with
 * DOB_MISMATCH. (ours) A CNPJ starting 6-9 passes: the name and date rules are the CPF's, a person's.
 */
export const sandboxBureau: IdentityBureau = {
  async check(query) {
    const byDigit = BY_FIRST_DIGIT[Number(query.digits[0])];
    if (byDigit !== undefined) return byDigit;
    if (query.kind !== 'CPF') return 'OK';
    if (query.firstName !== SANDBOX_PERSON.firstName || query.lastName !== SANDBOX_PERSON.lastName)
      return 'NAME_MISMATCH';
    if (query.dateOfBirth !== SANDBOX_PERSON.dateOfBirth) return 'DOB_MISMATCH';
    return 'OK';
  },
};
