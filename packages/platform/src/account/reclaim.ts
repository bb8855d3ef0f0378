import type { Platform } from '../context.js';
import { keyedHash, randomToken } from '../crypto/secrets.js';
import { setPasswordMail } from '../mail/templates/set-password.js';
import { emailKey } from '../store/users.js';
import { MIN_PASSWORD_LENGTH } from '../views/password.js';
import { SET_PASSWORD_PATH } from './paths.js';

/** Contract §7: a set-password link lives 30 minutes. */
export const SET_PASSWORD_TTL_SECONDS = 30 * 60;
/** Per user: at most this many links an hour, and none within a minute of the last (ours). */
export const MAX_LINKS_PER_HOUR = 3;
const MIN_SECONDS_BETWEEN_LINKS = 60;
const MAX_PASSWORD_LENGTH = 1024;

export const hashSetPasswordToken = (serverSecret: Buffer, token: string) =>
  keyedHash(serverSecret, 'set-password', token);

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

/** What can be wrong with a new password, by a short name that may travel in a URL after a 303. */
export const PASSWORD_PROBLEMS = {
  password: { field: 'password', message: 'Enter a new password.' },
  'password-short': {
    field: 'password',
    message: `Your password must be at least ${MIN_PASSWORD_LENGTH} characters.`,
  },
  'password-long': {
    field: 'password',
    message: `Your password must be at most ${MAX_PASSWORD_LENGTH} characters.`,
  },
  'password-mismatch': { field: 'confirmPassword', message: 'The two passwords are not the same.' },
} as const;

export type PasswordProblem = keyof typeof PASSWORD_PROBLEMS;

/** The rules of a new password (at least 10 characters, typed the same twice). */
export function checkNewPassword(password: string, confirm: string): PasswordProblem | null {
  if (password.length === 0) return 'password';
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password-short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'password-long';
  if (password !== confirm) return 'password-mismatch';
  return null;
}
