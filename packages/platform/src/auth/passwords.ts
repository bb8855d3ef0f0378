import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are argon2id with OWASP's parameters (m=19 MiB, t=2, p=1). `@node-rs/argon2` hashes on the
 * libuv thread pool, so a login never blocks the event loop.
 */
// `algorithm: 2` is Algorithm.Argon2id (an ambient const enum, which isolated modules cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Verified when there is no user, so an unknown email costs the same time as a wrong password. */
let decoy: Promise<string> | null = null;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** True when `password` matches; a null hash (no such user, no password yet) is checked against a decoy. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hashPassword('decoy password that matches nothing');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
