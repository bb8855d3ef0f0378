import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import {
  ConfigError,
  developmentFile,
  environmentNames,
  type LogLevel,
  loadSettings,
  localUrl,
  type MetricsExposure,
  type Mode,
  type SettingsOf,
} from '@account-access/kit';
import { PARTNER_SETTINGS } from './settings.js';

export { PARTNER_SETTINGS };

/**
 * The partner bank's configuration: defaults → optional JSON file → environment (PARTNER_*) → explicit
 * overrides (CLI flags, tests) → validated → frozen, by the shared loader over the declaration in
 * settings.ts. This module is the only reader of process.env in the
 * partner package.
 */
export interface PartnerConfig {
  readonly mode: Mode;
  readonly host: string;
  readonly port: number;
  /** Public base URL of the bank's web app; the redirect URI is derived from it unless given. */
  readonly publicUrl: string;
  /**
   * What follows the port the server is bound to when not configured (`boundTo`), so that with port 0 they
   * name the port the system chose: the host publicUrl is made of (null when publicUrl was configured), and
   * whether the redirect URI is publicUrl's.
   */
  readonly fromPort: {
    readonly publicUrlHost: string | null;
    readonly redirectUri: boolean;
    readonly webhookUrl: boolean;
  };
  readonly database: { readonly url: string | null; readonly dataDir: string };
  /** The platform (or Wise) this bank talks to, and its credentials as a partner client. */
  readonly wise: {
    /** What customers are told the provider is called, e.g. "Wise" (issue 13: the platform's PLATFORM_NAME). */
    readonly name: string;
    readonly apiUrl: string;
    readonly authorizeUrl: string;
    readonly clientId: string;
    readonly clientSecret: string;
    /** Registered with the platform byte for byte (contract §4). */
    readonly redirectUri: string;
    /** RFC 9207 issuer to expect in callbacks, when the platform sends `iss`. */
    readonly issuer: string | null;
  };
  /** Webhooks (contract §11): the subscriptions made at start and the receiver at `url`. */
  readonly webhooks: {
    readonly enabled: boolean;
    /** The delivery URL subscribed; its path is the receiver's route. */
    readonly url: string;
    /** The signing key's PEM; null: Wise's own key for Wise's hosts, else the platform's, fetched. */
    readonly publicKey: string | null;
    readonly clientKey: string;
    /** Deliveries sent longer ago than this are refused; delivery ids are kept this long. */
    readonly maxAgeSeconds: number;
  };
  /** Newest first: the first key encrypts, every key decrypts (architecture "Secrets at rest"). */
  readonly vaultKeys: readonly VaultKey[];
  /** Keys the session cookie and CSRF tokens (HMAC-SHA-256). */
  readonly sessionSecret: Buffer;
  /** The default linking method for existing Wise users (contract §10.2: redirect unless the bank says). */
  readonly linkMethod: 'redirect' | 'email';
  /** Send a PKCE S256 challenge with the authorize request (ours; contract §4). */
  readonly pkce: boolean;
  /** How long a linking `state` stays valid (contract §10.3: "expires in minutes"). */
  readonly stateTtlSeconds: number;
  /** Refresh user tokens this long before they expire (contract §10.8). */
  readonly refreshAheadSeconds: number;
  /** Serve the demo sign-in (pick a customer, no password) and the admin page. Never in production. */
  readonly demo: boolean;
  readonly seedFile: string | null;
  readonly logLevel: LogLevel;
  /** Issue 15: where `/metrics` is served, and the port of its own listener when `port`. */
  readonly metrics: MetricsExposure;
  readonly metricsPort: number;
}

export interface VaultKey {
  readonly id: string;
  readonly key: Buffer;
}

/** What a file, the environment or a caller may set; every field optional. */
export type PartnerSettings = SettingsOf<typeof PARTNER_SETTINGS>;

/** The shared loader's error; the partner's name for it is kept for callers that catch it. */
export { ConfigError as PartnerConfigError };

const ENV = environmentNames(PARTNER_SETTINGS);

/** The receiver's path under the public URL, unless `webhookUrl` names another (contract §11). */
export const WEBHOOK_PATH = '/webhooks/wise';

/** The documented environment variables (setting → variable), for the README and `--help`. */
export const PARTNER_ENVIRONMENT = ENV;

/**
 * Parses a key ring, `"k2:<base64 32 bytes>,k1:<…>"`, newest first. Key ids are short names that go into
 * every envelope, so they must not contain the envelope's separator.
 */
export function parseVaultKeys(value: string, source = ENV.vaultKeys): VaultKey[] {
  const keys: VaultKey[] = [];
  for (const part of value.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const colon = part.indexOf(':');
    const id = colon > 0 ? part.slice(0, colon) : '';
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new ConfigError(`${source}: each key is "<id>:<base64 32 bytes>", id of letters and digits`);
    }
    const key = Buffer.from(part.slice(colon + 1), 'base64');
    if (key.length !== 32) throw new ConfigError(`${source}: key "${id}" must be 32 bytes (base64)`);
    if (keys.some((k) => k.id === id)) throw new ConfigError(`${source}: key id "${id}" appears twice`);
    keys.push(Object.freeze({ id, key }));
  }
  if (keys.length === 0) throw new ConfigError(`${source} holds no key`);
  return keys;
}

