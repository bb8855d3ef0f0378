import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import { SeedError, type SeedUser, type SeedUserStep } from '../seed.js';
import { newProfile } from './index.js';

/**
 * Seeds the profiles of a seeded user (architecture "seed file"):
 * `"profiles": [{"type": "PERSONAL", "firstName", "lastName", "dateOfBirth", "address": {…}, "phoneNumber"?,
 * "nationality"?, …}, {"type": "BUSINESS", "businessName", "registrationNumber", "companyType", "address", …}]`.
 * The API's rules apply (source `seed`: contact details optional, the email defaults to the user's). Seeded
 * profiles belong to no partner: a partner sees them only once the person grants them.
 */
export const seedProfiles: SeedUserStep = async (platform: Platform, userId: number, user: SeedUser) => {
  for (const [i, raw] of (user.profiles ?? []).entries()) {
    const where = `${user.email} profiles[${i}]`;
    const business = typeof raw['type'] === 'string' && raw['type'].toUpperCase() === 'BUSINESS';
    const input = business
      ? { ...raw, email: raw['email'] ?? user.email }
      : {
          ...raw,
          contactDetails: raw['contactDetails'] ?? {
            email: raw['email'] ?? user.email,
            phoneNumber: raw['phoneNumber'],
          },
        };
    let profile: ReturnType<typeof newProfile>;
    try {
      profile = newProfile(input, { userId, createdByClientId: null }, platform.now(), { source: 'seed' });
    } catch (error) {
      if (error instanceof ValidationError) {
        throw new SeedError(`${where}: ${error.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
      }
      throw error;
    }
    const created = await platform.stores.profiles.create(profile, platform.now());
    if (created === 'conflict') throw new SeedError(`${where}: a user has at most one personal profile`);
  }
};
