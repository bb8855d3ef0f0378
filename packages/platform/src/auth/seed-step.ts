import type { Platform } from '../context.js';
import type { SeedUser, SeedUserStep } from '../seed.js';
import type { Address, NewProfile } from '../store/profiles.js';
import { hashPassword } from './passwords.js';
import { decodeBase32 } from './totp.js';
import { sealTotpSecret } from './totp-seal.js';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function seededProfile(userId: number, email: string, p: Record<string, unknown>): NewProfile {
  const business = p['type'] === 'BUSINESS';
  const businessName =
    text(p['name']) ?? text(p['businessName']) ?? text((p['business'] as Record<string, unknown>)?.['name']);
  return {
    userId,
    type: business ? 'BUSINESS' : 'PERSONAL',
    createdByClientId: null,
    firstName: business ? null : text(p['firstName']),
    lastName: business ? null : text(p['lastName']),
    preferredName: null,
    dateOfBirth: business ? null : text(p['dateOfBirth']),
    phoneNumber: null,
    email,
    nationality: null,
    externalCustomerId: null,
    address: (p['address'] as Address | undefined) ?? null,
    occupations: null,
    business: business ? { name: businessName ?? 'Business' } : null,
  };
}

/**
 * Seeds what the hosted pages need of a person: a password (argon2id), a TOTP seed (sealed) and profiles
 * (seed file: `{"email","password","totpSecret"?,"profiles":[{"type","firstName","lastName","dateOfBirth","address"}]}`).
 */
export const seedCredentials: SeedUserStep = async (platform: Platform, userId: number, user: SeedUser) => {
  const { credentials, profiles } = platform.stores;
  if (user.password) await credentials.setPassword(userId, await hashPassword(user.password));
  if (user.totpSecret) {
    const sealed = sealTotpSecret(platform.config.serverSecret, userId, decodeBase32(user.totpSecret));
    await credentials.setTotpSecret(userId, sealed);
  }
  for (const profile of user.profiles ?? []) {
    await profiles.create(seededProfile(userId, user.email, profile), platform.now());
  }
};
