import { createHash, randomUUID } from 'node:crypto';
import { guarded, refusedAttempt } from '../../auth/throttle.js';
import type { Platform } from '../../context.js';
import { HASH, hashSecret } from '../../crypto/hashes.js';
import { safeEqual } from '../../crypto/secrets.js';
import { normalizeShortCode } from '../../crypto/short-code.js';
import { InvalidGrant } from '../../errors/errors.js';
import type { FormParams } from '../../http/form.js';
import type { AuthorizationCodeRecord } from '../../store/authorization-codes.js';
import type { ClientRecord } from '../../store/clients.js';
import { issueUserTokens, newUserTokens, type UserTokenResponse } from '../tokens.js';
import { ClientChanged, type Grant, type GrantContext } from './grant.js';
import { countShortCodeFailure, shortCodeLimits } from './short-code-limits.js';

/** RFC 7636 §4.1: 43-128 characters of the unreserved set. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/**
 * A code used twice (contract §4 "Duplicates", RFC 6749 §4.1.2): always refused (the MUST). Its tokens are
 * revoked (the SHOULD) unless the request is an identical retry: the same client (checked before this), the
 * same redirect_uri and, when the code has a PKCE challenge, a verifier that matches it, within
 * `authorizationCodeRetrySeconds` of the first exchange. That is a partner's double submit or a retry after a
 * lost response, not an attacker: a stolen code comes without the client's secret or its PKCE verifier. Without
 * this, a double submit revoked the grant the first submit had just created, and the customer was unlinked
 * with no explanation.
 */
async function replayed(
  platform: Platform,
  code: AuthorizationCodeRecord,
  client: ClientRecord,
  params: FormParams,
): Promise<never> {
  const now = platform.now();
  const window = platform.config.tokens.authorizationCodeRetrySeconds * 1000;
  const consumedAt = code.consumedAt ?? new Date(0);
  if (now.getTime() - consumedAt.getTime() < window && problem(code, client, params) === null) {
    throw new InvalidGrant(
      'The authorization code has already been exchanged: this repeats that exchange, so nothing was revoked. Use the tokens the first exchange returned.',
    );
  }
  const grantId = await platform.stores.authorizationCodes.markReplayed(code.codeHash, now);
  if (grantId !== null) await platform.stores.grants.revoke(grantId, now);
  throw new InvalidGrant(
    'The authorization code has already been used; every token issued from it is revoked (RFC 6749 §4.1.2).',
  );
}

/** `check` as a value: the refusal, or null when the request matches the code's binding. */
function problem(code: AuthorizationCodeRecord, client: ClientRecord, params: FormParams): string | null {
  try {
    check(code, client, params, code.consumedAt ?? new Date(0));
    return null;
  } catch (error) {
    if (error instanceof InvalidGrant) return error.message;
    throw error;
  }
}

/** The checks that run before the code is consumed, so a mistaken request does not burn a good code. */
function check(code: AuthorizationCodeRecord, client: ClientRecord, params: FormParams, now: Date): void {
  if (code.expiresAt.getTime() <= now.getTime())
    throw new InvalidGrant('The authorization code has expired.');
  const redirectUri = params.get('redirect_uri');
  if (code.redirectUri !== null) {
    // Byte for byte the redirect_uri of the authorization request (RFC 6749 §4.1.3): a redirect's code, and a
    // code shown for forwardingMode=showCode, whose authorization request named one too (contract §4).
    if (redirectUri === undefined) throw new InvalidGrant('redirect_uri is required for this code.');
    if (redirectUri !== code.redirectUri)
      throw new InvalidGrant('redirect_uri does not match the authorization request.');
  } else if (redirectUri !== undefined && !client.redirectUris.includes(redirectUri)) {
    // Contract §6: an emailed link's code may be exchanged with no redirect_uri or any registered one.
    throw new InvalidGrant('redirect_uri is not registered for this client.');
  }
  const verifier = params.get('code_verifier');
  if (code.codeChallenge === null) {
    if (verifier !== undefined)
      throw new InvalidGrant('code_verifier was sent but the authorization request had no code_challenge.');
    return;
  }
  if (verifier === undefined) throw new InvalidGrant('code_verifier is required for this code.');
  if (!VERIFIER.test(verifier)) throw new InvalidGrant('code_verifier is not a valid PKCE verifier.');
  const computed = createHash('sha256').update(verifier, 'ascii').digest('base64url');
  if (!safeEqual(computed, code.codeChallenge))
    throw new InvalidGrant('code_verifier does not match the code_challenge.');
}

/**
 * Contract §4: tokens for a code from the hosted pages. Single use, 30 minutes, bound to client,
 * redirect_uri, user, profile and PKCE challenge. The consume is one atomic UPDATE, so of N concurrent
 * exchanges exactly one wins; the others are replays. The grant covers only the selected profile.
 */
