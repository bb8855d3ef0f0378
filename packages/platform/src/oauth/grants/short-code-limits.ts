import type { Platform } from '../../context.js';
import { HASH, hashSecret } from '../../crypto/hashes.js';
import { InvalidGrant } from '../../errors/errors.js';
import type { ClientRecord } from '../../store/clients.js';

/**
 * Contract §6 (ours): a displayed code has 8 characters from a 31-letter alphabet, short enough to type and
 * so short enough to guess at if nothing stopped it. Two limits, both counted in the database:
 * - per code: after MAX_FAILURES_PER_CODE failed exchanges of one code (another client, a wrong redirect_uri,
 *   …) the code is dead;
 * - per client: after MAX_FAILURES_PER_CLIENT failed short-code exchanges in CLIENT_WINDOW_SECONDS the client
 *   gets `429` with `Retry-After` and the body `{"error":"invalid_grant",…}` until the window frees up.
 */
export const MAX_FAILURES_PER_CODE = 5;
export const MAX_FAILURES_PER_CLIENT = 10;
export const CLIENT_WINDOW_SECONDS = 15 * 60;

export async function refuseIfThrottled(platform: Platform, client: ClientRecord): Promise<void> {
  const now = platform.now().getTime();
  const { count, oldest } = await platform.stores.codeExchangeFailures.since(
    client.clientId,
    new Date(now - CLIENT_WINDOW_SECONDS * 1000),
  );
  if (count < MAX_FAILURES_PER_CLIENT) return;
  const error = new InvalidGrant('Too many failed attempts with emailed codes. Try again later.', 429);
  const freesAt = (oldest?.getTime() ?? now) + CLIENT_WINDOW_SECONDS * 1000;
  error.headers['retry-after'] = String(Math.max(1, Math.ceil((freesAt - now) / 1000)));
  throw error;
}

export async function countShortCodeFailure(
  platform: Platform,
  client: ClientRecord,
  shortCode: string,
): Promise<void> {
  const now = platform.now();
  await platform.stores.codeExchangeFailures.record(client.clientId, now);
  const codeHash = hashSecret(platform.config.serverSecret, HASH.authorizationCode, shortCode);
  await platform.stores.authorizationCodes.recordFailure(codeHash, MAX_FAILURES_PER_CODE, now);
}
