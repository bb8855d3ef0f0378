import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { randomToken } from '../crypto/secrets.js';
import { SET_PASSWORD_PATH } from '../http/hosted.js';
import { setPasswordMail } from '../mail/templates/set-password.js';
import { emailKey } from '../store/users.js';

/** Contract §7: a set-password link lives 30 minutes. */
export const SET_PASSWORD_TTL_SECONDS = 30 * 60;
/** Per user: at most this many links an hour, and none within a minute of the last (ours). */
export const MAX_LINKS_PER_HOUR = 3;
const MIN_SECONDS_BETWEEN_LINKS = 60;

export const hashSetPasswordToken = (serverSecret: Buffer, token: string) =>
  hashSecret(serverSecret, HASH.setPassword, token);

/**
 * Emails a set-password link to the account of `email`, if there is an active one and it is not over its
 * limit; the link and the mail are written in one transaction. Says nothing either way: the page answers the
 * same whatever happened, so it never reveals whether an account exists.
 */
export async function requestSetPasswordLink(platform: Platform, email: string): Promise<void> {
  const user = await platform.stores.users.findByEmailKey(emailKey(email));
  if (!user?.active) return;
  const now = platform.now();
  await platform.stores.transaction(async ({ passwordResets: links, mailOutbox }) => {
    // Serialises concurrent requests for one user, so the limit holds across instances.
    await links.lockUser(user.id);
    const at = now.getTime();
    if ((await links.countSince(user.id, new Date(at - MIN_SECONDS_BETWEEN_LINKS * 1000))) > 0) return;
    if ((await links.countSince(user.id, new Date(at - 3600 * 1000))) >= MAX_LINKS_PER_HOUR) return;
    const token = randomToken(32);
    await links.create({
      tokenHash: hashSetPasswordToken(platform.config.serverSecret, token),
      userId: user.id,
      createdAt: now,
      expiresAt: new Date(at + SET_PASSWORD_TTL_SECONDS * 1000),
    });
    const mail = setPasswordMail({
      to: user.email,
      platformName: platform.config.platformName,
      link: `${platform.config.issuer}${SET_PASSWORD_PATH}${token}`,
      validMinutes: SET_PASSWORD_TTL_SECONDS / 60,
    });
    await mailOutbox.enqueue(mail, { now, domain: new URL(platform.config.issuer).hostname });
  });
}
