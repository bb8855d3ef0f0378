import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionUser } from '../auth/sessions.js';
import type { Platform } from '../context.js';
import { HASH, hashClaimAccountCode, hashSecret } from '../crypto/hashes.js';
import { sealPartnerState } from '../crypto/partner-state.js';
import { randomToken } from '../crypto/secrets.js';
import type { OAuthCode } from '../errors/catalogue.js';
import { PageError } from '../errors/errors.js';
import { callbackUrl } from '../http/callback-url.js';
import { ensureBrowser, readCookie } from '../http/cookies.js';
import { embeddedUserAgent } from '../http/embedded-browser.js';
import { unstorable } from '../http/form.js';
import { firstStepPath, INTERACTION_TTL_SECONDS } from '../http/hosted.js';
import { PAGE_HEADERS } from '../http/page-headers.js';
import { CHECKS_OWN_QUERY } from '../http/storable.js';
import type { ClientRecord } from '../store/clients.js';
import { embeddedBrowserPage } from '../views/embedded-browser.js';

/** An S256 challenge is base64url of a SHA-256: 43 characters (RFC 7636 §4.2). */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

function rawQueryOf(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at < 0 ? '' : request.url.slice(at + 1);
}

/**
 * The redirect_uri read the other way a raw (unencoded) value can be meant: percent-decoded once with '+'
 * kept as '+', as it is in a URL. URLSearchParams reads '+' as a space, which no registered URI holds.
 */
function plusKeptRedirectUri(rawQuery: string): string | null {
  const pairs = rawQuery.split('&').filter((pair) => pair.startsWith('redirect_uri='));
  if (pairs.length !== 1) return null;
  try {
    return decodeURIComponent(pairs[0]!.slice('redirect_uri='.length));
  } catch {
    return null;
  }
}

/**
 * One value of a parameter: undefined when absent or empty, 'repeated' when sent twice (RFC 6749 §3.1) or
 * when it holds what no database text can (a NUL): such a value is refused, never stored.
 */
function single(query: URLSearchParams, name: string): string | undefined | 'repeated' {
  const all = query.getAll(name);
  if (all.length > 1 || (all[0] !== undefined && unstorable(all[0]))) return 'repeated';
  return all[0] === '' ? undefined : all[0];
}

const badLink = (message: string) => new PageError(400, 'This link cannot be used', message);

/** Steps that cannot redirect: the client and the redirect_uri must both be known first (contract §4). */
async function clientAndRedirect(
  platform: Platform,
  query: URLSearchParams,
  rawQuery: string,
  recent: boolean,
): Promise<{ client: ClientRecord; redirectUri: string }> {
  const clientId = single(query, 'client_id');
  if (clientId === undefined || clientId === 'repeated')
    throw badLink('The link does not name the partner (client_id) exactly once.');
  const { clients } = platform.stores;
  const client = await (recent ? clients.findRecent(clientId) : clients.find(clientId));
  if (!client) throw badLink('The partner named in this link (client_id) is not known.');
  const redirectUri = single(query, 'redirect_uri');
  if (redirectUri === undefined || redirectUri === 'repeated')
    throw badLink('The link does not give a redirect_uri exactly once.');
  // Byte for byte, query included: no normalisation of case, slashes, dots or encoding (contract §4).
  if (client.redirectUris.includes(redirectUri)) return { client, redirectUri };
  const plusKept = plusKeptRedirectUri(rawQuery);
  if (plusKept !== null && !unstorable(plusKept) && client.redirectUris.includes(plusKept)) {
    return { client, redirectUri: plusKept };
  }
  throw badLink(`The redirect_uri is not registered for ${client.name}.`);
}

