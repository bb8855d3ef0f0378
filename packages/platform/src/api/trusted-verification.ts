import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { NotFound } from '../errors/errors.js';
import { requireClientToken } from '../http/bearer.js';
import { profileIdOf } from '../profiles/service.js';
import { setVerification } from '../verification/lifecycle.js';
import { trustedVerificationSchema } from './schemas/verification.js';

/**
 * `DELETE /v3/profiles/{profileId}/trusted-verification` (https://docs.wise.com/api-reference/profile, "Remove
 * trusted verification from a profile"): with a client-credentials token, the partner that created the
 * profile removes the verification it gave; the profile is then `not_verified` (publishing
 * profiles#verification-state-change when it was verified). "This does not delete a profile nor archive it."
 * 204 with no content; again, 204 and nothing changes. A profile another partner created is a 404.
 */
export function registerTrustedVerificationRoutes(app: FastifyInstance, platform: Platform): void {
  app.delete<{ Params: { profileId: string } }>(
    '/v3/profiles/:profileId/trusted-verification',
    { schema: trustedVerificationSchema },
    async (request, reply) => {
      const grant = await requireClientToken(platform, request);
      const id = profileIdOf(request.params.profileId);
      const profile = id === null ? null : await platform.stores.profiles.findById(id);
      if (!profile || profile.createdByClientId !== grant.clientId) throw new NotFound('Profile not found');
      await setVerification(platform, [profile], 'not_verified');
      return reply.code(204).send();
    },
  );
}
