import type { Platform } from '../context.js';
import { emailKey } from '../store/users.js';
import { verifyPassword } from './passwords.js';
import { isThrottled, recordFailure } from './throttle.js';
import { matchTotp } from './totp.js';
import { openTotpSecret } from './totp-seal.js';

export type PasswordResult =
  | { ok: true; userId: number; needsSecondFactor: boolean }
  | { ok: false; reason: 'invalid' | 'throttled' };

/**
 * Checks an email and password. Unknown email, no password yet, inactive account and wrong password all take
 * the same time and give the same answer, so the page never reveals whether an account exists.
 */
export async function checkPassword(
  platform: Platform,
  email: string,
  password: string,
  ip: string,
): Promise<PasswordResult> {
  const keys = { account: `email:${emailKey(email)}`, ip };
  if (await isThrottled(platform, keys)) return { ok: false, reason: 'throttled' };
  const user = await platform.stores.credentials.findByEmailKey(emailKey(email));
  const matches = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user?.active || !matches) {
    await recordFailure(platform, keys);
    return { ok: false, reason: 'invalid' };
  }
  return { ok: true, userId: user.userId, needsSecondFactor: user.totpSecret !== null };
}

export type SecondFactorResult = { ok: true } | { ok: false; reason: 'invalid' | 'throttled' };

/** RFC 6238 check of a one-time code: within ±1 step, and each step accepted once per user. */
export async function checkSecondFactor(
  platform: Platform,
  userId: number,
  email: string,
  code: string,
  ip: string,
): Promise<SecondFactorResult> {
  const keys = { account: `email:${emailKey(email)}`, ip };
  if (await isThrottled(platform, keys)) return { ok: false, reason: 'throttled' };
  const user = await platform.stores.credentials.findById(userId);
  if (!user?.totpSecret) return { ok: true };
  const secret = openTotpSecret(platform.config.serverSecret, userId, user.totpSecret);
  const step = matchTotp(secret, code.replace(/\s/g, ''), platform.now());
  if (step !== null && (await platform.stores.credentials.acceptTotpStep(userId, step))) return { ok: true };
  await recordFailure(platform, keys);
  return { ok: false, reason: 'invalid' };
}
