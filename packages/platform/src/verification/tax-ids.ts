/**
 * Brazilian tax identifiers (contract §9): a CPF (11 digits, two mod-11 check digits) or a CNPJ (14 digits,
 * two mod-11 check digits), written bare or formatted (`938.936.652-69`, `12.345.678/0001-95`).
 */
export type TaxIdKind = 'CPF' | 'CNPJ';

const CPF_FORMATTED = /^\d{3}\.\d{3}\.\d{3}-\d{2}$/;
const CNPJ_FORMATTED = /^\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}$/;

/** The check digit over `digits` with the given weights (mod 11; a remainder under 2 gives 0). */
function checkDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i]!, 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

function allSame(digits: string): boolean {
  return /^(\d)\1*$/.test(digits);
}

export function isValidCpf(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || allSame(digits)) return false;
  const d = [...digits].map(Number);
  const first = checkDigit(d, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = checkDigit(d, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return d[9] === first && d[10] === second;
}

export function isValidCnpj(digits: string): boolean {
  if (!/^\d{14}$/.test(digits) || allSame(digits)) return false;
  const d = [...digits].map(Number);
  const first = checkDigit(d, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = checkDigit(d, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  return d[12] === first && d[13] === second;
}

/**
 * The kind and bare digits of a CPF or CNPJ when it is well formed and its check digits are right; null
 * otherwise. Only the two documented spellings are accepted: all digits, or the usual punctuation.
 */
export function parseTaxId(value: string): { kind: TaxIdKind; digits: string } | null {
  const bare = /^\d+$/.test(value);
  if (bare || CPF_FORMATTED.test(value) || CNPJ_FORMATTED.test(value)) {
    const digits = value.replace(/\D/g, '');
    if (digits.length === 11 && isValidCpf(digits)) return { kind: 'CPF', digits };
    if (digits.length === 14 && isValidCnpj(digits)) return { kind: 'CNPJ', digits };
  }
  return null;
}
