import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The partner bank's configuration: defaults → optional JSON file → environment (PARTNER_*) → explicit
 * overrides (CLI flags, tests) → validated → frozen. This module is the only reader of process.env in the
 * partner package.
 */
export interface PartnerConfig {
  readonly mode: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  /** Public base URL of the bank's web app; the redirect URI is derived from it unless given. */
  readonly publicUrl: string;
  readonly database: { readonly url: string | null; readonly dataDir: string };
  /** The platform (or Wise) this bank talks to, and its credentials as a partner client. */
  readonly wise: {
    readonly apiUrl: string;
    readonly authorizeUrl: string;
    readonly clientId: string;
    readonly clientSecret: string;
    /** Registered with the platform byte for byte (contract §4). */
    readonly redirectUri: string;
    /** RFC 9207 issuer to expect in callbacks, when the platform sends `iss`. */
    readonly issuer: string | null;
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
  readonly logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}

export interface VaultKey {
  readonly id: string;
  readonly key: Buffer;
}

/** What a file, the environment or a caller may set; every field optional. */
export interface PartnerSettings {
  mode?: PartnerConfig['mode'];
  host?: string;
  port?: number;
  publicUrl?: string;
  databaseUrl?: string | null;
  dataDir?: string;
  platformUrl?: string;
  authorizeUrl?: string;
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  issuer?: string | null;
  vaultKeys?: string;
  sessionSecret?: string;
  linkMethod?: PartnerConfig['linkMethod'];
  pkce?: boolean;
  stateTtlSeconds?: number;
  refreshAheadSeconds?: number;
  demo?: boolean;
  seedFile?: string | null;
  logLevel?: PartnerConfig['logLevel'];
}

export class PartnerConfigError extends Error {}

const ENV: Record<keyof PartnerSettings, string> = {
  mode: 'NODE_ENV',
  host: 'PARTNER_HOST',
  port: 'PARTNER_PORT',
  publicUrl: 'PARTNER_PUBLIC_URL',
  databaseUrl: 'PARTNER_DATABASE_URL',
  dataDir: 'PARTNER_DATA_DIR',
  platformUrl: 'PARTNER_PLATFORM_URL',
  authorizeUrl: 'PARTNER_AUTHORIZE_URL',
  clientId: 'PARTNER_CLIENT_ID',
  clientSecret: 'PARTNER_CLIENT_SECRET',
  redirectUri: 'PARTNER_REDIRECT_URI',
  issuer: 'PARTNER_PLATFORM_ISSUER',
  vaultKeys: 'PARTNER_VAULT_KEYS',
  sessionSecret: 'PARTNER_SESSION_SECRET',
  linkMethod: 'PARTNER_LINK_METHOD',
  pkce: 'PARTNER_PKCE',
  stateTtlSeconds: 'PARTNER_STATE_TTL',
  refreshAheadSeconds: 'PARTNER_REFRESH_AHEAD',
  demo: 'PARTNER_DEMO',
  seedFile: 'PARTNER_SEED',
  logLevel: 'LOG_LEVEL',
};

/** The documented environment variables, for the README and `--help`. */
export const PARTNER_ENVIRONMENT = ENV;

const NUMERIC = new Set<keyof PartnerSettings>(['port', 'stateTtlSeconds', 'refreshAheadSeconds']);
const BOOLEAN = new Set<keyof PartnerSettings>(['pkce', 'demo']);

function fromEnv(env: NodeJS.ProcessEnv): PartnerSettings {
  const out: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV) as [keyof PartnerSettings, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (key === 'mode' && !['development', 'production', 'test'].includes(raw)) continue;
    if (NUMERIC.has(key)) {
      const n = Number(raw);
      if (!Number.isInteger(n)) throw new PartnerConfigError(`${name} must be a whole number, got "${raw}"`);
      out[key] = n;
    } else if (BOOLEAN.has(key)) out[key] = raw === '1' || raw === 'true';
    else out[key] = raw;
  }
  return out as PartnerSettings;
}

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
      throw new PartnerConfigError(
        `${source}: each key is "<id>:<base64 32 bytes>", id of letters and digits`,
      );
    }
    const key = Buffer.from(part.slice(colon + 1), 'base64');
    if (key.length !== 32) throw new PartnerConfigError(`${source}: key "${id}" must be 32 bytes (base64)`);
    if (keys.some((k) => k.id === id))
      throw new PartnerConfigError(`${source}: key id "${id}" appears twice`);
    keys.push(Object.freeze({ id, key }));
  }
  if (keys.length === 0) throw new PartnerConfigError(`${source} holds no key`);
  return keys;
}

/** A secret made once and kept in the data folder, so a development restart still decrypts its data. */
function developmentFile(dataDir: string, name: string, make: () => string): string {
  const file = join(dataDir, name);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return value;
}

