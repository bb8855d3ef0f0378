import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import type { PlatformError } from '../errors/errors.js';
import type { AttemptKind } from '../metrics.js';
import type { CounterKey, CounterLimit, RuledKey } from '../store/attempt-counters.js';
import type { Credentials } from '../store/credentials.js';
import { emailKey } from '../store/users.js';
import { blockedAt, judge, later } from './attempt-judge.js';

/**
 * Attempt limits (issue 12). Every guess of a secret (a password, a TOTP code, an emailed code, a registration
 * code, a client secret) is counted in one statement under the counters' row locks
 * (`AttemptCounterStore.take`) before its result can count, so N parallel guesses verify at most the limit, on
 * every instance. Two ways:
 * - `guarded` (passwords, TOTP, emailed codes: slow or database-bound checks): the attempt takes a slot of each
 *   limit, the secret is verified after the locks are released, and a success gives its slot back (`refund`);
 *   what stays counted is failures and guesses still in flight.
 * - `checkedUnderLock` (registration codes, client secrets: one keyed-hash comparison): the comparison runs
 *   under the locks and only a failure is counted.
 * A refused attempt writes nothing: a blocked address spends nobody's account budget.
 *
 * The default numbers (config/settings.ts, `PLATFORM_LIMIT_*`; contract "Attempt limits"):
 * - NIST SP 800-63B §5.2.2 asks to limit consecutive failed attempts on one account to no more than 100 and
 *   notes that the limit itself is a denial of service; OWASP's Authentication Cheat Sheet ("Account
 *   Lockout") prefers progressive delays and locks that do not hand an attacker the owner's account. So:
 * - per account and address: after 3 failures each further try waits 1 s, 2 s, 4 s, … (answered at once,
 *   never a sleep), and after 10 in 15 minutes that address is locked out of that account for the rest of
 *   the window. The owner elsewhere is not affected.
 * - per account, from all addresses: 100 failures in 24 hours (NIST's ceiling), ten times what one address
 *   may spend, so a lockout of the owner takes many addresses.
 * - per address, any account: 300 in 15 minutes, room for everyone behind one NAT mistyping now and then,
 *   still a bound on one machine spraying passwords over many accounts.
 * - TOTP: 5 wrong codes per account in 15 minutes (only someone with the password gets there; 5 × 3 live
 *   codes in 10^6 is a 1.5·10^-5 chance per window). Emailed (short) codes: 10 failed exchanges per client
 *   in 15 minutes (contract §6). Registration codes: 10 per client and email. Client secrets: 20 per client
 *   and address, 1000 per client, in 15 minutes (secrets are 256-bit random; the limit bounds abuse, and one
 *   address cannot lock a partner out).
 */
export interface Limit {
  /** What is counted: `login-pair`, `client-secret`, …; `value` is hashed into the key. */
  scope: string;
  value: string;
  /** The email the counter belongs to, when it is one person's (cleared by `clearAccountLimits`). */
  account: string | null;
  max: number;
  windowSeconds: number;
  /** Failures before the progressive delay starts (1 s, then doubling); none when undefined. */
  delayAfter?: number;
}

export type Attempt =
  | { ok: false; retryAt: Date }
  | {
      ok: true;
      /** How many more attempts may fail before a lock, if this one fails too. */
      triesLeft: number;
      /** The window of the limit those tries belong to: the longest that lock can last, in seconds. */
      lockSeconds: number;
      /** If this attempt fails: the moment the next one is taken, or null for right away. */
      nextAt: Date | null;
      keys: readonly CounterKey[];
    };

/**
 * The keyed hash of a counter's key, remembered per platform (issue 14: the same client and address come back
 * on every token request, and an HMAC per limit per request is work done once). Bounded: cleared when full.
 */
const keyHashes = new WeakMap<Platform, Map<string, string>>();
function hashed(platform: Platform, value: string): string {
  let known = keyHashes.get(platform);
  if (!known) {
    known = new Map();
    keyHashes.set(platform, known);
  }
  const hit = known.get(value);
  if (hit !== undefined) return hit;
  const hash = hashSecret(platform.config.serverSecret, HASH.failureKey, value);
  if (known.size >= 10_000) known.clear();
  known.set(value, hash);
  return hash;
}

/** The keyed hash naming one person's counters (the table never holds an email or an address). */
const subjectOf = (platform: Platform, email: string) => hashed(platform, `account:${emailKey(email)}`);

