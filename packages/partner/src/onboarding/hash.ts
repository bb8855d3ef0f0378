import { createHash } from 'node:crypto';

/**
 * States and session ids are 256-bit random values, so a plain SHA-256 is enough to store them
 * unguessably (a keyed hash would add nothing against guessing a 256-bit preimage).
 */
export function hashValue(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}
