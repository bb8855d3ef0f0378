import { readFile } from 'node:fs/promises';
import { checkClientId, registerClient } from './clients/register.js';
import type { Platform } from './context.js';
import { REFRESH_TOKEN_ROTATIONS, type RefreshTokenRotation } from './store/clients.js';
import { emailKey } from './store/users.js';

/**
 * The seed file (architecture "The documented interface"): partner clients and people to start from.
 * `{"clients":[{"clientId","clientSecret","name","redirectUris":[…],"public":false,"refreshTokenRotation":"never"}],
 *   "users":[{"email","password","totpSecret"?,"sandboxTotp"?,"profiles":[…]}]}`
 * (`sandboxTotp: true`: 111111 is the person's second-factor code, in sandbox mode only; auth/login.ts).
 */
export interface SeedFile {
  clients?: {
    clientId: string;
    clientSecret?: string;
    name: string;
    redirectUris: string[];
    public?: boolean;
    /** Contract §5 "Rotation": `never` (default) or `always`; a public client always rotates. */
    refreshTokenRotation?: RefreshTokenRotation;
  }[];
  users?: SeedUser[];
}

export interface SeedUser {
  email: string;
  password?: string;
  totpSecret?: string;
  sandboxTotp?: boolean;
  profiles?: Record<string, unknown>[];
}

const USER_KEYS = ['email', 'password', 'totpSecret', 'sandboxTotp', 'profiles'];

/**
 * Checks one person of a seed (a seed file's `users[i]`, or `POST /_sandbox/users`) and returns it typed, or
 * throws a SeedError naming the field. Profiles are checked by the profile module when they are seeded.
 */
export function parseSeedUser(value: unknown, where: string): SeedUser {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new SeedError(`${where} must be an object`);
  const user = value as Record<string, unknown>;
  const unknown = Object.keys(user).find((k) => !USER_KEYS.includes(k));
  if (unknown !== undefined)
    throw new SeedError(`${where}.${unknown} is not a field of a person (${USER_KEYS.join(', ')})`);
  const { email, password, totpSecret, sandboxTotp, profiles } = user;
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email.trim()) || email.length > 254)
    throw new SeedError(`${where}.email must be an email address`);
  if (password !== undefined && (typeof password !== 'string' || password === ''))
    throw new SeedError(`${where}.password must be a non-empty string`);
  if (totpSecret !== undefined) {
    // RFC 4648 base32 as authenticator apps show it (auth/totp.ts decodes it: case, spaces, padding ignored).
    if (typeof totpSecret !== 'string' || !/^[A-Za-z2-7][A-Za-z2-7\s=-]*$/.test(totpSecret.trim()))
      throw new SeedError(`${where}.totpSecret must be a base32 string (RFC 4648)`);
  }
  if (sandboxTotp !== undefined && typeof sandboxTotp !== 'boolean')
    throw new SeedError(`${where}.sandboxTotp must be true or false`);
  if (
    profiles !== undefined &&
    (!Array.isArray(profiles) ||
      profiles.some((p) => p === null || typeof p !== 'object' || Array.isArray(p)))
  )
    throw new SeedError(`${where}.profiles must be a list of profile objects`);
  return user as unknown as SeedUser;
}

export class SeedError extends Error {}

/** The demo data `account-access dev` starts with: a demo partner client and demo people. */
export const DEMO_SEED = new URL('../seed/demo.json', import.meta.url);

export async function readSeedFile(path: string): Promise<SeedFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SeedError(`Cannot read the seed file ${path}: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SeedError(`The seed file ${path} must hold a JSON object`);
  }
  // Refused on reading, before a database is opened: a client id a user id could equal (RFC 9700 §4.15).
  const clients = (parsed as SeedFile).clients;
  for (const client of Array.isArray(clients) ? clients : []) {
    try {
      checkClientId(String((client as { clientId?: unknown } | null)?.clientId));
    } catch (error) {
      throw new SeedError(`The seed file ${path} cannot be used: ${(error as Error).message}`);
    }
  }
  return parsed as SeedFile;
}

/** Hooks later features use to seed what they own (passwords, profiles, …) for each seeded user. */
export type SeedUserStep = (platform: Platform, userId: number, user: SeedUser) => Promise<void>;

/**
 * Applies a seed idempotently: clients are saved (replacing one of the same id), users created when their
 * email is new. Run on every start, so the demo data is always there and never duplicated.
 */
export async function applySeed(
  platform: Platform,
  seed: SeedFile,
  steps: SeedUserStep[] = [],
): Promise<void> {
  // Every client id is checked before any is saved: a bad one in the file leaves nothing half-applied.
  for (const client of seed.clients ?? []) checkClientId(String(client.clientId));
  for (const client of seed.clients ?? []) {
    const rotation = client.refreshTokenRotation;
    if (rotation !== undefined && !REFRESH_TOKEN_ROTATIONS.includes(rotation)) {
      throw new SeedError(`Client ${client.clientId}: refreshTokenRotation is "never" or "always"`);
    }
    await registerClient(platform, {
      ...(rotation !== undefined ? { rotate: rotation } : {}),
      clientId: client.clientId,
      name: client.name,
      redirectUris: client.redirectUris,
      isPublic: client.public ?? false,
      ...(client.clientSecret !== undefined ? { clientSecret: client.clientSecret } : {}),
    });
  }
  if (seed.users !== undefined && !Array.isArray(seed.users)) throw new SeedError('users must be a list');
  for (const [i, user] of (seed.users ?? []).entries()) {
    await seedUser(platform, parseSeedUser(user, `users[${i}]`), steps);
  }
}

/** Creates one person of a seed and runs the steps for them; 'conflict' (nothing done) when the email is taken. */
export async function seedUser(
  platform: Platform,
  user: SeedUser,
  steps: SeedUserStep[],
): Promise<{ id: number } | 'conflict'> {
  const created = await platform.stores.users.create({
    email: user.email,
    emailKey: emailKey(user.email),
    language: 'EN',
    createdByClientId: null,
    registrationCodeHash: null,
  });
  if (created === 'conflict') return created;
  for (const step of steps) await step(platform, created.id, user);
  return { id: created.id };
}
