import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { requireUserToken } from '../http/bearer.js';
import { jsonObject } from '../http/json.js';
import { changeRepresentative, getRepresentative } from '../profiles/representative.js';
import { representativeSchema } from './schemas/profiles.js';

/**
 * Contract §8, the Business Representative (https://docs.wise.com/api-reference/profile, beta):
 * `GET`, `PUT` and `POST /v3/profiles/{profileId}/business-profile/business-representative`, user token
 * granted the business profile. The rules are in profiles/representative.ts.
 */
export function registerBusinessRepresentativeRoutes(app: FastifyInstance, platform: Platform): void {
  const url = '/v3/profiles/:id/business-profile/business-representative';

  app.get<{ Params: { id: string } }>(url, { schema: representativeSchema('GET') }, async (request) => {
    const grant = await requireUserToken(platform, request);
    return getRepresentative(platform.stores, grant, request.params.id);
  });

  for (const method of ['PUT', 'POST'] as const) {
    app.route<{ Params: { id: string } }>({
      method,
      url,
      schema: representativeSchema(method),
      handler: async (request) => {
        const grant = await requireUserToken(platform, request);
        const body = jsonObject(request.body);
        return changeRepresentative(
          platform.stores,
          grant,
          request.params.id,
          body,
          method,
          platform.now(),
          platform.config.sandbox,
        );
      },
    });
  }
}
