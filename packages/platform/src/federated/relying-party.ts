import * as oidc from 'openid-client';
import type { OidcProviderConfig } from '../config/oidc-providers.js';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { openTrip, sealTrip } from './login-state.js';

/**
 * Issue 16: the platform as an OpenID Connect relying party of each configured provider, by openid-client
 * (on oauth4webapi): discovery, the authorization code flow with PKCE (S256), `state` and `nonce`, and the ID
 * token's checks (issuer, audience, signature by the provider's JWKS, expiry, nonce) done by the library.
 * What one trip to the provider needs afterwards is kept in the database, never in process memory: the keyed
 * hash of `state` names the row, the nonce and code_verifier are sealed to the login interaction, and the row
 * is used once (store/federated-identities.ts), so any instance can take the callback, and only once.
 */

/** Where a provider sends the person back: `/oauth/federated/<id>/callback`. */
export const federatedCallbackPath = (providerId: string) =>
  `/oauth/federated/${encodeURIComponent(providerId)}/callback`;

/** How long a person may stay at the provider before the trip is refused. */
export const TRIP_TTL_SECONDS = 10 * 60;

/** Why a federated login went no further; the pages word each one (views/federated.ts). */
export type FederatedFailure =
  /** The provider could not be reached, or its discovery document was unusable. */
  | 'unavailable'
  /** The provider refused or the person cancelled there (`error` on the callback). */
  | 'cancelled'
  /** The code exchange or the ID token failed the library's checks (audience, signature, expiry, nonce, …). */
  | 'rejected';

export class FederatedError extends Error {
  constructor(
    readonly failure: FederatedFailure,
    /** A short machine reason for the log (an openid-client error code); never a token, code or claim. */
    readonly reason: string,
  ) {
    super(`federated login ${failure}: ${reason}`);
  }
}

const reasonOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code)) return code;
  const causeCode = (
    (error as { cause?: { code?: unknown } } | null)?.cause as { code?: unknown } | undefined
  )?.code;
  if (typeof causeCode === 'string' && /^[A-Z0-9_]{1,64}$/.test(causeCode)) return causeCode;
  return error instanceof Error ? error.name : 'unknown';
};

export function providerNamed(platform: Platform, id: string): OidcProviderConfig | null {
  return platform.config.oidcProviders.find((p) => p.id === id) ?? null;
}

/**
 * Each provider's discovered configuration, per platform: the provider's public metadata (its keys are
 * fetched and cached by the library), not state of a person's login, so an instance may keep its own. A
 * failed discovery is not kept: the next login tries again.
 */
const discovered = new WeakMap<Platform, Map<string, Promise<oidc.Configuration>>>();

function configurationOf(platform: Platform, provider: OidcProviderConfig): Promise<oidc.Configuration> {
  const cache = discovered.get(platform) ?? new Map<string, Promise<oidc.Configuration>>();
  discovered.set(platform, cache);
  let found = cache.get(provider.id);
  if (!found) {
    const insecure = new URL(provider.issuer).protocol === 'http:';
    found = oidc.discovery(
      new URL(provider.issuer),
      provider.clientId,
      { redirect_uris: [platform.config.issuer + federatedCallbackPath(provider.id)] },
      oidc.ClientSecretBasic(provider.clientSecret),
      {
        timeout: 10,
        // The ID token's signature is checked against the provider's JWKS even though it comes straight from
        // the token endpoint (the library skips that by default, OpenID Connect Core §3.1.3.7); http only for
        // a loopback stand-in (config/oidc-providers.ts refuses any other).
        execute: [oidc.enableNonRepudiationChecks, ...(insecure ? [oidc.allowInsecureRequests] : [])],
      },
    );
    cache.set(provider.id, found);
    found.catch(() => cache.delete(provider.id));
  }
  return found.catch((error: unknown) => {
    throw new FederatedError('unavailable', reasonOf(error));
  });
}

const stateHash = (platform: Platform, state: string) =>
  hashSecret(platform.config.serverSecret, HASH.federatedState, state);

/** Starts a trip to the provider for this interaction: the URL to send the browser to. */
export async function beginFederatedLogin(
  platform: Platform,
  provider: OidcProviderConfig,
  interactionUid: string,
): Promise<URL> {
  const config = await configurationOf(platform, provider);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const now = platform.now();
  await platform.stores.federatedIdentities.startLogin(
    stateHash(platform, state),
    {
      interactionUid,
      provider: provider.id,
      sealed: sealTrip(platform.config.serverSecret, interactionUid, { nonce, codeVerifier }),
    },
    now,
    new Date(now.getTime() + TRIP_TTL_SECONDS * 1000),
  );
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: platform.config.issuer + federatedCallbackPath(provider.id),
    scope: 'openid email',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
}

/** A trip taken back by its `state`: its interaction, and what the code exchange needs. */
export interface Trip {
  interactionUid: string;
  provider: OidcProviderConfig;
  nonce: string;
  codeVerifier: string;
}

/**
 * Uses up the trip this callback's `state` names, once across every instance: null when the state is
 * missing, forged, replayed, expired, or from another provider's trip.
 */
export async function takeTrip(
  platform: Platform,
  providerId: string,
  state: string | null,
): Promise<Trip | null> {
  const provider = providerNamed(platform, providerId);
  if (!provider || !state) return null;
  const login = await platform.stores.federatedIdentities.consumeLogin(
    stateHash(platform, state),
    platform.now(),
  );
  if (!login || login.provider !== provider.id) return null;
  const values = openTrip(platform.config.serverSecret, login.interactionUid, login.sealed);
  return values ? { interactionUid: login.interactionUid, provider, ...values } : null;
}

/** What the provider vouched for, from a validated ID token (and its userinfo when the token omits the email). */
export interface ProviderClaims {
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

/** Exchanges the callback's code and validates the ID token, all by openid-client; throws FederatedError. */
export async function finishFederatedLogin(
  platform: Platform,
  trip: Trip,
  callback: URL,
): Promise<ProviderClaims> {
  if (callback.searchParams.has('error')) throw new FederatedError('cancelled', 'provider_error');
  const config = await configurationOf(platform, trip.provider);
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: trip.codeVerifier,
      expectedNonce: trip.nonce,
      expectedState: callback.searchParams.get('state') ?? '',
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    let { email, email_verified: verified } = claims as { email?: unknown; email_verified?: unknown };
    if (typeof email !== 'string') {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      email = info.email;
      verified = info.email_verified;
    }
    return {
      subject: claims.sub,
      email: typeof email === 'string' && email.trim() !== '' ? email.trim() : null,
      emailVerified: verified === true,
    };
  } catch (error) {
    throw new FederatedError(
      reasonOf(error) === 'ECONNREFUSED' ? 'unavailable' : 'rejected',
      reasonOf(error),
    );
  }
}
