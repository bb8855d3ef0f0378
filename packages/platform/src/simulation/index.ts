import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { NotFound } from '../errors/errors.js';
import { requireAnyToken, requireUserToken } from '../http/bearer.js';
import { grantedProfile, profileIdOf } from '../profiles/service.js';
import type { TokenGrant } from '../store/grants.js';
import type { ProfileRecord } from '../store/profiles.js';
import { verifyProfiles } from '../verification/lifecycle.js';
import { simulateProfileSchema, simulateUserProfilesSchema } from './schemas.js';

/**
 * Wise's sandbox simulation calls (https://docs.wise.com/api-reference/simulation, "Simulate verification
 * state change"), at Wise's own paths. Mounted only in sandbox mode: "These features are limited to sandbox
 * only", so a production platform answers 404 there.
 */
export function registerSimulationRoutes(app: FastifyInstance, platform: Platform): void {
  if (!platform.config.sandbox) return;

  // "Accepts both user and application API tokens." "No content is returned with a 200 response code."
  app.post<{ Params: { profileId: string } }>(
    '/v1/simulation/profiles/:profileId/verifications',
    { schema: simulateProfileSchema },
    async (request, reply) => {
      const grant = await requireAnyToken(platform, request);
      const profile = await reachableProfile(platform, grant, request.params.profileId);
      await verifyProfiles(platform, [profile]);
      return reply.code(200).send();
    },
  );

  // "Verifies all profiles associated with the authenticated user." "Accepts user API tokens only."
  app.post(
    '/v1/simulation/verify-profile',
    { schema: simulateUserProfilesSchema },
    async (request, reply) => {
      const grant = await requireUserToken(platform, request);
      const profiles = await platform.stores.profiles.listByUser(grant.userId);
      await verifyProfiles(platform, profiles);
      return reply.code(200).send();
    },
  );
}

/**
 * The profile a token may act on: for a user token one it was granted (contract §8); for an application
 * token one its partner is connected to (created it, or holds a live grant of its user). Any other is a
 * 404, like a profile that does not exist.
 */
async function reachableProfile(
  platform: Platform,
  grant: TokenGrant,
  rawId: string,
): Promise<ProfileRecord> {
  if (grant.userId !== null)
    return grantedProfile(platform.stores.profiles, { ...grant, userId: grant.userId }, rawId);
  const id = profileIdOf(rawId);
  const profile =
    id !== null && (await platform.stores.verifications.clientReachesProfile(grant.clientId, id))
      ? await platform.stores.profiles.findById(id)
      : null;
  if (!profile) throw new NotFound('Profile not found');
  return profile;
}
