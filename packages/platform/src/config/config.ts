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
import type { OidcProviderConfig } from './oidc-providers.js';
import { PLATFORM_SETTINGS } from './settings.js';

export { ConfigError, PLATFORM_SETTINGS };

/**
 * The platform's configuration: defaults → optional JSON file → environment → explicit overrides (CLI flags,
 * tests) → validated → frozen, by the shared loader over the declaration in settings.ts. This module is the
 * only reader of process.env.
 */
export interface PlatformConfig {
  readonly mode: Mode;
  readonly host: string;
  readonly port: number;
  /** Public base URL of this platform: the `iss` of callbacks (RFC 9207) and the links in emails. */
  readonly issuer: string;
  /**
   * When no issuer was configured, the host it is made of (the configured listen address, else localhost):
   * the issuer is then the local URL of the port the server is bound to (`boundTo`), so with port 0 it
   * names the port the system chose. Null when the issuer was configured.
   */
  readonly issuerHost: string | null;
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
    /** Contract §5 "Rotation": a public client's refresh tokens, absolute and idle lifetimes. */
    readonly publicRefreshTokenTtlSeconds: number;
    readonly publicRefreshTokenIdleSeconds: number;
    /** A confidential client's refresh tokens unused (RFC 9700 §4.14.2); 0, Wise's default, for no limit. */
    readonly refreshTokenIdleSeconds: number;
    /** Contract §5 "Duplicates": a refresh repeated within this many seconds answers the same tokens. */
    readonly refreshGraceSeconds: number;
    /** Contract §4 "Duplicates": an identical code exchange repeated within this window revokes nothing. */
    readonly authorizationCodeRetrySeconds: number;
  };
  /** Where Wise's own documentation contradicts itself, the default and its alternative (contract §2, §3). */
  readonly compat: {
    readonly createUserStatus: 200 | 201;
    readonly registrationCodeFailureStatus: 401 | 400;
  };
  readonly sandbox: boolean;
  /**
   * Issue 11 "Locked": the sandbox key, required by every `/_sandbox` route unless the platform is in
   * development (or test) mode and the request comes from loopback (sandbox/guard.ts). Never logged.
   */
  readonly sandboxKey: string | null;
  /** How many requests the sandbox request journal keeps (the newest). */
  readonly journalSize: number;
  /** Wise's sandbox convention: 111111 is everyone's second-factor code. Only ever true in sandbox mode. */
  readonly sandboxFixedTotp: boolean;
  /** The platform's name as people see it: emails, the terms page, every page's header and title. */
  readonly platformName: string;
  /**
   * Authorization requests from embedded user agents (http/embedded-browser.ts): `refuse` answers a page
   * telling the person to use their browser (RFC 8252 §8.12), `allow` lets them through.
   */
  readonly embeddedBrowsers: 'refuse' | 'allow';
  /** Issue 16: the OpenID Connect providers of "Continue with …"; none configured, no button. */
  readonly oidcProviders: readonly OidcProviderConfig[];
  /** The argon2id parameters of new password hashes (auth/passwords.ts); `test` only ever in test mode. */
  readonly passwordHashCost: PasswordHashCost;
  /** Outgoing mail (issue 3): delivered from the outbox over SMTP when set; kept in the outbox otherwise. */
  readonly smtpUrl: string | null;
  /** The From of every email, `Name <address>`. */
  readonly mailFrom: string;
  /** How often the mail worker looks for due mail; 0 runs no worker in this process. */
  readonly mailPollSeconds: number;
  /** How often the webhook worker looks for due deliveries; 0 runs no worker in this process. */
  readonly webhookPollSeconds: number;
  /** The RSA private key (PEM) that signs webhooks; null: made once and kept, sealed, in the database. */
  readonly webhookSigningKey: string | null;
  readonly bodyLimitBytes: number;
  /** Attempt limits and their windows (issue 12; auth/throttle.ts gives the reasons for the defaults). */
  readonly limits: LimitsConfig;
  /**
   * Whose `X-Forwarded-For` to believe when taking a request's address (the per-IP login limit): `false`
   * (nobody), `true` (any hop), a hop count, or the reverse proxies' addresses/CIDRs. Passed to Fastify.
   */
  readonly trustProxy: boolean | number | readonly string[];
  readonly logLevel: LogLevel;
  /** Issue 15: where `/metrics` is served, and the port of its own listener when `port`. */
  readonly metrics: MetricsExposure;
  readonly metricsPort: number;
}

export type PasswordHashCost = 'owasp' | 'test';

export interface LimitsConfig {
  readonly windowSeconds: number;
  readonly loginPair: number;
  readonly loginDelayAfter: number;
  readonly loginAccount: number;
  readonly loginAccountWindowSeconds: number;
  readonly loginAddress: number;
  readonly totp: number;
  readonly shortCode: number;
  readonly registrationCode: number;
  readonly clientSecret: number;
  readonly clientSecretAddress: number;
  readonly sandboxKey: number;
}

/** What a file, the environment or a caller may set; every field optional. */
export type PlatformSettings = SettingsOf<typeof PLATFORM_SETTINGS>;

const ENV = environmentNames(PLATFORM_SETTINGS);

/** The documented environment variables (setting → variable), for the README and `--help`. */
export const PLATFORM_ENVIRONMENT = ENV;

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
  const made = developmentFile(dataDir, 'server-secret', () => randomBytes(32).toString('hex'));
  return decodeSecret(made, join(dataDir, 'server-secret'));
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** A JSON file of PlatformSettings (`--config`, or PLATFORM_CONFIG). */
  file?: string;
  overrides?: PlatformSettings;
}

