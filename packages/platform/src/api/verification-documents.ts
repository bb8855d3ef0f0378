import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import { requireUserToken } from '../http/bearer.js';
import { jsonObject } from '../http/json.js';
import { grantedProfile } from '../profiles/service.js';
import { type IdentityBureau, sandboxBureau } from '../verification/bureau.js';
import { parseDocument } from '../verification/documents.js';
import { submitDocument } from '../verification/service.js';
import { verificationDocumentSchema } from './schemas/verification.js';

/**
 * Contract §9: `POST /v1/profiles/{profileId}/verification-documents`, personal profiles the token was
 * granted. Success `{"errorMessage": null, "success": true}`; a bureau refusal or a CPF the partner already
 * used is the contract's result body with 422 `{"errorMessage": "<CODE>", "success": false}`.
 */
export function registerVerificationDocumentRoutes(
  app: FastifyInstance,
  platform: Platform,
  bureau: IdentityBureau = sandboxBureau,
): void {
  app.post<{ Params: { profileId: string } }>(
    '/v1/profiles/:profileId/verification-documents',
    { schema: verificationDocumentSchema },
    async (request, reply) => {
      const grant = await requireUserToken(platform, request);
      const profile = await grantedProfile(platform.stores.profiles, grant, request.params.profileId);
      if (profile.type !== 'PERSONAL') {
        throw new ValidationError(422, [
          {
            code: 'ERROR',
            message: 'Verification documents apply to personal profiles only',
            path: 'profileId',
            arguments: ['profileId', profile.id],
          },
        ]);
      }
      const doc = parseDocument(jsonObject(request.body), platform.now());
      const outcome = await submitDocument(platform, bureau, grant, profile, doc);
      if (!outcome.success) {
        reply.code(422);
        return { errorMessage: outcome.errorMessage, success: false };
      }
      return { errorMessage: null, success: true };
    },
  );
}
