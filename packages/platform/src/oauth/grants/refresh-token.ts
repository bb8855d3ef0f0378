import type { Platform } from '../../context.js';
import { HASH, hashSecret } from '../../crypto/hashes.js';
import { InvalidGrant } from '../../errors/errors.js';
import type { ClientRecord } from '../../store/clients.js';
import type { RefreshCandidate } from '../../store/grants.js';
import type { Stores } from '../../store/stores.js';
import { later, refreshTokensOf, renewedIdle, type UserTokenResponse, userTokenBody } from '../tokens.js';
import type { Grant } from './grant.js';

const INVALID = 'The refresh token is invalid, expired or revoked.';
const REUSED =
  'The refresh token was already used and has been replaced; the grant is revoked as a precaution. Link the account again.';

/** What the locked decision comes to: a token body, or a refusal to throw once the transaction committed. */
type Outcome = { body: UserTokenResponse } | { refuse: string };

/**
 * Contract §5: a new access token for the grant of a refresh token; the previous access token of the grant
 * stops working at once. The client's `rotate` setting decides the refresh token: `never` returns it
 * unchanged (Wise), `always` replaces it and retires the presented one (RFC 9700 §4.14.2).
 *
 * Duplicates (contract §5 "Duplicates", ours): the same refresh token presented again within
 * `refreshGraceSeconds` of its refresh answers the same tokens as that refresh, so N concurrent refreshes of
 * one token (a retry after a lost response, two instances of a partner racing) each get an access token
 * that works, instead of each killing the one before (the issue measured 49 of 50 dead). The tokens of a
 * refresh are derived from the presented token (`refreshTokensOf`), so nothing recoverable is stored; Hydra
 * (`refresh_token_grace_period`) and Supabase (`refresh_token_reuse_interval`) answer such repeats too, but
 * with new tokens, which for a Wise-style grant would revoke the sibling's access token.
 *
 * Reuse (RFC 9700 §4.14.2): a retired refresh token presented after its window, or one that is not the
 * parent of the current token, means two parties hold the grant's tokens; the whole grant is revoked.
 *
 * Every decision but the common one runs under the grant's row lock (`lockForRefresh`) in one transaction,
 * so it holds across instances on both backends; the common one (the current token, outside the window) is
 * one conditional write that takes that lock itself and writes nothing if the grant moved on (`unlocked`).
 * The client may be this instance's recent read: the locking statement confirms it as registered (else
 * `ClientChanged`, and the endpoint authenticates it again from the database).
 */
export const refreshToken: Grant = {
  grantType: 'refresh_token',
  parameters: {
    properties: { refresh_token: { type: 'string', description: 'The refresh token (contract §5).' } },
    required: ['refresh_token'],
  },
  // Issue 14: the grant's statements confirm the client as read (`readForRefresh`, `recordRefresh` with
  // `expected`, `lockForRefresh`), so it may be this instance's recent read.
  confirmsClient: true,
  async handler({ platform, client, params }) {
    const presented = params.require('refresh_token');
    const presentedHash = hashSecret(platform.config.serverSecret, HASH.refreshToken, presented);
    const outcome =
      (await unlocked(platform, client, presented, presentedHash)) ??
      (await platform.stores.transaction((stores) =>
        decide(platform, stores, client, presented, presentedHash),
      ));
    if ('refuse' in outcome) throw new InvalidGrant(outcome.refuse);
    return outcome.body;
  },
};

async function decide(
  platform: Platform,
  stores: Stores,
  client: ClientRecord,
  presented: string,
  presentedHash: string,
): Promise<Outcome> {
  const now = platform.now();
  const grant = await stores.grants.lockForRefresh(presentedHash, client.clientId, now, client);
  if (!grant || grant.refreshExpiresAt === null) return { refuse: INVALID };

  if (inWindow(platform, grant, presentedHash, now)) {
    const repeat = await repeated(platform, stores, grant, presented, now);
    if (repeat) return { body: repeat };
    // The parent of the current token, within its window, whose answer can no longer be given (its access
    // token was revoked since): refused, but not taken for reuse.
    if (grant.retiredAt !== null) return { refuse: INVALID };
  } else if (grant.retiredAt !== null) {
    // Recorded before the refusal, in this transaction: the revocation commits even though we refuse.
    await stores.grants.revoke(grant.grantId, now);
    return { refuse: REUSED };
  }

  // Under the lock the write always happens: null only for a grant without a refresh expiry, refused above.
  return (
    (await issue(platform, stores, client, grant, presented, presentedHash, now, false)) ?? {
      refuse: INVALID,
    }
  );
}

