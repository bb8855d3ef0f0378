import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { requireUserToken } from '../http/bearer.js';
import { jsonObject } from '../http/json.js';
import { createBusinessProfile, parseBusinessRequest } from '../profiles/create-business.js';
import { sendIdempotent } from '../profiles/idempotency.js';
import { createdPersonalProfile, parsePersonalProfile, v2Profile } from '../profiles/index.js';
import { createPersonalProfile, grantedProfile } from '../profiles/service.js';
import { registerBusinessRepresentativeRoutes } from './business-representative.js';
import { registerProfileUpdateRoutes } from './profile-updates.js';
import { createBusinessSchema, createPersonalSchema, v2GetSchema, v2ListSchema } from './schemas/profiles.js';

/**
 * Contract §8, Wise's v2 profile API (https://docs.wise.com/api-reference/profile): list and get, create,
 * scoped to what the token was granted. The legacy v1 routes are in profiles-v1.ts.
 */
export function registerProfileV2Routes(app: FastifyInstance, platform: Platform): void {
  const { profiles } = platform.stores;
  registerProfileUpdateRoutes(app, platform);
  registerBusinessRepresentativeRoutes(app, platform);

  app.get('/v2/profiles', { schema: v2ListSchema }, async (request) => {
    const grant = await requireUserToken(platform, request);
    return (await profiles.listForGrant(grant)).map(v2Profile);
  });

  app.get<{ Params: { id: string } }>('/v2/profiles/:id', { schema: v2GetSchema }, async (request) => {
    const grant = await requireUserToken(platform, request);
    return v2Profile(await grantedProfile(profiles, grant, request.params.id));
  });

  // Wise documents the v3 form (beta) as the newest; the guide's v2 path is the same call (an alias).
  for (const path of ['/v3/profiles/business-profile', '/v2/profiles/business-profile']) {
    app.post(
      path,
      { schema: createBusinessSchema(path.startsWith('/v3') ? 'v3' : 'v2') },
      async (request, reply) => {
        const grant = await requireUserToken(platform, request);
        const parsed = parseBusinessRequest(jsonObject(request.body), platform.now());
        return sendIdempotent(platform, request, reply, grant.userId, async (stores) => ({
          status: 200,
          body: v2Profile(
            await stores.transaction((tx) =>
              createBusinessProfile(tx, grant, parsed, platform.now(), platform.config.sandbox),
            ),
          ),
        }));
      },
    );
  }

  app.post('/v2/profiles/personal-profile', { schema: createPersonalSchema }, async (request, reply) => {
    const grant = await requireUserToken(platform, request);
    const input = parsePersonalProfile(jsonObject(request.body), platform.now());
    return sendIdempotent(platform, request, reply, grant.userId, async (stores) => ({
      status: 200,
      body: createdPersonalProfile(
        await createPersonalProfile(stores.profiles, grant, input, platform.now(), {
          sandbox: platform.config.sandbox,
        }),
      ),
    }));
  });
}
