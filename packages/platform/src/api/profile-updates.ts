import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { requireUserToken } from '../http/bearer.js';
import { jsonObject } from '../http/json.js';
import { createdPersonalProfile, type PersonalProfile, v2Profile } from '../profiles/index.js';
import { setUpdateWindow, updateProfile } from '../profiles/updates.js';
import { updateSchema, updateWindowSchema } from './schemas/profiles.js';

/**
 * Contract §8, profile updates (https://docs.wise.com/api-reference/profile): `PUT /v2/profiles/{id}/personal-profile`,
 * `PUT /v2/profiles/{id}/business-profile` and the update window. Wise documents no response bodies for these:
 * (ours) a personal update answers like the create, a business update the v2 business object, and the
 * window calls 204 No Content (opening an open window, or closing a closed one, is not an error).
 */
export function registerProfileUpdateRoutes(app: FastifyInstance, platform: Platform): void {
  app.put<{ Params: { id: string } }>(
    '/v2/profiles/:id/personal-profile',
    { schema: updateSchema('personal') },
    async (request) => {
      const grant = await requireUserToken(platform, request);
      const body = jsonObject(request.body);
      const updated = await updateProfile(
        platform.stores,
        grant,
        request.params.id,
        'PERSONAL',
        body,
        platform.now(),
        { sandbox: platform.config.sandbox },
      );
      return createdPersonalProfile(updated as PersonalProfile);
    },
  );

  app.put<{ Params: { id: string } }>(
    '/v2/profiles/:id/business-profile',
    { schema: updateSchema('business') },
    async (request) => {
      const grant = await requireUserToken(platform, request);
      const body = jsonObject(request.body);
      return v2Profile(
        await updateProfile(platform.stores, grant, request.params.id, 'BUSINESS', body, platform.now()),
      );
    },
  );

  for (const [method, open] of [
    ['POST', true],
    ['DELETE', false],
  ] as const) {
    app.route<{ Params: { id: string } }>({
      method,
      url: '/v1/profiles/:id/update-window',
      schema: updateWindowSchema(open),
      handler: async (request, reply) => {
        const grant = await requireUserToken(platform, request);
        await setUpdateWindow(platform.stores, grant, request.params.id, open, platform.now());
        return reply.code(204).send();
      },
    });
  }
}
