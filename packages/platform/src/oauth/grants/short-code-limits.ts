import type { Limit } from '../../auth/throttle.js';
import type { Platform } from '../../context.js';
import { HASH, hashSecret } from '../../crypto/hashes.js';
import type { ClientRecord } from '../../store/clients.js';

/**
 * Contract §6 (ours): a displayed code has 8 characters from a 31-letter alphabet, short enough to type and
 * so short enough to guess at if nothing stopped it. Two limits, both counted in the database:
 * - per code: after MAX_FAILURES_PER_CODE failed exchanges of one code (another client, a wrong redirect_uri,
 *   …) the code is dead;
 * - per client: `PLATFORM_LIMIT_SHORT_CODE` (10) short-code exchanges in flight or failed per window (15
 *   minutes). The slot is taken before the code is looked up (auth/throttle.ts), so 50 parallel guesses check
 *   at most 10; past it the client gets `429` with `Retry-After` and `{"error":"invalid_grant",…}`.
 */
export const MAX_FAILURES_PER_CODE = 5;

/** The per-client limit of short-code exchanges (contract "Attempt limits"). */
export function shortCodeLimits(platform: Platform, client: ClientRecord): Limit[] {
  const l = platform.config.limits;
  return [
    {
      scope: 'short-code',
      value: client.clientId,
      account: null,
      max: l.shortCode,
      windowSeconds: l.windowSeconds,
    },
  ];
}

/** A failed exchange of a short code also counts against that code (contract §6). */
export async function countShortCodeFailure(platform: Platform, shortCode: string): Promise<void> {
  const codeHash = hashSecret(platform.config.serverSecret, HASH.authorizationCode, shortCode);
  await platform.stores.authorizationCodes.recordFailure(codeHash, MAX_FAILURES_PER_CODE, platform.now());
}
