import type { AttemptFailure, ReusedCode } from '../auth/login.js';
import type { PageError } from './layout.js';

const TOO_MANY = 'Too many attempts.';
/** Issue 13: a right code already used is told apart from a wrong one, and is not counted. */
export const REUSED_CODE = 'This code was just used. Wait for the next one.';
/** A one-time code that is not right, on the hosted 2FA step and the account sign-in alike. */
export const WRONG_CODE = 'That code is not right. Enter the newest code from your app.';

/** "2 tries left." once fewer than 3 remain (issue 12), before the person is locked out for a while. */
function triesLeft(n: number): string {
  if (n >= 3) return '';
  if (n <= 0) return ' That was the last try for now.';
  return n === 1 ? ' 1 try left.' : ` ${n} tries left.`;
}

/**
 * The message of a refused or failed login or 2FA attempt (contract "Attempt limits"): what went wrong, how
 * many tries are left once fewer than 3, and when the next one is taken (the view shows it as `<time>`).
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
    message: `${invalid}${triesLeft(failure.triesLeft)}`,
    ...(failure.nextAt ? { retryAt: failure.nextAt.toISOString() } : {}),
  };
}