export function loadPlatformConfig(options: LoadOptions = {}): PlatformConfig {
  const env = options.env ?? process.env;
  const s = loadSettings(PLATFORM_SETTINGS, {
    env,
    file: options.file ?? (env['PLATFORM_CONFIG'] || undefined),
    overrides: options.overrides,
  });
  const mode = s.mode;
  const dataDir = resolve(s.dataDir);
  let serverSecret: Buffer;
  if (s.serverSecret) serverSecret = decodeSecret(s.serverSecret, ENV.serverSecret);
  else if (mode === 'production') throw new ConfigError(`${ENV.serverSecret} is required in production`);
  else serverSecret = developmentSecret(dataDir);

  // Issue 11 "Locked": a production platform with the sandbox on would hand out set-password links and
  // tokens to whoever reaches it, so it refuses to start unless the operator set a key and said so.
  if (mode === 'production' && s.sandbox && (!s.sandboxKey || !s.sandboxInProduction))
    throw new ConfigError(
      `${ENV.sandbox} is on in production: set ${ENV.sandboxKey} and ${ENV.sandboxInProduction}=true to run the sandbox control plane in production, or turn the sandbox off`,
    );
  // Cheap password hashes are for test runs alone: any other mode refuses to start with them.
  if (s.passwordHashCost !== 'owasp' && mode !== 'test')
    throw new ConfigError(
      `${ENV.passwordHashCost}=${s.passwordHashCost} is for test runs only (mode test); this platform runs in ${mode} mode`,
    );
  // A fixed 2FA code outside the sandbox would let anyone past the second factor: refused, not ignored.
  if (s.sandboxFixedTotp && !s.sandbox)
    throw new ConfigError(
      `${ENV.sandboxFixedTotp} needs ${ENV.sandbox}: 111111 is a sandbox convention only`,
    );

  const config: PlatformConfig = {
    mode,
    host: s.host ?? (mode === 'production' ? '0.0.0.0' : '127.0.0.1'),
    port: s.port,
    issuer: (s.issuer ?? localUrl(s.host, s.port)).replace(/\/+$/, ''),
    issuerHost: s.issuer === undefined ? (s.host ?? 'localhost') : null,
    database: Object.freeze({ url: s.databaseUrl ?? null, dataDir }),
    serverSecret,
    tokens: Object.freeze({
      accessTokenTtlSeconds: s.accessTokenTtlSeconds,
      refreshTokenTtlSeconds: s.refreshTokenTtlSeconds,
      authorizationCodeTtlSeconds: s.authorizationCodeTtlSeconds,
      publicRefreshTokenTtlSeconds: s.publicRefreshTokenTtlSeconds,
      publicRefreshTokenIdleSeconds: s.publicRefreshTokenIdleSeconds,
      refreshTokenIdleSeconds: s.refreshTokenIdleSeconds,
      refreshGraceSeconds: s.refreshGraceSeconds,
      authorizationCodeRetrySeconds: s.authorizationCodeRetrySeconds,
    }),
    compat: Object.freeze({
      createUserStatus: s.createUserStatus,
      registrationCodeFailureStatus: s.registrationCodeFailureStatus,
    }),
    sandbox: s.sandbox,
    sandboxKey: s.sandboxKey ?? null,
    journalSize: s.journalSize,
    sandboxFixedTotp: s.sandboxFixedTotp && s.sandbox,
    platformName: s.platformName.trim() || 'Account access',
    embeddedBrowsers: s.embeddedBrowsers,
    oidcProviders: s.oidcProviders,
    passwordHashCost: s.passwordHashCost,
    smtpUrl: s.smtpUrl ?? null,
    mailFrom: s.mailFrom.trim(),
    mailPollSeconds: s.mailPollSeconds,
    webhookPollSeconds: s.webhookPollSeconds,
    webhookSigningKey: s.webhookSigningKey ?? null,
    bodyLimitBytes: 1024 * 1024,
    limits: Object.freeze({
      windowSeconds: s.limitWindowSeconds,
      loginPair: s.limitLoginPair,
      loginDelayAfter: s.limitLoginDelayAfter,
      loginAccount: s.limitLoginAccount,
      loginAccountWindowSeconds: s.limitLoginAccountWindowSeconds,
      loginAddress: s.limitLoginAddress,
      totp: s.limitTotp,
      shortCode: s.limitShortCode,
      registrationCode: s.limitRegistrationCode,
      clientSecret: s.limitClientSecret,
      clientSecretAddress: s.limitClientSecretAddress,
      sandboxKey: s.limitSandboxKey,
    }),
    trustProxy: s.trustProxy,
    logLevel: s.logLevel ?? (mode === 'test' ? 'silent' : 'info'),
    metrics: s.metrics ?? (mode !== 'production' || s.sandbox ? 'public' : 'off'),
    metricsPort: s.metricsPort,
  };
  return Object.freeze(config);
}

/** The config of a platform bound to `port` (server.ts): the real port, and the issuer made from it. */
export function boundTo(config: PlatformConfig, port: number): PlatformConfig {
  if (config.port === port) return config;
  return Object.freeze({
    ...config,
    port,
    ...(config.issuerHost !== null ? { issuer: localUrl(config.issuerHost, port) } : {}),
  });
}
