import type { Platform } from '../context.js';
import { emailKey } from '../store/users.js';
import { verifyPassword } from './passwords.js';
import { guarded, loginLimits, totpLimits } from './throttle.js';
import { matchTotp } from './totp.js';
import { openTotpSecret } from './totp-seal.js';

/** A refused or failed attempt: when to retry, and how many tries remain (contract "Attempt limits"). */
export type AttemptFailure =
  | { ok: false; reason: 'throttled'; retryAt: Date }
  | { ok: false; reason: 'invalid'; triesLeft: number; nextAt: Date | null };

export type PasswordResult = { ok: true; userId: number; needsSecondFactor: boolean } | AttemptFailure;

/**
 * Checks an email and password. Unknown email, no password yet, inactive account and wrong password all take
 * the same time and give the same answer, so the page never reveals whether an account exists. The attempt
 * is counted before the password is verified (auth/throttle.ts), so parallel guesses cannot pass the limit.
 */
export async function checkPassword(
  platform: Platform,
  email: string,
  password: string,
  ip: string,
): Promise<PasswordResult> {
  const outcome = await guarded(
    platform,
    loginLimits(platform, email, ip),
    async () => {
      const user = await platform.stores.credentials.findByEmailKey(emailKey(email));
      const matches = await verifyPassword(user?.passwordHash ?? null, password);
      return user?.active && matches ? user : null;
    },
    (user) => user !== null,
  );
  if (!outcome.ok) return { ok: false, reason: 'throttled', retryAt: outcome.retryAt };
  const user = outcome.value;
  if (!user) return { ok: false, reason: 'invalid', triesLeft: outcome.triesLeft, nextAt: outcome.nextAt };
  return { ok: true, userId: user.userId, needsSecondFactor: user.totpSecret !== null };
}

export type SecondFactorResult = { ok: true } | AttemptFailure;

/** RFC 6238 check of a one-time code: within ±1 step, and each step accepted once per user. */
export async function checkSecondFactor(
  platform: Platform,
  userId: number,
  email: string,
  code: string,
): Promise<SecondFactorResult> {
  const user = await platform.stores.credentials.findById(userId);
  if (!user?.totpSecret) return { ok: true };
  const totpSecret = user.totpSecret;
  const outcome = await guarded(
    platform,
    totpLimits(platform, email),
    async () => {
      const secret = openTotpSecret(platform.config.serverSecret, userId, totpSecret);
      const step = matchTotp(secret, code.replace(/\s/g, ''), platform.now());
      return step !== null && (await platform.stores.credentials.acceptTotpStep(userId, step));
    },
    (accepted) => accepted,
  );
  if (!outcome.ok) return { ok: false, reason: 'throttled', retryAt: outcome.retryAt };
  if (outcome.value) return { ok: true };
  return { ok: false, reason: 'invalid', triesLeft: outcome.triesLeft, nextAt: outcome.nextAt };
}
