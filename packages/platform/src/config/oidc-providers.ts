import { mismatch } from '@account-access/kit';

/**
 * Issue 16: an OpenID Connect provider people may log in with on the hosted pages ("Continue with <name>").
 * `id` names it in URLs (`/oauth/federated/<id>/callback`) and in the linked identities; it is never renamed
 * once people have linked identities with it.
 */
export interface OidcProviderConfig {
  readonly id: string;
  /** What the button says after "Continue with". */
  readonly name: string;
  /** The provider's issuer URL; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export const OIDC_PROVIDERS =
  'a JSON list of {"id","name","issuer","clientId","clientSecret"} (id: a-z, 0-9, -)';

const ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or http on loopback (a local stand-in provider): an ID token must not travel in the clear. */
export function issuerAllowed(issuer: string): boolean {
  try {
    const url = new URL(issuer);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

const text = (entry: Record<string, unknown>, key: string): string | null => {
  const v = entry[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
};

/** The configured providers, checked; a mistake names the entry, never the client secret. */
export function oidcProviders(value: unknown): readonly OidcProviderConfig[] {
  let list = value;
  if (typeof value === 'string') {
    if (value.trim() === '') return Object.freeze([]);
    try {
      list = JSON.parse(value);
    } catch {
      return mismatch(OIDC_PROVIDERS, 'text that is not JSON');
    }
  }
  if (!Array.isArray(list)) return mismatch(OIDC_PROVIDERS, 'not a list');
  const seen = new Set<string>();
  const providers = list.map((entry: unknown, at) => {
    const e = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
    const [id, name, issuer, clientId, clientSecret] = [
      'id',
      'name',
      'issuer',
      'clientId',
      'clientSecret',
    ].map((k) => text(e, k));
    const where = `entry ${at + 1}`;
    if (!id || !ID.test(id) || seen.has(id))
      return mismatch(OIDC_PROVIDERS, `${where}: a missing, bad or repeated id`);
    if (!name || !clientId || !clientSecret)
      return mismatch(OIDC_PROVIDERS, `${where} (${id}): name, clientId and clientSecret are required`);
    if (!issuer || !issuerAllowed(issuer))
      return mismatch(
        OIDC_PROVIDERS,
        `${where} (${id}): issuer must be an https URL (http only on loopback)`,
      );
    seen.add(id);
    return Object.freeze({ id, name, issuer: issuer.replace(/\/+$/, ''), clientId, clientSecret });
  });
  return Object.freeze(providers);
}
