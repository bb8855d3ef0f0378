import type { FastifyInstance } from 'fastify';
import { seedCredentials } from '../auth/seed-step.js';
import { clearAccountLimits } from '../auth/throttle.js';
import type { Platform } from '../context.js';
import { NotFound, ValidationError } from '../errors/errors.js';
import { jsonObject } from '../http/json.js';
import { seedProfiles } from '../profiles/seed.js';
import { parseSeedUser, SeedError, type SeedUser, seedUser } from '../seed.js';
import { emailKey } from '../store/users.js';

/**
 * Unlocks a person's account (issue 11): clears their login, 2FA and emailed-code limits, so a developer who
 * typed five wrong passwords does not wait out the window. The per-address limit is not the account's and
 * stays. Answers `{"userId", "email", "unlocked": true}`; 404 when there is no such user.
 */
export async function unlockUser(
  platform: Platform,
  email: string,
): Promise<{ userId: number; email: string; unlocked: true }> {
  const user = await platform.stores.users.findByEmailKey(emailKey(email));
  if (!user) throw new NotFound('There is no user with this email.');
  await clearAccountLimits(platform, { id: user.id, email: user.email });
  return { userId: user.id, email: user.email, unlocked: true };
}

/**
 * Creates a person as a seed file would (seed.ts: email, password, optional TOTP seed and `sandboxTotp`,
 * profiles by the profile module's rules), all in one transaction: a profile the module refuses leaves no
 * user behind. The person belongs to no partner, like a seeded one: a partner links them through the
 * hosted flow. 409 when the email is taken (decided by the unique index, so parallel calls create one).
 */
export async function createSandboxUser(
  platform: Platform,
  person: SeedUser,
): Promise<{ id: number; email: string }> {
  try {
    const created = await platform.stores.transaction((stores) =>
      seedUser({ ...platform, stores }, person, [seedCredentials, seedProfiles]),
    );
    if (created === 'conflict')
      throw new ValidationError(409, [
        {
          code: 'NOT_UNIQUE',
          message: 'There is already a user with this email.',
          path: 'email',
          arguments: [],
        },
      ]);
    return { id: created.id, email: person.email };
  } catch (error) {
    if (error instanceof SeedError) throw badPerson(error.message);
    throw error;
  }
}

const badPerson = (message: string) =>
  new ValidationError(400, [{ code: 'BAD_REQUEST', message, path: 'body', arguments: [] }]);

/** `POST /_sandbox/users` (201 `{"id","email"}`) and `POST /_sandbox/users/{email}/unlock`. */
export function registerSandboxUsers(app: FastifyInstance, platform: Platform): void {
  app.post('/_sandbox/users', async (request, reply) => {
    let person: SeedUser;
    try {
      person = parseSeedUser(jsonObject(request.body), 'body');
    } catch (error) {
      throw error instanceof SeedError ? badPerson(error.message) : error;
    }
    reply.code(201);
    return createSandboxUser(platform, person);
  });
  app.post<{ Params: { email: string } }>('/_sandbox/users/:email/unlock', async (request) =>
    unlockUser(platform, request.params.email),
  );
}
