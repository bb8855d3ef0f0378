import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import type { FailureScope } from '../store/auth-failures.js';
import { emailKey } from '../store/users.js';

/**
 * Failed logins and one-time codes are limited per account and per IP address over a sliding window, with the
 * counters in the database so every instance enforces the same limit (issue 3). Keys are keyed hashes: the
 * table never holds an email or an address.
 */
const WINDOW_SECONDS = 15 * 60;
const LIMITS: Record<FailureScope, number> = { account: 5, ip: 50 };

export interface ThrottleKeys {
  /** The email key (or user id) the attempt was for. */
  account: string;
  ip: string;
}

const key = (platform: Platform, scope: FailureScope, value: string) =>
  hashSecret(platform.config.serverSecret, HASH.failureKey, `${scope}:${value}`);

export async function isThrottled(platform: Platform, keys: ThrottleKeys): Promise<boolean> {
  const since = new Date(platform.now().getTime() - WINDOW_SECONDS * 1000);
  for (const scope of ['account', 'ip'] as const) {
    const count = await platform.stores.authFailures.countSince(
      scope,
      key(platform, scope, keys[scope]),
      since,
    );
    if (count >= LIMITS[scope]) return true;
  }
  return false;
}

export async function recordFailure(platform: Platform, keys: ThrottleKeys): Promise<void> {
  const now = platform.now();
  for (const scope of ['account', 'ip'] as const) {
    await platform.stores.authFailures.record(scope, key(platform, scope, keys[scope]), now);
  }
}

/** The account key of a person's logins and 2FA codes (login.ts counts both under it). */
const accountOf = (user: { email: string }) => `email:${emailKey(user.email)}`;

/** Whether a person's account is locked now: too many failed logins or codes within the window. */
export async function isAccountLocked(platform: Platform, user: { email: string }): Promise<boolean> {
  const since = new Date(platform.now().getTime() - WINDOW_SECONDS * 1000);
  const count = await platform.stores.authFailures.countSince(
    'account',
    key(platform, 'account', accountOf(user)),
    since,
  );
  return count >= LIMITS.account;
}

/**
 * Clears every account-keyed counter of a person (interfaces.md, "limits provides"): here the failed logins
 * and 2FA codes counted under their email. The per-address counter is not the account's and stays.
 */
export async function clearAccountLimits(
  platform: Platform,
  user: { id: number; email: string },
): Promise<void> {
  await platform.stores.authFailures.clear('account', key(platform, 'account', accountOf(user)));
}
