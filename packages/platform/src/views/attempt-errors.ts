import type { AttemptFailure } from '../auth/login.js';
import type { PageError } from './layout.js';

const TOO_MANY = 'Too many attempts.';

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
  failure: AttemptFailure,
): PageError & { field: string } {
  if (failure.reason === 'throttled')
    return { field, message: TOO_MANY, retryAt: failure.retryAt.toISOString() };
  return {
    field,
    message: `${invalid}${triesLeft(failure.triesLeft)}`,
    ...(failure.nextAt ? { retryAt: failure.nextAt.toISOString() } : {}),
  };
}
