import type { Platform } from '../context.js';
import type { CounterKey } from '../store/attempt-counters.js';
import type { Credentials } from '../store/credentials.js';
import { loginLimits, totpLimits } from './limits.js';
import { verifyPassword } from './passwords.js';
import { guarded, takeLoginAttempt, verifyTaken } from './throttle.js';
import { matchTotp } from './totp.js';
import { openTotpSecret } from './totp-seal.js';

/**
 * Wise's sandbox accepts 111111 as the second-factor code (issue 11). Here that is an option, off by default:
 * per person (`sandboxTotp`, seed file and `POST /_sandbox/users`) or for everyone with 2FA
 * (`PLATFORM_SANDBOX_FIXED_TOTP`). Both are honoured only in sandbox mode, checked here at each use, so a
 * flag left in a database can never open a production platform (config.ts also refuses the setting there).
 */
export const SANDBOX_TOTP_CODE = '111111';

/** Whether a person is asked for a second factor: a TOTP seed, or the sandbox's fixed code as theirs. */
export function hasSecondFactor(platform: Platform, user: Credentials): boolean {
  return user.totpSecret !== null || (platform.config.sandbox && user.sandboxTotp);
}

function acceptsSandboxCode(platform: Platform, user: Credentials): boolean {
  if (!platform.config.sandbox) return false;
  return user.sandboxTotp || (platform.config.sandboxFixedTotp && user.totpSecret !== null);
}

/** A refused or failed attempt: when to retry, and how many tries remain (contract "Attempt limits"). */
export type AttemptFailure =
  | { ok: false; reason: 'throttled'; retryAt: Date }
  | { ok: false; reason: 'invalid'; triesLeft: number; lockSeconds: number; nextAt: Date | null };

/**
 * A right TOTP code whose time step was already accepted (RFC 6238 §5.2): refused, but not a guess, so it is
 * not counted as a failure (issue 13: Deny then Allow within one 30-second step must not lock the person out).
 */
export type ReusedCode = { ok: false; reason: 'reused' };

/** A failed attempt's numbers, as the pages show them (views/attempt-errors.ts). */
const invalid = (o: { triesLeft: number; lockSeconds: number; nextAt: Date | null }): AttemptFailure => ({
  ok: false,
  reason: 'invalid',
  triesLeft: o.triesLeft,
  lockSeconds: o.lockSeconds,
  nextAt: o.nextAt,
});

export type PasswordResult =
  | {
      ok: true;
      userId: number;
      needsSecondFactor: boolean;
      /** With `hold`: the attempt's slots, still taken, for the caller to give back (auth/throttle.ts). */
      held: readonly CounterKey[];
    }
  | AttemptFailure;

/**
 * Checks an email and password. Unknown email, no password yet, inactive account and wrong password all take
 * the same time and give the same answer, so the page never reveals whether an account exists. The attempt
 * is counted before the password is verified (auth/throttle.ts), so parallel guesses cannot pass the limit;
 * the account is read in the statement that takes it (issue 14). With `hold`, a success leaves its slots
 * taken and answers them as `held`, for the caller's write to give back.
 */
export async function checkPassword(
  platform: Platform,
  email: string,
  password: string,
  ip: string,
  hold = false,
): Promise<PasswordResult> {
  const limits = loginLimits(platform, email, ip);
  const { attempt, credentials: user } = await takeLoginAttempt(platform, limits, email);
  const outcome = await verifyTaken(
    platform,
    limits,
    attempt,
    async () => {
      const matches = await verifyPassword(
        user?.passwordHash ?? null,
        password,
        platform.config.passwordHashCost,
      );
      return user?.active && matches ? user : null;
    },
    (found) => found !== null,
    hold,
  );
  if (!outcome.ok) return { ok: false, reason: 'throttled', retryAt: outcome.retryAt };
  const found = outcome.value;
  if (!found) return invalid(outcome);
  return {
    ok: true,
    userId: found.userId,
    needsSecondFactor: hasSecondFactor(platform, found),
    held: outcome.held,
  };
}

/**
 * Whether `code` is the person's second factor now: the sandbox's fixed code where it applies, or a TOTP
 * code within the window whose step was not accepted before (RFC 6238 §5.2); `reused` when it is a right
 * code of a step already accepted.
 */
async function acceptsCode(
  platform: Platform,
  user: Credentials,
  code: string,
): Promise<'accepted' | 'reused' | 'wrong'> {
  const typed = code.replace(/\s/g, '');
  // The fixed code is no secret, so it needs no constant-time comparison and has no replay window.
  if (typed === SANDBOX_TOTP_CODE && acceptsSandboxCode(platform, user)) return 'accepted';
  if (user.totpSecret === null) return 'wrong';
  const secret = openTotpSecret(platform.config.serverSecret, user.userId, user.totpSecret);
  const step = matchTotp(secret, typed, platform.now());
  if (step === null) return 'wrong';
  return (await platform.stores.credentials.acceptTotpStep(user.userId, step)) ? 'accepted' : 'reused';
}

export type SecondFactorResult = { ok: true } | AttemptFailure | ReusedCode;

/**
 * RFC 6238 check of a one-time code: within ±1 step, and each step accepted once per user. A reused right
 * code gives its slot back like a success (auth/throttle.ts): only whoever holds the seed can type one.
 */
export async function checkSecondFactor(
  platform: Platform,
  userId: number,
  email: string,
  code: string,
): Promise<SecondFactorResult> {
  const user = await platform.stores.credentials.findById(userId);
  if (!user || !hasSecondFactor(platform, user)) return { ok: true };
  const outcome = await guarded(
    platform,
    totpLimits(platform, email),
    () => acceptsCode(platform, user, code),
    (result) => result !== 'wrong',
  );
  if (!outcome.ok) return { ok: false, reason: 'throttled', retryAt: outcome.retryAt };
  if (outcome.value === 'accepted') return { ok: true };
  if (outcome.value === 'reused') return { ok: false, reason: 'reused' };
  return invalid(outcome);
}