/** The PKCE challenge, or the reason the request is refused (RFC 7636; required for public clients). */
function pkce(
  query: URLSearchParams,
  client: ClientRecord,
): { challenge: string | null } | { error: string } {
  const method = single(query, 'code_challenge_method');
  const challenge = single(query, 'code_challenge');
  if (method === 'repeated' || challenge === 'repeated')
    return { error: 'code_challenge and code_challenge_method must be sent once each, as text.' };
  if (method !== undefined && method !== 'S256')
    return { error: 'code_challenge_method must be S256; plain is not supported.' };
  if (challenge === undefined) {
    if (method !== undefined) return { error: 'code_challenge_method was sent without a code_challenge.' };
    if (client.isPublic) return { error: 'PKCE is required for this client: send code_challenge with S256.' };
    return { challenge: null };
  }
  if (method === undefined) return { error: 'code_challenge_method=S256 is required with a code_challenge.' };
  if (!S256_CHALLENGE.test(challenge))
    return { error: 'code_challenge must be the base64url SHA-256 of the code_verifier (43 characters).' };
  return { challenge };
}

/** Not an answer: a request decided on a recent read of its client is decided again on a fresh one. */
const AGAIN = Symbol('again');

/**
 * Issue 14: the client may be this instance's recent read (`ClientStore.findRecent`) only for the common
 * answer, a new interaction, whose insert confirms the redirect_uri and the PKCE rule it relied on. Anything
 * else (an error page, an error redirect to the partner, a refused insert), and every claim (its code is used
 * up before the insert), is decided from a fresh read of the client, so no stale read ever sends a browser
 * to a redirect_uri that is no longer registered.
 */
async function authorize(platform: Platform, request: FastifyRequest, reply: FastifyReply) {
  const rawQuery = rawQueryOf(request);
  // Each parameter decoded exactly once, whether it arrived raw or percent-encoded (contract §4).
  const query = new URLSearchParams(rawQuery);
  let cookie: string | undefined;
  const browser = () => {
    cookie ??= ensureBrowser(platform, request, reply);
    return cookie;
  };
  if (query.has('claim_account_code'))
    return decide(platform, request, reply, query, rawQuery, browser, false);
  let answered: unknown;
  try {
    answered = await decide(platform, request, reply, query, rawQuery, browser, true);
  } catch (error) {
    if (!(error instanceof PageError)) throw error;
    answered = AGAIN;
  }
  if (answered !== AGAIN) return answered;
  const clientId = single(query, 'client_id');
  if (typeof clientId === 'string' && clientId !== 'repeated') platform.stores.clients.forget(clientId);
  return decide(platform, request, reply, query, rawQuery, browser, false);
}

async function decide(
  platform: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
  query: URLSearchParams,
  rawQuery: string,
  browser: () => string,
  recent: boolean,
) {
  const { client, redirectUri } = await clientAndRedirect(platform, query, rawQuery, recent);
  reply.headers(PAGE_HEADERS);
  const embedded = embeddedUserAgent(request.headers['user-agent']);
  if (embedded !== null && platform.config.embeddedBrowsers === 'refuse') {
    if (recent) return AGAIN;
    // Not sent back to the partner: the person must leave the WebView, and a redirect would keep them in it.
    request.log.info({ clientId: client.clientId, userAgent: embedded }, 'embedded browser refused');
    const url = new URL(request.url, platform.config.issuer).href;
    return reply
      .code(403)
      .type('text/html; charset=utf-8')
      .send(embeddedBrowserPage({ partnerName: client.name, userAgent: embedded, url }));
  }
  const iss = platform.config.issuer;
  const rawState = single(query, 'state');
  const state = rawState === 'repeated' ? null : (rawState ?? null);
  const refuse = (description: string, error: OAuthCode = 'invalid_request') =>
    recent
      ? AGAIN
      : reply.redirect(callbackUrl(redirectUri, { error, error_description: description, state, iss }), 302);
  if (rawState === 'repeated') return refuse('state must be sent once, as text.');
  const checked = pkce(query, client);
  if ('error' in checked) return refuse(checked.error);
  const claimCode = single(query, 'claim_account_code');
  if (claimCode === 'repeated') return refuse('claim_account_code must be sent once, as text.');
  const forwardingMode = single(query, 'forwardingMode');
  if (forwardingMode !== undefined && forwardingMode !== 'showCode')
    return refuse('forwardingMode must be showCode when it is sent.');

  try {
    let claimUserId: number | null = null;
    if (claimCode !== undefined) {
      claimUserId = await claimAccount(platform, client, claimCode);
      if (claimUserId === null) {
        return refuse(
          'The claim_account_code is unknown, expired, already used or was issued to another client. Get a new one from POST /v1/user/claim-account.',
        );
      }
    }
    return await beginInteraction(platform, request, reply, browser, recent, {
      client,
      redirectUri,
      state,
      challenge: checked.challenge,
      claimUserId,
      showCode: forwardingMode === 'showCode',
    });
  } catch (error) {
    if (recent) return AGAIN;
    // Client and redirect_uri are known good: the partner hears of the failure (contract §4 `server_error`).
    request.log.error({ err: error }, 'authorization request failed');
    return refuse(`Something went wrong on our side. Request id: ${request.id}`, 'server_error');
  }
}

