import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import { requireUserToken } from '../http/bearer.js';
import { jsonObject } from '../http/json.js';
import { sendIdempotent } from '../profiles/idempotency.js';
import { parsePersonalProfile, v1Profile } from '../profiles/index.js';
import { createPersonalProfile, grantedProfile } from '../profiles/service.js';
import { registerProfileV2Routes } from './profiles-v2.js';

/** The legacy body `{"type": "personal", "details": {…}}`: the details are the v2 fields, paths `details.…`. */
function legacyDetails(body: unknown): Record<string, unknown> {
  const input = jsonObject(body);
  const type = input['type'];
  if (type === undefined || type === null) {
    throw new ValidationError(422, [
      { code: 'MISSING', message: 'type is required', path: 'type', arguments: ['type'] },
    ]);
  }
  if (typeof type !== 'string' || type.toLowerCase() !== 'personal') {
    throw new ValidationError(422, [
      {
        code: 'ERROR',
        message: 'Only personal profiles can be created here',
        path: 'type',
        arguments: ['type'],
      },
    ]);
  }
  const details = input['details'];
  if (details === undefined || details === null) {
    throw new ValidationError(422, [
      { code: 'MISSING', message: 'details is required', path: 'details', arguments: ['details'] },
    ]);
  }
  if (typeof details !== 'object' || Array.isArray(details)) {
    throw new ValidationError(422, [
      { code: 'UNEXPECTED', message: 'details must be an object', path: 'details', arguments: ['details'] },
    ]);
  }
  return details as Record<string, unknown>;
}

/** Contract §8: profiles, the legacy v1 here and v2 in profiles-v2.ts, scoped to what the token was granted. */
export function registerProfileRoutes(app: FastifyInstance, platform: Platform): void {
  const { profiles } = platform.stores;
  registerProfileV2Routes(app, platform);

  app.get('/v1/profiles', async (request) => {
    const grant = await requireUserToken(platform, request);
    return (await profiles.listForGrant(grant)).map(v1Profile);
  });

  app.get<{ Params: { id: string } }>('/v1/profiles/:id', async (request) => {
    const grant = await requireUserToken(platform, request);
    return v1Profile(await grantedProfile(profiles, grant, request.params.id));
  });

  app.post('/v1/profiles', async (request, reply) => {
    const grant = await requireUserToken(platform, request);
    const details = { ...legacyDetails(request.body) };
    // Legacy bodies carry `phoneNumber` beside the names and no contactDetails; the email is the user's.
    if (details['contactDetails'] === undefined && details['phoneNumber'] !== undefined) {
      const user = await platform.stores.users.findById(grant.userId);
      details['contactDetails'] = {
        email: details['email'] ?? user?.email,
        phoneNumber: details['phoneNumber'],
      };
    }
    const input = parsePersonalProfile(details, platform.now(), { prefix: 'details.' });
    return sendIdempotent(platform, request, reply, grant.userId, async (stores) => ({
      status: 200,
      body: v1Profile(await createPersonalProfile(stores.profiles, grant, input, platform.now())),
    }));
  });
}