/**
 * Issue 14, the common case in two statements and no explicit transaction: the grant read without its lock
 * (or, when this instance made its last refresh, as that write left it) and, when the presented token is
 * current and outside the duplicates window, the refresh written only if the grant is still as read
 * (`recordRefresh` with `expected`, one statement, so committed before the answer).
 * Anything else, or a grant that moved on meanwhile (a concurrent refresh, a revocation), is null: the caller
 * then decides under the grant's lock, as every refresh did before.
 */
async function unlocked(platform: Platform, client: ClientRecord, presented: string, presentedHash: string) {
  const now = platform.now();
  const { stores } = platform;
  const grant = await stores.grants.readForRefresh(presentedHash, client.clientId, now, client);
  if (!grant || grant.refreshExpiresAt === null || grant.retiredAt !== null) return null;
  if (inWindow(platform, grant, presentedHash, now)) return null;
  return issue(platform, stores, client, grant, presented, presentedHash, now, true);
}

/** Whether the presented token is the last refresh's, within the duplicates window (contract §5). */
function inWindow(platform: Platform, grant: RefreshCandidate, presentedHash: string, now: Date): boolean {
  const at = grant.refreshedAt;
  return (
    at !== null &&
    grant.refreshedFromHash === presentedHash &&
    now.getTime() < at.getTime() + platform.config.tokens.refreshGraceSeconds * 1000
  );
}

/**
 * The next generation of the grant: written, and its body; null when `expecting` the grant as read and it
 * moved on (nothing written).
 */
async function issue(
  platform: Platform,
  stores: Stores,
  client: ClientRecord,
  grant: RefreshCandidate,
  presented: string,
  presentedHash: string,
  now: Date,
  expecting: boolean,
): Promise<Outcome | null> {
  const { serverSecret, tokens } = platform.config;
  const generation = grant.generation + 1;
  const next = refreshTokensOf(serverSecret, grant.grantId, generation, presented);
  const accessExpiresAt = later(now, tokens.accessTokenTtlSeconds);
  const rotate = client.isPublic || client.rotate === 'always';
  // Derived only when it replaces the presented one: one keyed hash fewer per refresh that keeps it.
  const refresh = rotate ? next.refresh : presented;
  // A grant with an absolute end has an idle lifetime too (tokens.ts `refreshLifetime`): each refresh renews
  // it, the presented token's as well when it is kept (RFC 9700 §4.14.2: inactivity ends the token).
  const refreshExpiresAt =
    grant.refreshAbsoluteExpiresAt !== null
      ? renewedIdle(platform, client, grant.refreshAbsoluteExpiresAt, now)
      : grant.refreshExpiresAt;
  if (refreshExpiresAt === null) return null;
  const written = await stores.grants.recordRefresh(
    grant.grantId,
    {
      presentedHash,
      generation,
      accessTokenHash: hashSecret(serverSecret, HASH.accessToken, next.access),
      accessExpiresAt,
      refreshExpiresAt,
      rotateTo: rotate ? { refreshTokenHash: hashSecret(serverSecret, HASH.refreshToken, refresh) } : null,
    },
    now,
    expecting ? { generation: grant.generation, client, read: grant } : undefined,
  );
  if (!written) return null;
  return { body: userTokenBody(next.access, accessExpiresAt, refresh, refreshExpiresAt, now) };
}

/**
 * The body of the grant's last refresh, which this request repeats within the grace window, while that
 * refresh's access token is still live (not revoked since, not expired). Its refresh token is the presented
 * one or, when that refresh rotated, the one it rotated to (the grant's current one: checked, not assumed).
 */
async function repeated(
  platform: Platform,
  stores: Stores,
  grant: RefreshCandidate,
  presented: string,
  now: Date,
): Promise<UserTokenResponse | null> {
  const { serverSecret } = platform.config;
  if (grant.refreshExpiresAt === null) return null;
  const last = refreshTokensOf(serverSecret, grant.grantId, grant.generation, presented);
  const refresh = grant.retiredAt === null ? presented : last.refresh;
  if (hashSecret(serverSecret, HASH.refreshToken, refresh) !== grant.refreshTokenHash) return null;
  const access = await stores.grants.findAccessToken(
    hashSecret(serverSecret, HASH.accessToken, last.access),
    now,
  );
  if (access === null) return null;
  return userTokenBody(last.access, access.expiresAt, refresh, grant.refreshExpiresAt, now);
}
