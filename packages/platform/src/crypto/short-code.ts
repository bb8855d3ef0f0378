import { randomInt } from 'node:crypto';

/**
 * Contract §6 (ours): the code shown to type into the partner's app. 8 characters from an alphabet with no
 * look-alikes (no 0/O, 1/I/L), shown as two groups of four; typed with or without the dash, in any case.
 */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 8;
const SHAPE = new RegExp(`^[${SHORT_CODE_ALPHABET}]{4}-?[${SHORT_CODE_ALPHABET}]{4}$`);

export function newShortCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += SHORT_CODE_ALPHABET[randomInt(SHORT_CODE_ALPHABET.length)];
  return code;
}

/** `K7QF3MZP` → `K7QF-3MZP`, as the page shows it. */
export const groupShortCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** The canonical form of a typed short code (upper case, no dash, no spaces), or null when it is not one. */
export function normalizeShortCode(typed: string): string | null {
  const upper = typed.replace(/\s/g, '').toUpperCase();
  return SHAPE.test(upper) ? upper.replace('-', '') : null;
}
