import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import { requireUserToken, type UserGrant } from '../http/bearer.js';
import { jsonObject } from '../http/json.js';
import { validated } from '../http/schema-errors.js';
import { isValidEmail } from '../profiles/fields.js';
import { meDetails } from '../profiles/index.js';
import type { UserRecord } from '../store/users.js';
import { getContactEmailSchema, putContactEmailSchema, userByIdSchema } from './schemas/users.js';
import { invalidEmail, userBody } from './users.js';

/**
 * https://docs.wise.com/api-reference/user: a user by id, and the user's contact email. A user token acts for
 * its own user only; any other id, or one that is not a user id at all, answers 404 as an unknown user does
 * (ours: Wise documents no error here; like a profile outside the grant, contract §8, it says nothing about
 * whether that user exists).
 */
const userNotFound = () => new ValidationError(404, [{ code: 'NOT_FOUND', message: 'User not found' }]);
const contactEmailNotSet = () =>
  new ValidationError(404, [{ code: 'NOT_FOUND', message: 'No contact email has been set for this user' }]);

/** The user the path names, when it is the token's own user. */
async function ownUser(
  platform: Platform,
  request: FastifyRequest,
): Promise<{ grant: UserGrant; user: UserRecord }> {
  const grant = await requireUserToken(platform, request);
  const { userId } = request.params as { userId: string };
  if (!/^\d{1,10}$/.test(userId) || Number(userId) !== grant.userId) throw userNotFound();
  const user = await platform.stores.users.findById(grant.userId);
  if (!user) throw userNotFound();
  return { grant, user };
}

/** The body of `PUT …/contact-email`: `{"email"}`, checked as create-user checks its email (contract §2). */
function parseContactEmail(request: FastifyRequest): string {
  const { email } = jsonObject(request.body) as { email: string };
  validated(request);
  if (!isValidEmail(email)) throw invalidEmail(email);
  return email;
}

export function registerUserContactRoutes(app: FastifyInstance, platform: Platform): void {
  // "Get authenticated user details by user ID. Response includes also personal user's profile info": the
  // user object of GET /v1/me, with the same rule for `details` (contract §8).
  app.get('/v1/users/:userId', { schema: userByIdSchema }, async (request) => {
    const { grant, user } = await ownUser(platform, request);
    const personal = (await platform.stores.profiles.listForGrant(grant)).find((p) => p.type === 'PERSONAL');
    return userBody(user, personal ? meDetails(personal) : null);
  });

  // Sets (or replaces) the contact email; Wise's response is `{"email"}`.
  app.put('/v1/users/:userId/contact-email', { schema: putContactEmailSchema }, async (request) => {
    const { user } = await ownUser(platform, request);
    const email = parseContactEmail(request);
    await platform.stores.contactEmails.set(user.id, email, platform.now());
    return { email };
  });

  // Wise's response is `{"email"}`; before any PUT there is none to give: 404 (ours).
  app.get('/v1/users/:userId/contact-email', { schema: getContactEmailSchema }, async (request) => {
    const { user } = await ownUser(platform, request);
    const email = await platform.stores.contactEmails.get(user.id);
    if (email === null) throw contactEmailNotSet();
    return { email };
  });
}
