import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * The platform's configuration: defaults → optional JSON file → environment → explicit overrides (CLI flags,
 * tests) → validated → frozen. This module is the only reader of process.env.
 */
export interface PlatformConfig {
  readonly mode: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  /** Public base URL of this platform: the `iss` of callbacks (RFC 9207) and the links in emails. */
  readonly issuer: string;
  readonly database: { readonly url: string | null; readonly dataDir: string };
  /** Key of every keyed hash (client secrets, tokens, registration codes, codes). */
  readonly serverSecret: Buffer;
  readonly tokens: {
    /** Contract §1 and §5: 12 hours. */
    readonly accessTokenTtlSeconds: number;
    /** Contract §5: 20 years by default, a per-client setting. */
    readonly refreshTokenTtlSeconds: number;
    /** Contract §4: codes expire within 30 minutes. */
    readonly authorizationCodeTtlSeconds: number;
  };
  /** Where Wise's own documentation contradicts itself, the default and its alternative (contract §2, §3). */
  readonly compat: {
    readonly createUserStatus: 200 | 201;
    readonly registrationCodeFailureStatus: 401 | 400;
  };
  readonly sandbox: boolean;
  /** The platform's name as people see it: emails, the terms page. */
  readonly platformName: string;
  /** Outgoing mail (issue 3): delivered from the outbox over SMTP when set; kept in the outbox otherwise. */
  readonly smtpUrl: string | null;
  /** The From of every email, `Name <address>`. */
  readonly mailFrom: string;
  /** How often the mail worker looks for due mail; 0 runs no worker in this process. */
  readonly mailPollSeconds: number;
  readonly bodyLimitBytes: number;
  /**
   * Whose `X-Forwarded-For` to believe when taking a request's address (the per-IP login limit): `false`
   * (nobody), `true` (any hop), a hop count, or the reverse proxies' addresses/CIDRs. Passed to Fastify.
   */
  readonly trustProxy: boolean | number | readonly string[];
  readonly logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}

/** What a file, the environment or a caller may set; every field optional. */
export interface PlatformSettings {
  mode?: PlatformConfig['mode'];
  host?: string;
  port?: number;
  issuer?: string;
  databaseUrl?: string | null;
  dataDir?: string;
  serverSecret?: string;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  authorizationCodeTtlSeconds?: number;
  createUserStatus?: number;
  registrationCodeFailureStatus?: number;
  sandbox?: boolean;
  platformName?: string;
  smtpUrl?: string | null;
  mailFrom?: string;
  mailPollSeconds?: number;
  /** `false`, `true`, a hop count, or addresses/CIDRs (an array, or one comma-separated string). */
  trustProxy?: boolean | number | string | readonly string[];
  logLevel?: PlatformConfig['logLevel'];
}

export class ConfigError extends Error {}

const ENV: Record<keyof PlatformSettings, string> = {
  mode: 'NODE_ENV',
  host: 'PLATFORM_HOST',
  port: 'PLATFORM_PORT',
  issuer: 'PLATFORM_PUBLIC_URL',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'PLATFORM_DATA_DIR',
  serverSecret: 'PLATFORM_SERVER_SECRET',
  accessTokenTtlSeconds: 'PLATFORM_ACCESS_TOKEN_TTL',
  refreshTokenTtlSeconds: 'PLATFORM_REFRESH_TOKEN_TTL',
  authorizationCodeTtlSeconds: 'PLATFORM_AUTHORIZATION_CODE_TTL',
  createUserStatus: 'PLATFORM_COMPAT_CREATE_USER_STATUS',
  registrationCodeFailureStatus: 'PLATFORM_COMPAT_REGISTRATION_CODE_FAILURE_STATUS',
  sandbox: 'PLATFORM_SANDBOX',
  platformName: 'PLATFORM_NAME',
  smtpUrl: 'SMTP_URL',
  mailFrom: 'PLATFORM_MAIL_FROM',
  mailPollSeconds: 'PLATFORM_MAIL_POLL_SECONDS',
  trustProxy: 'PLATFORM_TRUST_PROXY',
  logLevel: 'LOG_LEVEL',
};

/** The documented environment variables, for the README and `--help`. */
export const PLATFORM_ENVIRONMENT = ENV;

const NUMERIC = new Set<keyof PlatformSettings>([
  'port',
  'accessTokenTtlSeconds',
  'refreshTokenTtlSeconds',
  'authorizationCodeTtlSeconds',
  'createUserStatus',
  'registrationCodeFailureStatus',
  'mailPollSeconds',
]);

function fromEnv(env: NodeJS.ProcessEnv): PlatformSettings {
  const out: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV) as [keyof PlatformSettings, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (key === 'mode' && !['development', 'production', 'test'].includes(raw)) continue;
    if (NUMERIC.has(key)) {
      const n = Number(raw);
      if (!Number.isInteger(n)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
      out[key] = n;
    } else if (key === 'sandbox') out[key] = raw === '1' || raw === 'true';
    else out[key] = raw;
  }
  return out as PlatformSettings;
}

function decodeSecret(value: string, source: string): Buffer {
  const bytes =
    /^[0-9a-f]+$/i.test(value) && value.length % 2 === 0
      ? Buffer.from(value, 'hex')
      : Buffer.from(value, 'base64url');
  if (bytes.length < 32) throw new ConfigError(`${source} must hold at least 32 bytes (64 hex characters)`);
  return bytes;
}

