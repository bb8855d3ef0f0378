import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { NotFound, ValidationError } from '../errors/errors.js';
import { requireUserToken } from '../http/bearer.js';
import { jsonObject } from '../http/json.js';
import { addressRequirements } from '../profiles/address-requirements.js';
import { parseLegacyAddress, v1AddressObject } from '../profiles/legacy.js';
import { grantedProfile, profileIdOf } from '../profiles/service.js';
import type { UserGrant } from '../store/grants.js';
import {
  addressCreateSchema,
  addressGetSchema,
  addressListSchema,
  addressRequirementsSchema,
} from './schemas/addresses.js';

/**
 * Contract §8, https://docs.wise.com/api-reference/address: `POST /v1/addresses` (the address becomes the
 * profile's address, the one its v1 and v2 objects show), `GET /v1/addresses/{addressId}` and
 * `GET /v1/addresses?profile={profileId}`, and `GET`/`POST /v1/address-requirements`. A token touches only the addresses of profiles it was granted:
 * any other profile or address is a 404 like one that does not exist (ours, as for profiles; Wise documents
 * a 403 for a profile the user does not own, guides/developer/errors "Create Address").
 */

const profileRequired = () =>
  new ValidationError(422, [
    { code: 'MISSING', message: 'profile is required', path: 'profile', arguments: ['profile'] },
  ]);

/** The `profile` of a body or query: an integer id (a JSON number, or digits in a query string). */
function profileOf(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '') throw profileRequired();
  if ((typeof raw === 'number' && Number.isInteger(raw)) || (typeof raw === 'string' && /^\d+$/.test(raw))) {
    return String(raw);
  }
  throw new ValidationError(422, [
    {
      code: 'UNEXPECTED',
      message: 'profile must be a profile id (an integer)',
      path: 'profile',
      arguments: ['profile'],
    },
  ]);
}

async function grantedAddress(platform: Platform, grant: UserGrant, rawId: string) {
  const id = profileIdOf(rawId);
  const found = id === null ? null : await platform.stores.addresses.findById(id);
  const granted =
    found && (await platform.stores.profiles.listForGrant(grant)).some((p) => p.id === found.profileId);
  if (!found || !granted) throw new NotFound('Address not found');
  return found;
}

export function registerAddressRoutes(app: FastifyInstance, platform: Platform): void {
  const { profiles, addresses } = platform.stores;

  app.post('/v1/addresses', { schema: addressCreateSchema }, async (request) => {
    const grant = await requireUserToken(platform, request);
    const input = jsonObject(request.body);
    const profile = await grantedProfile(profiles, grant, profileOf(input['profile']));
    const details = input['details'] ?? {};
    if (typeof details !== 'object' || Array.isArray(details)) {
      throw new ValidationError(422, [
        { code: 'UNEXPECTED', message: 'details must be an object', path: 'details', arguments: ['details'] },
      ]);
    }
    const parsed = parseLegacyAddress(details as Record<string, unknown>, {
      personal: profile.type === 'PERSONAL',
    });
    const saved = await addresses.addCurrent(profile.id, parsed.address, parsed.occupations, platform.now());
    if (!saved) throw new NotFound('Profile not found');
    return v1AddressObject(saved);
  });

  app.get<{ Params: { id: string } }>('/v1/addresses/:id', { schema: addressGetSchema }, async (request) => {
    const grant = await requireUserToken(platform, request);
    return v1AddressObject(await grantedAddress(platform, grant, request.params.id));
  });

  app.get<{ Querystring: Record<string, unknown> }>(
    '/v1/addresses',
    { schema: addressListSchema },
    async (request) => {
      const grant = await requireUserToken(platform, request);
      const profile = await grantedProfile(profiles, grant, profileOf(request.query['profile']));
      return (await addresses.listByProfile(profile.id)).map(v1AddressObject);
    },
  );

  app.get('/v1/address-requirements', { schema: addressRequirementsSchema('GET') }, async (request) => {
    await requireUserToken(platform, request);
    return addressRequirements();
  });

  app.post('/v1/address-requirements', { schema: addressRequirementsSchema('POST') }, async (request) => {
    await requireUserToken(platform, request);
    const details = jsonObject(request.body)['details'];
    const given = details !== null && typeof details === 'object' && !Array.isArray(details);
    return addressRequirements(given ? (details as Record<string, unknown>) : {});
  });
}
