import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import { SeedError, type SeedUser, type SeedUserStep } from '../seed.js';
import { newBusinessProfile } from './business.js';
import { parsePersonalProfile } from './personal.js';

/**
 * Seeds the profiles of a seeded user (architecture "seed file"):
 * `"profiles": [{"type": "PERSONAL", "firstName", "lastName", "dateOfBirth", "address": {…}, "phoneNumber"?,
 * "nationality"?, …}, {"type": "BUSINESS", "businessName", "registrationNumber", "companyType", "address", …}]`.
 * The same rules as the API apply, except that contact details are optional (the email defaults to the
 * user's). Seeded profiles belong to no partner: a partner sees them only once the person grants them.
 */
export const seedProfiles: SeedUserStep = async (platform: Platform, userId: number, user: SeedUser) => {
  for (const [i, raw] of (user.profiles ?? []).entries()) {
    const where = `${user.email} profiles[${i}]`;
    const type = typeof raw['type'] === 'string' ? raw['type'].toUpperCase() : 'PERSONAL';
    try {
      if (type === 'BUSINESS') {
        const created = await platform.stores.profiles.create(
          newBusinessProfile(userId, raw, null),
          platform.now(),
        );
        if (created === 'conflict') throw new SeedError(`${where}: could not be created`);
      } else if (type === 'PERSONAL') {
        const contact = (raw['contactDetails'] ?? {
          email: raw['email'] ?? user.email,
          phoneNumber: raw['phoneNumber'],
        }) as unknown;
        const input = parsePersonalProfile({ ...raw, contactDetails: contact }, platform.now(), '', {
          requireContact: false,
        });
        const created = await platform.stores.profiles.create(
          { ...input, userId, type: 'PERSONAL', createdByClientId: null, business: null },
          platform.now(),
        );
        if (created === 'conflict') throw new SeedError(`${where}: a user has at most one personal profile`);
      } else throw new SeedError(`${where}: type must be PERSONAL or BUSINESS`);
    } catch (error) {
      if (error instanceof ValidationError) {
        throw new SeedError(`${where}: ${error.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
      }
      throw error;
    }
  }
};