/** In development the server secret is made once and kept in the data folder, so tokens survive restarts. */
function developmentSecret(dataDir: string): Buffer {
  const file = join(dataDir, 'server-secret');
  try {
    return decodeSecret(readFileSync(file, 'utf8').trim(), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, `${secret.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

function oneOf<T>(value: unknown, allowed: readonly T[], name: string): T {
  if (!allowed.includes(value as T)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new ConfigError(`${name} must be a positive whole number`);
  return value;
}

function smtpUrl(value: string | null): string | null {
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${ENV.smtpUrl} is not a URL`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`${ENV.smtpUrl} must start with smtp:// or smtps://`);
  }
  return value;
}

/** `Name <address>` or a bare address, on one line: it becomes a header of every email. */
function mailFrom(value: string): string {
  if (/[\r\n]/.test(value) || !/^(?:[^<>]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/.test(value.trim())) {
    throw new ConfigError(`${ENV.mailFrom} must be "Name <address@example.com>" or an address`);
  }
  return value.trim();
}

function nonNegative(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0)
    throw new ConfigError(`${name} must be a whole number, 0 or more`);
  return value;
}

/** An address or CIDR (`10.0.0.0/8`, `::1/128`) that Fastify's proxy-addr understands. */
function addressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

function trustProxy(value: unknown): PlatformConfig['trustProxy'] {
  const name = ENV.trustProxy;
  if (value === undefined || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value.trim()))) {
    const hops = Number(value);
    if (!Number.isInteger(hops) || hops < 0) throw new ConfigError(`${name} hop count must be 0 or more`);
    return hops === 0 ? false : hops;
  }
  const list =
    typeof value === 'string' ? value.split(',') : Array.isArray(value) ? (value as unknown[]) : null;
  if (list === null) throw new ConfigError(`${name} must be true, false, a hop count or addresses`);
  const entries = list.map((e) => (typeof e === 'string' ? e.trim() : '')).filter((e) => e !== '');
  const bad = entries.find((e) => !addressOrCidr(e));
  if (bad !== undefined || entries.length === 0) {
    throw new ConfigError(
      `${name} must be true, false, a hop count or comma-separated addresses/CIDRs${bad === undefined ? '' : `, got "${bad}"`}`,
    );
  }
  return Object.freeze(entries);
}

function readSettingsFile(file: string): PlatformSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the config file ${file}: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`The config file ${file} must hold a JSON object of settings`);
  }
  return parsed as PlatformSettings;
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** A JSON file of PlatformSettings (`--config`, or PLATFORM_CONFIG). */
  file?: string;
  overrides?: PlatformSettings;
}

export function loadPlatformConfig(options: LoadOptions = {}): PlatformConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env['PLATFORM_CONFIG'];
  const fromFile = file ? readSettingsFile(file) : {};
  const defined = (o: PlatformSettings) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const s: PlatformSettings = {
    ...defined(fromFile),
    ...defined(fromEnv(env)),
    ...defined(options.overrides ?? {}),
  };

  const mode = oneOf(s.mode ?? 'development', ['development', 'production', 'test'] as const, 'mode');
  const port = s.port ?? 4000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('port must be 0-65535');
  const host = s.host ?? (mode === 'production' ? '0.0.0.0' : '127.0.0.1');
  const issuer = (s.issuer ?? `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(issuer);
  } catch {
    throw new ConfigError(`issuer "${issuer}" is not a URL`);
  }
  const dataDir = resolve(s.dataDir ?? '.data/platform');
  const databaseUrl = s.databaseUrl ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  let serverSecret: Buffer;
  if (s.serverSecret) serverSecret = decodeSecret(s.serverSecret, ENV.serverSecret);
  else if (mode === 'production') throw new ConfigError(`${ENV.serverSecret} is required in production`);
  else serverSecret = developmentSecret(dataDir);

  const config: PlatformConfig = {
    mode,
    host,
    port,
    issuer,
    database: Object.freeze({ url: databaseUrl, dataDir }),
    serverSecret,
    tokens: Object.freeze({
      accessTokenTtlSeconds: positive(s.accessTokenTtlSeconds ?? 12 * 3600, 'accessTokenTtlSeconds'),
      refreshTokenTtlSeconds: positive(
        s.refreshTokenTtlSeconds ?? 20 * 365 * 24 * 3600,
        'refreshTokenTtlSeconds',
      ),
      authorizationCodeTtlSeconds: positive(
        s.authorizationCodeTtlSeconds ?? 30 * 60,
        'authorizationCodeTtlSeconds',
      ),
    }),
    compat: Object.freeze({
      createUserStatus: oneOf(s.createUserStatus ?? 200, [200, 201] as const, 'createUserStatus'),
      registrationCodeFailureStatus: oneOf(
        s.registrationCodeFailureStatus ?? 401,
        [401, 400] as const,
        'registrationCodeFailureStatus',
      ),
    }),
    sandbox: s.sandbox ?? false,
    platformName: (s.platformName ?? 'Account access').trim() || 'Account access',
    smtpUrl: smtpUrl(s.smtpUrl ?? null),
    mailFrom: mailFrom(s.mailFrom ?? 'Account access <no-reply@localhost>'),
    mailPollSeconds: nonNegative(s.mailPollSeconds ?? 5, 'mailPollSeconds'),
    bodyLimitBytes: 1024 * 1024,
    trustProxy: trustProxy(s.trustProxy),
    logLevel: oneOf(
      s.logLevel ?? (mode === 'test' ? 'silent' : 'info'),
      ['silent', 'error', 'warn', 'info', 'debug'] as const,
      'logLevel',
    ),
  };
  return Object.freeze(config);
}