interface ValidRequest {
  client: ClientRecord;
  redirectUri: string;
  state: string | null;
  challenge: string | null;
  /** The person whose partner-created account a claim_account_code names (contract §7). */
  claimUserId: number | null;
  /**
   * `forwardingMode=showCode` (contract §4): the code is shown to the person on the platform's page instead
   * of a redirect, for the partner to exchange with this redirect_uri.
   */
  showCode: boolean;
}

/**
 * Contract §7: uses a claim_account_code up (5 minutes, once, only by the partner that asked for it) and
 * names the person whose account it claims; null when it cannot be used or the account is already claimed.
 */
async function claimAccount(platform: Platform, client: ClientRecord, code: string): Promise<number | null> {
  const claimed = await platform.stores.claimAccountCodes.consume(
    hashClaimAccountCode(platform.config.serverSecret, code),
    client.clientId,
    platform.now(),
  );
  if (!claimed) return null;
  const user = await platform.stores.users.findById(claimed.userId);
  return user?.active && user.reclaimedAt === null ? user.id : null;
}

/**
 * Records the interaction, bound to this browser, and sends the browser to its first step's page (issue 14:
 * not by way of `/oauth/interaction/<uid>`, one request fewer). With `recent`, only if the insert confirms the
 * client as read, else `AGAIN`.
 */
async function beginInteraction(
  platform: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
  browserOf: () => string,
  recent: boolean,
  { client, redirectUri, state, challenge, claimUserId, showCode }: ValidRequest,
) {
  const browser = browserOf();
  const now = platform.now();
  // A person already signed in on the platform skips the login and 2FA steps (issue 3); a claim names the
  // person, who then secures the account (contract §7) whoever was signed in here.
  const signedIn =
    claimUserId === null ? await sessionUser(platform, readCookie(platform, request, 'session')) : null;
  const userId = claimUserId ?? signedIn;
  const uid = randomToken();
  const created = await platform.stores.interactions.create(
    {
      uid,
      browserHash: hashSecret(platform.config.serverSecret, HASH.browser, browser),
      clientId: client.clientId,
      entry: claimUserId === null ? 'authorize' : 'claim',
      delivery: showCode ? 'display' : 'redirect',
      redirectUri,
      sealedState: sealPartnerState(platform.config.serverSecret, uid, state),
      codeChallenge: challenge,
      expectedUserId: claimUserId,
      userId,
      passwordAt: signedIn === null ? null : now,
      secondFactorAt: signedIn === null ? null : now,
      expiresAt: new Date(now.getTime() + INTERACTION_TTL_SECONDS * 1000),
    },
    now,
    recent ? client : undefined,
  );
  if (!created) return AGAIN;
  const entry = claimUserId === null ? 'authorize' : 'claim';
  return reply.redirect(firstStepPath(uid, { entry, userId, signedIn: signedIn !== null }), 302);
}

/** GET /oauth/authorize (contract §4), with and without the trailing slash Wise's own URL has. */
export function registerAuthorize(app: FastifyInstance, platform: Platform): void {
  for (const path of ['/oauth/authorize', '/oauth/authorize/']) {
    // Its query is checked here (`single`): a NUL after a known client is an error redirect, not a page.
    app.get(path, { config: CHECKS_OWN_QUERY }, (request, reply) => authorize(platform, request, reply));
  }
}
