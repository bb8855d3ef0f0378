/**
 * A valid CPF (contract §9) whose first nine digits are `base`: the two mod-11 check digits appended. Written
 * apart from the platform's own check (verification/tax-ids.ts), so tests check that code independently.
 */
export function cpf(base: string): string {
  const digits = [...base].map(Number);
  for (const length of [9, 10]) {
    const sum = digits.slice(0, length).reduce((acc, d, i) => acc + d * (length + 1 - i), 0);
    const rest = (sum * 10) % 11;
    digits.push(rest === 10 ? 0 : rest);
  }
  return digits.join('');
}
