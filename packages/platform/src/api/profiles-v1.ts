import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import { requireUserToken } from '../http/bearer.js';
import { jsonObject } from '../http/json.js';
import { sendIdempotent } from '../profiles/idempotency.js';
import { v1Profile } from '../profiles/index.js';
import { legacyProfileBody, parseLegacyBusiness, parseLegacyPersonal } from '../profiles/legacy.js';
import { createPersonalProfile, grantedProfile } from '../profiles/service.js';
import type { UserGrant } from '../store/grants.js';
import type { Stores } from '../store/stores.js';
import { v1CreateSchema, v1GetSchema, v1ListSchema } from './schemas/profiles.js';

/**
 * TransferWise's legacy reference, "Create (Business)": "You would need to create personal profile first
 * always. Business profile cannot be created without personal profile." The error is ours (Wise gives none).
 */
const personalProfileFirst = () =>
  new ValidationError(422, [
    {
      code: 'ERROR',
      message: 'Create the personal profile first: a business profile cannot be created without one',
      path: 'type',
      arguments: ['type', 'business'],
    },
  ]);

/** A business profile of the token's user, created by the token's partner (so its tokens see it, §5). */
async function createBusiness(stores: Stores, grant: UserGrant, details: Record<string, unknown>, now: Date) {
  const input = parseLegacyBusiness(details);
  const own = await stores.profiles.listByUser(grant.userId);
  if (!own.some((p) => p.type === 'PERSONAL')) throw personalProfileFirst();
  const created = await stores.profiles.create(
    { ...input, userId: grant.userId, createdByClientId: grant.clientId, createdByGrantId: grant.grantId },
    now,
  );
  // Only personal profiles are unique per user; a business create never conflicts.
  if (created === 'conflict') throw personalProfileFirst();
  return created;
}

/** Contract §8: the legacy v1 profiles, scoped to what the token was granted. */
export function registerProfileV1Routes(app: FastifyInstance, platform: Platform): void {
  const { profiles } = platform.stores;

  app.get('/v1/profiles', { schema: v1ListSchema }, async (request) => {
    const grant = await requireUserToken(platform, request);
    return (await profiles.listForGrant(grant)).map(v1Profile);
  });

  app.get<{ Params: { id: string } }>('/v1/profiles/:id', { schema: v1GetSchema }, async (request) => {
    const grant = await requireUserToken(platform, request);
    return v1Profile(await grantedProfile(profiles, grant, request.params.id));
  });

  /**
   * Wise's bank-flow create (TransferWise's legacy reference, "User Profiles"; the errors of
   * https://docs.wise.com/guides/developer/errors): personal `{"type": "personal", "details": {firstName,
   * lastName, dateOfBirth, phoneNumber}}`, no address (that comes through `POST /v1/addresses`), or business
   * `{"type": "business", "details": {name, registrationNumber, …}}`. Answers the v1 profile object.
   */
  app.post('/v1/profiles', { schema: v1CreateSchema }, async (request, reply) => {
    const grant = await requireUserToken(platform, request);
    const { type, details } = legacyProfileBody(jsonObject(request.body));
    const now = platform.now();
    if (type === 'BUSINESS') {
      parseLegacyBusiness(details); // a bad body is a 422 before any idempotency record
      return sendIdempotent(platform, request, reply, grant.userId, async (stores) => ({
        status: 200,
        body: v1Profile(await createBusiness(stores, grant, details, now)),
      }));
    }
    const user = await platform.stores.users.findById(grant.userId);
    const input = parseLegacyPersonal(details, user?.email ?? null, now);
    return sendIdempotent(platform, request, reply, grant.userId, async (stores) => ({
      status: 200,
      body: v1Profile(
        await createPersonalProfile(stores.profiles, grant, input, now, { sandbox: platform.config.sandbox }),
      ),
    }));
  });
}