const keysOf = (platform: Platform, limits: readonly Limit[]) =>
  limits.map(
    (l): RuledKey => ({
      scope: l.scope,
      key: hashed(platform, `${l.scope}:${l.value}`),
      subject: l.account === null ? null : subjectOf(platform, l.account),
      max: l.max,
      windowSeconds: l.windowSeconds,
      delayAfter: l.delayAfter ?? null,
    }),
  );

/** The metric label of a set of limits (issue 15): what was being tried, named by its first limit. */
function kindOf(limits: readonly Limit[]): AttemptKind {
  const scope = limits[0]?.scope ?? '';
  if (scope.startsWith('login')) return 'login';
  if (scope === 'totp') return '2fa';
  if (scope === 'short-code') return 'emailed_code';
  if (scope === 'registration-code') return 'registration_code';
  if (scope === 'sandbox-key') return 'sandbox_key';
  return 'client_secret';
}

/** Counts a refusal, or a failure and whether it spent the last try (issue 15 "failures and lockouts"). */
function countOutcome(
  platform: Platform,
  limits: readonly Limit[],
  outcome: Guarded<unknown>,
  failed: boolean,
) {
  const kind = kindOf(limits);
  if (!outcome.ok) platform.metrics.attemptsRefused.inc({ kind });
  else if (failed) {
    platform.metrics.attemptFailures.inc({ kind });
    if (outcome.triesLeft <= 0) platform.metrics.attemptLockouts.inc({ kind });
  }
}

/** Takes one attempt of every limit, or none (see the module comment). */
export async function takeAttempt(platform: Platform, limits: readonly Limit[]): Promise<Attempt> {
  const keys = keysOf(platform, limits);
  const now = platform.now();
  const judged = judge(limits, await platform.stores.attemptCounters.take(keys, now), now);
  return judged.ok ? { ...judged, keys } : judged;
}

/**
 * `takeAttempt` for a login, with the account of `email` read in the same statement (issue 14): read whether
 * or not the attempt is taken, and used only when it is.
 */
export async function takeLoginAttempt(
  platform: Platform,
  limits: readonly Limit[],
  email: string,
): Promise<{ attempt: Attempt; credentials: Credentials | null }> {
  const keys = keysOf(platform, limits);
  const now = platform.now();
  const take = await platform.stores.attemptCounters.takeWithCredentials(keys, now, emailKey(email));
  const judged = judge(limits, take, now);
  return { attempt: judged.ok ? { ...judged, keys } : judged, credentials: take.credentials };
}

/**
 * A success (or an attempt that never got to verify) gives its slot back in every limit, and lifts the delay
 * its own slot set: whoever knows the secret need not wait for it.
 */
export async function refundAttempt(platform: Platform, attempt: Attempt): Promise<void> {
  if (!attempt.ok) return;
  await platform.stores.attemptCounters.refund(attempt.keys);
}

/** What `guarded` saw: refused (nothing verified), or verified with the attempt's numbers. */
export type Guarded<T> =
  | { ok: false; retryAt: Date }
  | {
      ok: true;
      value: T;
      triesLeft: number;
      lockSeconds: number;
      nextAt: Date | null;
      /** With `hold`, a success's slots, still taken: the caller gives them back in its own write. */
      held: readonly CounterKey[];
    };

/** Takes an attempt, runs `verify` only when it was taken, and refunds it when `verify` succeeds or throws. */
export async function guarded<T>(
  platform: Platform,
  limits: readonly Limit[],
  verify: () => Promise<T>,
  succeeded: (value: T) => boolean,
): Promise<Guarded<T>> {
  return verifyTaken(platform, limits, await takeAttempt(platform, limits), verify, succeeded, false);
}

/**
 * `guarded` for an attempt already taken. With `hold`, a success keeps its slots and answers them as `held`:
 * the caller gives them back in the statement that records the success (issue 14: a login's refund, its
 * interaction and its session are one statement). A failure keeps them either way; a throw gives them back.
 */
export async function verifyTaken<T>(
  platform: Platform,
  limits: readonly Limit[],
  attempt: Attempt,
  verify: () => Promise<T>,
  succeeded: (value: T) => boolean,
  hold: boolean,
): Promise<Guarded<T>> {
  if (!attempt.ok) {
    countOutcome(platform, limits, attempt, false);
    return attempt;
  }
  let value: T;
  try {
    value = await verify();
  } catch (error) {
    await refundAttempt(platform, attempt);
    throw error;
  }
  const success = succeeded(value);
  if (success && !hold) await refundAttempt(platform, attempt);
  const { triesLeft, lockSeconds, nextAt } = attempt;
  const held = success && hold ? attempt.keys : [];
  const outcome: Guarded<T> = { ok: true, value, triesLeft, lockSeconds, nextAt, held };
  countOutcome(platform, limits, outcome, !success);
  return outcome;
}

