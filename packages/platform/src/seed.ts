import { readFile } from 'node:fs/promises';
import { checkClientId, registerClient } from './clients/register.js';
import type { Platform } from './context.js';
import { emailKey } from './store/users.js';

/**
 * The seed file (architecture "The documented interface"): partner clients and people to start from.
 * `{"clients":[{"clientId","clientSecret","name","redirectUris":[…],"public":false}],
 *   "users":[{"email","password","totpSecret"?,"profiles":[…]}]}`
 */
export interface SeedFile {
  clients?: {
    clientId: string;
    clientSecret?: string;
    name: string;
    redirectUris: string[];
    public?: boolean;
  }[];
  users?: SeedUser[];
}

export interface SeedUser {
  email: string;
  password?: string;
  totpSecret?: string;
  profiles?: Record<string, unknown>[];
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
    await registerClient(platform, {
      clientId: client.clientId,
      name: client.name,
      redirectUris: client.redirectUris,
      isPublic: client.public ?? false,
      ...(client.clientSecret !== undefined ? { clientSecret: client.clientSecret } : {}),
    });
  }
  for (const user of seed.users ?? []) {
    const key = emailKey(user.email);
    const created = await platform.stores.users.create({
      email: user.email,
      emailKey: key,
      language: 'EN',
      createdByClientId: null,
      registrationCodeHash: null,
    });
    if (created === 'conflict') continue;
    for (const step of steps) await step(platform, created.id, user);
  }
}
