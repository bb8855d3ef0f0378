import { hash, verify } from '@node-rs/argon2';
import type { PasswordHashCost } from '../config/config.js';
import { passwordHashSlots } from '../crypto/hash-slots.js';

/**
 * Passwords are argon2id with OWASP's parameters (m=19 MiB, t=2, p=1). `@node-rs/argon2` hashes on the
 * libuv thread pool, so a login never blocks the event loop, and through `passwordHashSlots`, so a burst of
 * logins leaves a core to every other request. A stored hash names its own parameters, so verifying always
 * uses the cost the hash was made with.
 */
// `algorithm: 2` is Algorithm.Argon2id (an ambient const enum, which isolated modules cannot import).
export const PASSWORD_HASH_OPTIONS = {
  owasp: { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 },
  // The lowest parameters argon2id accepts (8 KiB, one pass): a test run's hashes in microseconds.
  // Configurable only in test mode (config.ts refuses it in any other mode).
  test: { algorithm: 2, memoryCost: 8, timeCost: 1, parallelism: 1 },
} as const satisfies Record<PasswordHashCost, object>;

/** Verified when there is no user, so an unknown email costs the same time as a wrong password. */
const decoys = new Map<PasswordHashCost, Promise<string>>();

export function hashPassword(password: string, cost: PasswordHashCost): Promise<string> {
  return passwordHashSlots.run(() => hash(password, PASSWORD_HASH_OPTIONS[cost]));
}

/**
 * True when `password` matches; a null hash (no such user, no password yet) is checked against a decoy
 * made at `cost`, the cost of the platform's own new hashes.
 */
export async function verifyPassword(
  stored: string | null,
  password: string,
  cost: PasswordHashCost,
): Promise<boolean> {
  if (stored === null) {
    const decoy = decoys.get(cost) ?? hashPassword('decoy password that matches nothing', cost);
    decoys.set(cost, decoy);
    const made = await decoy;
    await passwordHashSlots.run(() => verify(made, password)).catch(() => false);
    return false;
  }
  try {
    return await passwordHashSlots.run(() => verify(stored, password));
  } catch {
    return false;
  }
}
