import type { FastifyInstance } from 'fastify';
import { clearAccountLimits } from '../auth/throttle.js';
import type { Platform } from '../context.js';
import { NotFound } from '../errors/errors.js';
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

/** `POST /_sandbox/users/{email}/unlock`. */
export function registerSandboxUsers(app: FastifyInstance, platform: Platform): void {
  app.post<{ Params: { email: string } }>('/_sandbox/users/:email/unlock', async (request) =>
    unlockUser(platform, request.params.email),
  );
}
