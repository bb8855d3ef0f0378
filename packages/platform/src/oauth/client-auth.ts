import { checkedUnderLock, type Limit, openLimits, refusedAttempt } from '../auth/throttle.js';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { safeEqual } from '../crypto/secrets.js';
import { InvalidClient, InvalidRequest } from '../errors/errors.js';
import { type FormParams, unstorable } from '../http/form.js';
import type { CounterLimit } from '../store/attempt-counters.js';
import type { ClientRecord } from '../store/clients.js';

/** The keyed hash of a presented secret, made once per request however many checks compare it. */
type SecretHash = (secret: string) => string;

function secretHasher(platform: Platform): SecretHash {
  const made = new Map<string, string>();
  return (secret) => {
    let hash = made.get(secret);
    if (hash === undefined) {
      hash = hashSecret(platform.config.serverSecret, HASH.clientSecret, secret);
      made.set(secret, hash);
    }
    return hash;
  };
}

interface Credentials {
  clientId: string;
  clientSecret: string | null;
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before base64; many clients send them raw. */
function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function basicCredentials(header: string): Credentials[] {
  const match = /^Basic ([A-Za-z0-9+/=._~-]+)$/i.exec(header.trim());
  if (!match) throw new InvalidClient('The Authorization header is not valid HTTP Basic authentication.');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new InvalidClient('The Authorization header is not valid HTTP Basic authentication.');
  const raw = { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
  const id = formDecode(raw.clientId);
  const secret = formDecode(raw.clientSecret);
  const encoded = id !== null && secret !== null ? { clientId: id, clientSecret: secret } : null;
  return encoded && (encoded.clientId !== raw.clientId || encoded.clientSecret !== raw.clientSecret)
    ? [raw, encoded]
    : [raw];
}

/**
 * Issue 12: wrong secrets per client and address, and per client from everywhere, taken before the secret is
 * compared (auth/throttle.ts). `ip` is optional so that a caller without one still gets the per-client limit.
 */
function secretLimits(platform: Platform, clientId: string, ip: string | undefined): Limit[] {
  const l = platform.config.limits;
  const perClient = { account: null, windowSeconds: l.windowSeconds };
  return [
    { ...perClient, scope: 'client-secret', value: clientId, max: l.clientSecret },
    ...(ip === undefined
      ? []
      : [
          {
            ...perClient,
            scope: 'client-secret-address',
            value: `${clientId}\n${ip}`,
            max: l.clientSecretAddress,
          },
        ]),
  ];
}

/**
 * One counted attempt for a client, whichever of the presented forms of the secret (raw, decoded) matches:
 * null when none does, else the counters a write must still find open (none once checked here). With
 * `defer`, a right secret skips the counters' read: the caller's write checks them (issue 14).
 */
async function secretMatches(
  platform: Platform,
  client: ClientRecord & { secretHash: string },
  presented: readonly string[],
  ip: string | undefined,
  defer: boolean,
): Promise<readonly CounterLimit[] | null> {
  const limits = secretLimits(platform, client.clientId, ip);
  const right = () => presented.some((hash) => safeEqual(hash, client.secretHash));
  if (defer && right()) return openLimits(platform, limits);
  const outcome = await checkedUnderLock(platform, limits, right);
  if (!outcome.ok) {
    throw refusedAttempt(
      (when) => new InvalidClient(`Too many failed authentication attempts for this client. ${when}`, 429),
      outcome.retryAt,
      platform.now(),
    );
  }
  return outcome.value ? [] : null;
}

/** Whether `secrets` would authenticate as `client` (no attempt counted): the raw comparison only. */
function wouldMatch(client: ClientRecord, secrets: readonly (string | null)[], hashOf: SecretHash): boolean {
  const { secretHash } = client;
  if (secretHash === null) return secrets.some((secret) => secret === null || secret === '');
  return secrets.some((secret) => secret !== null && safeEqual(hashOf(secret), secretHash));
}

/**
 * The client to authenticate against. A recent read (issue 14) that the credentials do not match may be
 * out of date (a secret rotated on another instance): the client is then read again, so a new secret works
 * at once and an old cached one never counts a failure against the partner.
 */
async function clientFor(
  platform: Platform,
  clientId: string,
  secrets: readonly (string | null)[],
  recent: boolean,
  hashOf: SecretHash,
): Promise<ClientRecord | null> {
  const { clients } = platform.stores;
  if (!recent) return clients.find(clientId);
  const cached = await clients.findRecent(clientId);
  if (cached && wouldMatch(cached, secrets, hashOf)) return cached;
  clients.forget(clientId);
  return clients.findRecent(clientId);
}

/** An authenticated client, and the attempt counters its write must find open (`deferCounters`). */
export interface AuthenticatedClient {
  client: ClientRecord;
  counters: readonly CounterLimit[];
}

/**
 * Identifies the partner of a token request: HTTP Basic (preferred by Wise), or client_secret_post, or a
 * public client naming itself with client_id. Using two methods at once is refused (RFC 6749 §2.3).
 */
export async function authenticateClient(
  platform: Platform,
  authorization: string | undefined,
  form: FormParams,
  ip?: string,
): Promise<ClientRecord> {
  return (await authenticateForWrite(platform, authorization, form, ip)).client;
}

/**
 * `authenticateClient` for a grant whose write confirms what it relied on (issue 14): with `recent`, the
 * client may be this instance's recent read; with `deferCounters`, a right secret's attempt counters are
 * not read here but handed back, for the write to check in its own statement.
 */
export async function authenticateForWrite(
  platform: Platform,
  authorization: string | undefined,
  form: FormParams,
  ip?: string,
  options: { recent?: boolean; deferCounters?: boolean } = {},
): Promise<AuthenticatedClient> {
  const formId = form.get('client_id');
  const formSecret = form.get('client_secret');
  let candidates: Credentials[];
  if (authorization) {
    if (formSecret !== undefined) throw new InvalidRequest('Use one client authentication method, not two.');
    candidates = basicCredentials(authorization);
  } else if (formId !== undefined) {
    candidates = [{ clientId: formId, clientSecret: formSecret ?? null }];
  } else {
    throw new InvalidClient('Client authentication is required.');
  }
  const hashOf = secretHasher(platform);
  // The raw and the decoded form of one client's credentials are one attempt, not two.
  const byClient = new Map<string, (string | null)[]>();
  for (const { clientId, clientSecret } of candidates)
    byClient.set(clientId, [...(byClient.get(clientId) ?? []), clientSecret]);
  for (const [clientId, secrets] of byClient) {
    // A NUL or half a surrogate pair cannot be a registered client id, and PostgreSQL text cannot hold it.
    if (unstorable(clientId)) continue;
    const client = await clientFor(platform, clientId, secrets, options.recent === true, hashOf);
    if (!client || (formId !== undefined && formId !== client.clientId)) continue;
    const { secretHash } = client;
    if (secretHash === null) {
      // A public client proves nothing with a secret; PKCE protects its codes (contract §4).
      if (secrets.some((secret) => secret === null || secret === '')) return { client, counters: [] };
      continue;
    }
    const presented = secrets.filter((secret): secret is string => secret !== null).map(hashOf);
    if (presented.length === 0) continue;
    const defer = options.recent === true && options.deferCounters === true;
    const counters = await secretMatches(platform, { ...client, secretHash }, presented, ip, defer);
    if (counters !== null) return { client, counters };
  }
  throw new InvalidClient();
}