export const authorizationCode: Grant = {
  grantType: 'authorization_code',
  // Issue 14: the exchange's statement confirms the client as read and its secret's counters open
  // (`AuthorizationCodeStore.exchange`), so a right secret costs no read of either.
  confirmsClient: true,
  confirmsCounters: true,
  // redirect_uri and code_verifier are required by the code itself (its binding), so `check` decides them.
  parameters: {
    properties: {
      code: {
        type: 'string',
        description: 'The code from the redirect, or the one a page showed (contract §6).',
      },
      redirect_uri: {
        type: 'string',
        description: 'The redirect_uri of the authorization request, byte for byte (RFC 6749 §4.1.3).',
      },
      code_verifier: { type: 'string', description: 'The PKCE verifier (RFC 7636 §4.5).' },
    },
    required: ['code'],
  },
  async handler(context) {
    const presented = context.params.require('code');
    // Contract §6: a displayed code may be typed with or without its dash, in any case.
    const short = normalizeShortCode(presented);
    if (short === null) return exchange(context, presented);
    // The client's slot is taken before the code is looked up, so parallel guesses cannot pass the limit;
    // a failed exchange keeps it, anything else gives it back (auth/throttle.ts).
    const { platform } = context;
    const outcome = await guarded(
      platform,
      shortCodeLimits(platform, context.client),
      async () => {
        try {
          return { body: await exchange(context, short) };
        } catch (error) {
          if (error instanceof InvalidGrant) return { error };
          throw error;
        }
      },
      (result) => 'body' in result,
    );
    if (!outcome.ok) {
      throw refusedAttempt(
        (when) => new InvalidGrant(`Too many failed attempts with emailed codes. ${when}`, 429),
        outcome.retryAt,
        platform.now(),
      );
    }
    if ('error' in outcome.value) {
      await countShortCodeFailure(platform, short);
      throw outcome.value.error;
    }
    return outcome.value.body;
  },
};

/** S256 of a presented verifier; one that is not a PKCE verifier gets a value no code challenge has. */
function challengeOf(verifier: string | undefined): string | null {
  if (verifier === undefined) return null;
  if (!VERIFIER.test(verifier)) return '!';
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * The common exchange in one statement (issue 14, `AuthorizationCodeStore.exchange`): the code consumed, the
 * client confirmed as read, the grant and its access token written. Null when nothing was issued: the code is
 * then judged as it is (`judge`), with every refusal's own message.
 */
async function exchangeAtOnce(
  { platform, client, params, counters }: GrantContext,
  codeHash: string,
): Promise<UserTokenResponse | null> {
  const now = platform.now();
  const redirectUri = params.get('redirect_uri') ?? null;
  const { body, ...tokens } = newUserTokens(platform, client, now);
  const { clientOk, issued } = await platform.stores.authorizationCodes.exchange(
    {
      codeHash,
      client,
      redirectUri,
      unboundRedirectOk: redirectUri === null || client.redirectUris.includes(redirectUri),
      challenge: challengeOf(params.get('code_verifier')),
      grantId: randomUUID(),
      ...tokens,
      counters,
    },
    now,
  );
  // A recent read of the client that the database no longer confirms, or a counter closed: authenticate again,
  // counters read (token-endpoint.ts), which refuses a locked-out secret with its 429.
  if (!clientOk) throw new ClientChanged();
  return issued ? body : null;
}

async function exchange(context: GrantContext, presented: string) {
  const codeHash = hashSecret(context.platform.config.serverSecret, HASH.authorizationCode, presented);
  return (await exchangeAtOnce(context, codeHash)) ?? judge(context, codeHash);
}

/** A code the one-statement exchange did not take: refused with its reason, a replay handled, or exchanged. */
async function judge({ platform, client, params }: GrantContext, codeHash: string) {
  const now = platform.now();
  const codes = platform.stores.authorizationCodes;
  const code = await codes.find(codeHash);
  if (!code) throw new InvalidGrant('The authorization code is invalid or has expired.');
  // Another client holding a code is refused before anything else: it must not be able to revoke the grant.
  if (code.clientId !== client.clientId)
    throw new InvalidGrant('The authorization code was issued to another client.');
  if (code.consumedAt !== null) return replayed(platform, code, client, params);
  check(code, client, params, now);
  // A DEACTIVATED account gets no new tokens, not even from a code issued before (contract "Verification").
  if (!code.userActive) throw new InvalidGrant('The account of this authorization code is deactivated.');
  // The grant id is fixed before the consume, so a replay racing with this exchange can still revoke it.
  const grantId = randomUUID();
  const consumed = await codes.consume(codeHash, grantId, now);
  if (!consumed) {
    // Another exchange consumed it meanwhile: judge this one against the code as that exchange left it.
    const used = await codes.find(codeHash);
    if (!used || used.consumedAt === null)
      throw new InvalidGrant('The authorization code is invalid or has expired.');
    return replayed(platform, used, client, params);
  }
  const { body } = await issueUserTokens(platform, {
    client,
    userId: consumed.userId,
    grantType: 'authorization_code',
    profileIds: [consumed.profileId],
    grantId,
  });
  // A replay that came while the grant was being written could not revoke it yet: do it now.
  if (await codes.wasReplayed(codeHash)) await platform.stores.grants.revoke(grantId, platform.now());
  return body;
}
