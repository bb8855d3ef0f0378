import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import { requireUserToken } from '../http/bearer.js';
import { parseDirectors, parseUbos } from '../profiles/business-people.js';
import { badRequest } from '../profiles/legacy.js';
import { grantedProfile } from '../profiles/service.js';
import { peopleSchemas } from './schemas/profiles.js';

/**
 * Contract §8, https://docs.wise.com/api-reference/profile: `POST` (add), `GET` (list) and `PUT` (replace)
 * `/v1/profiles/{id}/directors` and `/v1/profiles/{id}/ubos`, each answering the profile's whole list. Only
 * for business profiles the token was granted (any other profile: 404). A personal profile is refused with
 * the family of each call (ours: Wise documents no error for it): 422 for directors, 400 for UBOs.
 */

const notBusiness = {
  directors: () =>
    new ValidationError(422, [
      {
        code: 'ERROR',
        message: 'Directors belong to business profiles only',
        path: 'profileId',
        arguments: ['profileId'],
      },
    ]),
  ubos: () => badRequest('Ultimate beneficial owners belong to business profiles only'),
};

export function registerBusinessPeopleRoutes(app: FastifyInstance, platform: Platform): void {
  const { profiles, businessPeople: people } = platform.stores;

  type Route = { Params: { id: string } };
  async function businessOf(request: FastifyRequest<Route>, kind: 'directors' | 'ubos') {
    const grant = await requireUserToken(platform, request);
    const profile = await grantedProfile(profiles, grant, request.params.id);
    if (profile.type !== 'BUSINESS') throw notBusiness[kind]();
    return profile.id;
  }

  app.get<Route>('/v1/profiles/:id/directors', { schema: peopleSchemas.directors.GET }, async (request) =>
    people.listDirectors(await businessOf(request, 'directors')),
  );
  app.post<Route>('/v1/profiles/:id/directors', { schema: peopleSchemas.directors.POST }, async (request) => {
    const id = await businessOf(request, 'directors');
    return people.addDirectors(id, parseDirectors(request.body, platform.now()), platform.now());
  });
  app.put<Route>('/v1/profiles/:id/directors', { schema: peopleSchemas.directors.PUT }, async (request) => {
    const id = await businessOf(request, 'directors');
    return people.replaceDirectors(id, parseDirectors(request.body, platform.now()), platform.now());
  });

  app.get<Route>('/v1/profiles/:id/ubos', { schema: peopleSchemas.ubos.GET }, async (request) =>
    people.listUbos(await businessOf(request, 'ubos')),
  );
  app.post<Route>('/v1/profiles/:id/ubos', { schema: peopleSchemas.ubos.POST }, async (request) => {
    const id = await businessOf(request, 'ubos');
    return people.addUbos(id, parseUbos(request.body, platform.now()), platform.now());
  });
  app.put<Route>('/v1/profiles/:id/ubos', { schema: peopleSchemas.ubos.PUT }, async (request) => {
    const id = await businessOf(request, 'ubos');
    return people.replaceUbos(id, parseUbos(request.body, platform.now()), platform.now());
  });
}