/**
 * For a check that is cheap and synchronous (a keyed-hash comparison): counts the attempt only when it fails.
 * The comparison runs first: a failure is counted under the counters' row locks (so parallel guesses cannot
 * pass the limit), while a success only reads the counters, without a lock, and is refused when a limit is
 * spent or delayed. A success then never holds a slot nor waits behind another request, so a partner's many
 * parallel good requests are never refused nor serialized; it is ordered before any failure it did not see.
 */
export async function checkedUnderLock(
  platform: Platform,
  limits: readonly Limit[],
  verify: () => boolean,
): Promise<Guarded<boolean>> {
  const now = platform.now();
  const keys = keysOf(platform, limits);
  if (verify()) {
    const states = await platform.stores.attemptCounters.peek(keys);
    let retryAt: Date | null = null;
    states.forEach((s, i) => {
      if (s !== null) retryAt = later(retryAt, blockedAt(s, limits[i]!, now));
    });
    if (retryAt === null)
      return {
        ok: true,
        value: true,
        triesLeft: Number.POSITIVE_INFINITY,
        lockSeconds: 0,
        nextAt: null,
        held: [],
      };
    const refused: Guarded<boolean> = { ok: false, retryAt };
    countOutcome(platform, limits, refused, true);
    return refused;
  }
  const judged = judge(limits, await platform.stores.attemptCounters.take(keys, now), now);
  const outcome: Guarded<boolean> = judged.ok ? { ...judged, value: false, held: [] } : judged;
  countOutcome(platform, limits, outcome, true);
  return outcome;
}

/**
 * A refused attempt of an API or grant (contract "Attempt limits", "Error bodies"): status 429, `Retry-After`
 * in seconds, and the moment (ISO 8601) in the description, so a person reading a log knows when.
 */
export function refusedAttempt<E extends PlatformError>(
  make: (when: string) => E,
  retryAt: Date,
  now: Date,
): E {
  const error = make(`Try again after ${retryAt.toISOString()}.`);
  error.headers['retry-after'] = String(Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)));
  return error;
}

/** The account-keyed scopes and their limits (what `isAccountLocked` weighs). */
function accountPolicies(platform: Platform): Record<string, Pick<Limit, 'max' | 'windowSeconds'>> {
  const l = platform.config.limits;
  return {
    'login-pair': { max: l.loginPair, windowSeconds: l.windowSeconds },
    'login-account': { max: l.loginAccount, windowSeconds: l.loginAccountWindowSeconds },
    totp: { max: l.totp, windowSeconds: l.windowSeconds },
    'registration-code': { max: l.registrationCode, windowSeconds: l.windowSeconds },
  };
}

/**
 * Whether any of a person's counters refuses attempts now: locked or made to wait from some address, for 2FA,
 * or for registration codes (the sandbox's user listing).
 */
export async function isAccountLocked(platform: Platform, user: { email: string }): Promise<boolean> {
  const policies = accountPolicies(platform);
  const now = platform.now();
  const counters = await platform.stores.attemptCounters.listSubject(subjectOf(platform, user.email));
  return counters.some((c) => {
    const policy = policies[c.scope];
    return policy !== undefined && blockedAt(c, policy, now) !== null;
  });
}

/**
 * Clears every account-keyed counter of one person: logins (from every address), 2FA and registration-code
 * guesses for that email (interfaces.md; the sandbox's unlock). Address- and client-wide counters stay.
 */
export async function clearAccountLimits(
  platform: Platform,
  user: { id: number; email: string },
): Promise<void> {
  await platform.stores.attemptCounters.clearSubject(subjectOf(platform, user.email));
}

/**
 * For a right secret whose write checks the counters itself (issue 14: the client-credentials token's insert,
 * store/client-tokens.ts), the counters it must find open, by `blockedAt`'s rule; a write that finds one
 * closed records nothing, and the caller then goes through `checkedUnderLock`, which refuses and counts it.
 */
export const openLimits = (platform: Platform, limits: readonly Limit[]): CounterLimit[] =>
  keysOf(platform, limits);