export interface LoadPartnerOptions {
  env?: NodeJS.ProcessEnv;
  /** A JSON file of PartnerSettings (`--config`, or PARTNER_CONFIG). */
  file?: string;
  overrides?: PartnerSettings;
}

export function loadPartnerConfig(options: LoadPartnerOptions = {}): PartnerConfig {
  const env = options.env ?? process.env;
  const s = loadSettings(PARTNER_SETTINGS, {
    env,
    file: options.file ?? (env['PARTNER_CONFIG'] || undefined),
    overrides: options.overrides,
  });
  const mode = s.mode;
  const production = mode === 'production';
  const host = s.host ?? (production ? '0.0.0.0' : '127.0.0.1');
  const publicUrl = (s.publicUrl ?? localUrl(s.host, s.port)).replace(/\/+$/, '');
  const dataDir = resolve(s.dataDir);

  const apiUrl = s.platformUrl.replace(/\/+$/, '');
  const clientId = s.clientId ?? (production ? '' : 'demo-bank');
  const clientSecret = s.clientSecret ?? (production ? '' : 'demo-bank-secret-for-local-use-only');
  if (!clientId) throw new ConfigError(`${ENV.clientId} is required in production`);
  if (!clientSecret) throw new ConfigError(`${ENV.clientSecret} is required in production`);

  let vaultKeys: VaultKey[];
  if (s.vaultKeys) vaultKeys = parseVaultKeys(s.vaultKeys);
  else if (production) throw new ConfigError(`${ENV.vaultKeys} is required in production`);
  else {
    const file = join(dataDir, 'vault-keys');
    vaultKeys = parseVaultKeys(
      developmentFile(dataDir, 'vault-keys', () => `dev1:${randomBytes(32).toString('base64')}`),
      file,
    );
  }

  let sessionSecret: Buffer;
  if (s.sessionSecret) sessionSecret = Buffer.from(s.sessionSecret, 'base64url');
  else if (production) throw new ConfigError(`${ENV.sessionSecret} is required in production`);
  else
    sessionSecret = Buffer.from(
      developmentFile(dataDir, 'session-secret', () => randomBytes(32).toString('base64url')),
      'base64url',
    );
  if (sessionSecret.length < 32) throw new ConfigError(`${ENV.sessionSecret} must hold at least 32 bytes`);

  const demo = s.demo ?? !production;
  if (demo && production) throw new ConfigError('the demo sign-in cannot run in production');

  const config: PartnerConfig = {
    mode,
    host,
    port: s.port,
    publicUrl,
    fromPort: Object.freeze({
      publicUrlHost: s.publicUrl === undefined ? (s.host ?? 'localhost') : null,
      redirectUri: s.redirectUri === undefined,
      webhookUrl: s.webhookUrl === undefined,
    }),
    database: Object.freeze({ url: s.databaseUrl ?? null, dataDir }),
    wise: Object.freeze({
      name: s.providerName.replace(/\s+/g, ' ').trim() || 'Wise',
      apiUrl,
      authorizeUrl: s.authorizeUrl ?? `${apiUrl}/oauth/authorize`,
      clientId,
      clientSecret,
      redirectUri: s.redirectUri ?? `${publicUrl}/wise/callback`,
      issuer: s.issuer === undefined ? apiUrl : s.issuer,
    }),
    webhooks: Object.freeze({
      enabled: s.webhooks,
      url: s.webhookUrl ?? `${publicUrl}${WEBHOOK_PATH}`,
      publicKey: s.webhookPublicKey ?? null,
      clientKey: s.webhookClientKey ?? clientId,
      maxAgeSeconds: s.webhookMaxAgeSeconds,
    }),
    vaultKeys: Object.freeze(vaultKeys),
    sessionSecret,
    linkMethod: s.linkMethod,
    pkce: s.pkce,
    stateTtlSeconds: s.stateTtlSeconds,
    refreshAheadSeconds: s.refreshAheadSeconds,
    demo,
    seedFile: s.seedFile ?? null,
    logLevel: s.logLevel ?? (mode === 'test' ? 'silent' : 'info'),
    metrics: s.metrics ?? (mode === 'production' ? 'off' : 'public'),
    metricsPort: s.metricsPort,
  };
  return Object.freeze(config);
}

/** The config of a partner bound to `port` (server.ts): the real port, and the URLs made from it. */
export function boundTo(config: PartnerConfig, port: number): PartnerConfig {
  const { publicUrlHost, redirectUri, webhookUrl } = config.fromPort;
  if (config.port === port) return config;
  if (publicUrlHost === null) return Object.freeze({ ...config, port });
  const publicUrl = localUrl(publicUrlHost, port);
  return Object.freeze({
    ...config,
    port,
    publicUrl,
    wise: redirectUri
      ? Object.freeze({ ...config.wise, redirectUri: `${publicUrl}/wise/callback` })
      : config.wise,
    webhooks: webhookUrl
      ? Object.freeze({ ...config.webhooks, url: `${publicUrl}${WEBHOOK_PATH}` })
      : config.webhooks,
  });
}
