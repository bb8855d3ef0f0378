import type { CounterState, Take } from '../store/attempt-counters.js';
import type { Limit } from './throttle.js';

/**
 * What an attempt take's states mean (auth/throttle.ts): the rule itself runs in the store's one statement
 * (migration 101's `take_attempt`); these read its answer with the same limits and clock.
 */

/** The later of two moments, either of which may be none. */
export const later = (a: Date | null, b: Date | null) => (a === null ? b : b === null || b < a ? a : b);

/** Until when a counter refuses attempts at `now` (its window is still live), or null. */
export function blockedAt(s: CounterState, l: Pick<Limit, 'max' | 'windowSeconds'>, now: Date): Date | null {
  const windowEnd = new Date(s.windowStart.getTime() + l.windowSeconds * 1000);
  if (windowEnd <= now) return null;
  return later(
    s.attempts >= l.max ? windowEnd : null,
    s.notBefore !== null && s.notBefore > now ? s.notBefore : null,
  );
}

export type Judged =
  | { ok: false; retryAt: Date }
  | { ok: true; triesLeft: number; lockSeconds: number; nextAt: Date | null };

/**
 * What a take's states mean (the rule itself, refuse when any limit is spent or delayed, else count one attempt
 * in each, runs in the store's one statement): refused → until when; taken → the numbers a failure shows.
 */
export function judge(limits: readonly Limit[], take: Take, now: Date): Judged {
  const { states } = take;
  const blockedUntil = (s: CounterState, l: Limit) => blockedAt(s, l, now);
  if (!take.taken) {
    let retryAt: Date | null = null;
    states.forEach((s, i) => {
      retryAt = later(retryAt, blockedUntil(s, limits[i]!));
    });
    // A refusal the store saw and this clock does not (a limit just lifted) still waits a moment.
    return { ok: false, retryAt: retryAt ?? now };
  }
  let nextAt: Date | null = null;
  states.forEach((s, i) => {
    nextAt = later(nextAt, blockedUntil(s, limits[i]!));
  });
  const left = states.map((s, i) => limits[i]!.max - s.attempts);
  const triesLeft = Math.min(...left);
  // The limit that locks first decides how long the lock may last; of two at once, the longer window.
  const lockSeconds = Math.max(...limits.filter((_, i) => left[i] === triesLeft).map((l) => l.windowSeconds));
  return { ok: true, triesLeft, lockSeconds, nextAt: nextAt as Date | null };
}
