import type { AttemptFailure, ReusedCode } from '../auth/login.js';
import type { PageError } from './layout.js';

const TOO_MANY = 'Too many attempts.';
/** Issue 13: a right code already used is told apart from a wrong one, and is not counted. */
export const REUSED_CODE = 'This code was just used. Wait for the next one.';
/** A one-time code that is not right, on the hosted 2FA step and the account sign-in alike. */
export const WRONG_CODE = 'That code is not right. Enter the newest code from your app.';

/** A lock's length as a person reads it: whole hours, else minutes (rounded up), else seconds. */
function span(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds >= 3600 && seconds % 3600 === 0) return unit(seconds / 3600, 'hour');
  if (seconds >= 60) return unit(Math.ceil(seconds / 60), 'minute');
  return unit(seconds, 'second');
}

/**
 * "2 tries left before sign-in is locked for up to 15 minutes." once fewer than 3 remain (issue 12): how many,
 * and what spending them costs. "Up to": the lock ends with the window of the limit it belongs to, which
 * started at that limit's first failure (auth/throttle.ts), so it lasts at most the window, often less.
 */
function triesLeft(n: number, lockSeconds: number): string {
  if (n >= 3) return '';
  if (n <= 0) return ' That was the last try for now.';
  const left = n === 1 ? '1 try left' : `${n} tries left`;
  return lockSeconds > 0 ? ` ${left} before sign-in is locked for up to ${span(lockSeconds)}.` : ` ${left}.`;
}

/**
 * The message of a refused or failed login or 2FA attempt (contract "Attempt limits"): what went wrong, how
 * many tries are left once fewer than 3 and how long a lock may last, and when the next one is taken (the view shows it as `<time>`).
 */
export function attemptError(
  field: string,
  invalid: string,
  failure: AttemptFailure | ReusedCode,
): PageError & { field: string } {
  if (failure.reason === 'reused') return { field, message: REUSED_CODE };
  if (failure.reason === 'throttled')
    return { field, message: TOO_MANY, retryAt: failure.retryAt.toISOString() };
  return {
    field,
    message: `${invalid}${triesLeft(failure.triesLeft, failure.lockSeconds)}`,
    ...(failure.nextAt ? { retryAt: failure.nextAt.toISOString() } : {}),
  };
}