function oneOf<T>(value: unknown, allowed: readonly T[], name: string): T {
  if (!allowed.includes(value as T))
    throw new PartnerConfigError(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new PartnerConfigError(`${name} must be a positive whole number`);
  return value;
}

function url(value: string, name: string): string {
  try {
    new URL(value);
  } catch {
    throw new PartnerConfigError(`${name} "${value}" is not an absolute URL`);
  }
  return value;
}

export interface LoadPartnerOptions {
  env?: NodeJS.ProcessEnv;
  /** A JSON file of PartnerSettings (`--config`, or PARTNER_CONFIG). */
  file?: string;
  overrides?: PartnerSettings;
}

export function loadPartnerConfig(options: LoadPartnerOptions = {}): PartnerConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env['PARTNER_CONFIG'];
  const fromFile = file ? (JSON.parse(readFileSync(file, 'utf8')) as PartnerSettings) : {};
  const defined = (o: PartnerSettings) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const s: PartnerSettings = {
    ...defined(fromFile),
    ...defined(fromEnv(env)),
    ...defined(options.overrides ?? {}),
  };

  const mode = oneOf(s.mode ?? 'development', ['development', 'production', 'test'] as const, 'mode');
  const production = mode === 'production';
  const port = s.port ?? 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new PartnerConfigError('port must be 0-65535');
  const host = s.host ?? (production ? '0.0.0.0' : '127.0.0.1');
  const publicUrl = url((s.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, ''), 'publicUrl');
  const dataDir = resolve(s.dataDir ?? '.data/partner');
  const databaseUrl = s.databaseUrl ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new PartnerConfigError(`${ENV.databaseUrl} must start with postgres:// or postgresql://`);
  }

  const apiUrl = url((s.platformUrl ?? 'http://localhost:4000').replace(/\/+$/, ''), 'platformUrl');
  const clientId = s.clientId ?? (production ? '' : 'demo-bank');
  const clientSecret = s.clientSecret ?? (production ? '' : 'demo-bank-secret-for-local-use-only');
  if (!clientId) throw new PartnerConfigError(`${ENV.clientId} is required in production`);
  if (!clientSecret) throw new PartnerConfigError(`${ENV.clientSecret} is required in production`);

  let vaultKeys: VaultKey[];
  if (s.vaultKeys) vaultKeys = parseVaultKeys(s.vaultKeys);
  else if (production) throw new PartnerConfigError(`${ENV.vaultKeys} is required in production`);
  else {
    const file = join(dataDir, 'vault-keys');
    vaultKeys = parseVaultKeys(
      developmentFile(dataDir, 'vault-keys', () => `dev1:${randomBytes(32).toString('base64')}`),
      file,
    );
  }

  let sessionSecret: Buffer;
  if (s.sessionSecret) sessionSecret = Buffer.from(s.sessionSecret, 'base64url');
  else if (production) throw new PartnerConfigError(`${ENV.sessionSecret} is required in production`);
  else
    sessionSecret = Buffer.from(
      developmentFile(dataDir, 'session-secret', () => randomBytes(32).toString('base64url')),
      'base64url',
    );
  if (sessionSecret.length < 32)
    throw new PartnerConfigError(`${ENV.sessionSecret} must hold at least 32 bytes`);

  const demo = s.demo ?? !production;
  if (demo && production) throw new PartnerConfigError('the demo sign-in cannot run in production');

  const config: PartnerConfig = {
    mode,
    host,
    port,
    publicUrl,
    database: Object.freeze({ url: databaseUrl, dataDir }),
    wise: Object.freeze({
      apiUrl,
      authorizeUrl: url(s.authorizeUrl ?? `${apiUrl}/oauth/authorize`, 'authorizeUrl'),
      clientId,
      clientSecret,
      redirectUri: url(s.redirectUri ?? `${publicUrl}/wise/callback`, 'redirectUri'),
      issuer: s.issuer === undefined ? apiUrl : s.issuer,
    }),
    vaultKeys: Object.freeze(vaultKeys),
    sessionSecret,
    linkMethod: oneOf(s.linkMethod ?? 'redirect', ['redirect', 'email'] as const, 'linkMethod'),
    pkce: s.pkce ?? true,
    stateTtlSeconds: positive(s.stateTtlSeconds ?? 600, 'stateTtlSeconds'),
    refreshAheadSeconds: positive(s.refreshAheadSeconds ?? 300, 'refreshAheadSeconds'),
    demo,
    seedFile: s.seedFile === undefined ? null : s.seedFile,
    logLevel: oneOf(
      s.logLevel ?? (mode === 'test' ? 'silent' : 'info'),
      ['silent', 'error', 'warn', 'info', 'debug'] as const,
      'logLevel',
    ),
  };
  return Object.freeze(config);
}
