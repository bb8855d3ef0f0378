import { createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import {
  absoluteUrl,
  boolean,
  custom,
  databaseUrlSetting,
  dataDirSetting,
  defineSchema,
  hostSetting,
  integer,
  logLevelSetting,
  metricsPortSetting,
  metricsSetting,
  mismatch,
  modeSetting,
  nullableString,
  oneOf,
  portSetting,
  positive,
  string,
} from '@account-access/kit';

import { OIDC_PROVIDERS, type OidcProviderConfig, oidcProviders } from './oidc-providers.js';

/** An address or CIDR (`10.0.0.0/8`, `::1/128`) that Fastify's proxy-addr understands. */
function addressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

const TRUST_PROXY = 'true, false, a hop count or comma-separated addresses/CIDRs';

/** `false` (nobody), `true` (any hop), a hop count, or the reverse proxies' addresses/CIDRs. */
function trustProxy(value: unknown): boolean | number | readonly string[] {
  if (value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value.trim()))) {
    const hops = Number(value);
    if (!Number.isInteger(hops) || hops < 0) return mismatch(TRUST_PROXY, value);
    return hops === 0 ? false : hops;
  }
  const list =
    typeof value === 'string' ? value.split(',') : Array.isArray(value) ? (value as unknown[]) : null;
  if (list === null) return mismatch(TRUST_PROXY, value);
  const entries = list.map((e) => (typeof e === 'string' ? e.trim() : '')).filter((e) => e !== '');
  const bad = entries.find((e) => !addressOrCidr(e));
  if (bad !== undefined || entries.length === 0) return mismatch(TRUST_PROXY, bad ?? value);
  return Object.freeze(entries);
}

/** An attempt limit or window: a positive whole number (issue 12). */
function limit(env: string, value: number, doc: string) {
  return { env, kind: integer, default: value, doc, check: positive };
}

/**
 * Every platform setting, declared once: its key (in the settings file and for overrides), its environment
 * variable, type, fixed default and check. Defaults that depend on the mode or the port are in config.ts.
 */
export const PLATFORM_SETTINGS = defineSchema({
  mode: modeSetting,
  host: hostSetting('PLATFORM_HOST'),
  port: portSetting('PLATFORM_PORT', 4000),
  issuer: {
    env: 'PLATFORM_PUBLIC_URL',
    kind: string,
    doc: 'public base URL: the `iss` of callbacks and the links in emails (http://<host or localhost>:<bound port>)',
    check: absoluteUrl,
  },
  databaseUrl: databaseUrlSetting('DATABASE_URL'),
  dataDir: dataDirSetting('PLATFORM_DATA_DIR', '.data/platform'),
  serverSecret: {
    env: 'PLATFORM_SERVER_SECRET',
    kind: string,
    secret: true,
    doc: 'key of every keyed hash, 32+ bytes hex or base64url; required in production',
  },
  // Contract §1 and §5: access tokens live 12 hours.
  accessTokenTtlSeconds: {
    env: 'PLATFORM_ACCESS_TOKEN_TTL',
    kind: integer,
    default: 12 * 3600,
    doc: 'access token lifetime in seconds',
    check: positive,
  },
  // Contract §5: refresh tokens live 20 years by default.
  refreshTokenTtlSeconds: {
    env: 'PLATFORM_REFRESH_TOKEN_TTL',
    kind: integer,
    default: 20 * 365 * 24 * 3600,
    doc: 'refresh token lifetime in seconds',
    check: positive,
  },
  // Contract §4: codes expire within 30 minutes.
  authorizationCodeTtlSeconds: {
    env: 'PLATFORM_AUTHORIZATION_CODE_TTL',
    kind: integer,
    default: 30 * 60,
    doc: 'authorization code lifetime in seconds',
    check: positive,
  },
  // Contract §5 "Rotation" (ours): public clients rotate, and their refresh tokens do not live 20 years
  // (RFC 9700 §4.14.2): an absolute lifetime from the first issue, and an idle one that each rotation renews.
  publicRefreshTokenTtlSeconds: {
    env: 'PLATFORM_PUBLIC_REFRESH_TOKEN_TTL',
    kind: integer,
    default: 180 * 24 * 3600,
    doc: "a public client's refresh tokens: lifetime from the first issue, in seconds",
    check: positive,
  },
  publicRefreshTokenIdleSeconds: {
    env: 'PLATFORM_PUBLIC_REFRESH_TOKEN_IDLE_TTL',
    kind: integer,
    default: 30 * 24 * 3600,
    doc: "a public client's refresh tokens: lifetime unused, in seconds",
    check: positive,
  },
  // Contract §5 "Rotation" (ours): RFC 9700 §4.14.2 asks that refresh tokens expire once their client stops
  // using them; Wise's do not (20 years), so this is off by default and an operator's choice.
  refreshTokenIdleSeconds: {
    env: 'PLATFORM_REFRESH_TOKEN_IDLE_TTL',
    kind: integer,
    default: 0,
    doc: "a confidential client's refresh tokens: lifetime unused, in seconds; 0 (Wise) for none",
    check: (n: number) => (n >= 0 ? undefined : 'must be a whole number, 0 or more'),
  },
  // Contract §5 "Duplicates" (ours): a refresh repeated within this window answers the first one's tokens.
  refreshGraceSeconds: {
    env: 'PLATFORM_REFRESH_GRACE_SECONDS',
    kind: integer,
    default: 10,
    doc: 'seconds in which a repeated refresh answers the same tokens; 0 turns it off',
    check: (n: number) => (n >= 0 && n <= 300 ? undefined : 'must be a whole number from 0 to 300'),
  },
  // Contract §4 "Duplicates" (ours): an identical code exchange repeated within this window revokes nothing.
  authorizationCodeRetrySeconds: {
    env: 'PLATFORM_AUTHORIZATION_CODE_RETRY_SECONDS',
    kind: integer,
    default: 10,
    doc: 'seconds in which an identical repeated code exchange is refused without revoking',
    check: (n: number) => (n >= 0 && n <= 300 ? undefined : 'must be a whole number from 0 to 300'),
  },
  // Contract §2, §3: where Wise's documentation contradicts itself, the default and its alternative.
  createUserStatus: {
    env: 'PLATFORM_COMPAT_CREATE_USER_STATUS',
    kind: oneOf([200, 201]),
    default: 200,
    doc: 'status of a created user (contract §2)',
  },
  registrationCodeFailureStatus: {
    env: 'PLATFORM_COMPAT_REGISTRATION_CODE_FAILURE_STATUS',
    kind: oneOf([401, 400]),
    default: 401,
    doc: 'status of a wrong registration code (contract §3)',
  },
  sandbox: { env: 'PLATFORM_SANDBOX', kind: boolean, default: false, doc: 'mount the sandbox control plane' },
  // Issue 11 "Locked": the key of the control plane, as a bearer token or the inspector's login.
  sandboxKey: {
    env: 'PLATFORM_SANDBOX_KEY',
    kind: nullableString,
    secret: true,
    doc: 'the sandbox key (16+ characters): Bearer token or inspector login for /_sandbox; required off loopback development',
    check: (v: string | null) =>
      v === null || (v.length >= 16 && v.length <= 512 && /^[\x21-\x7e]+$/.test(v))
        ? undefined
        : 'must be 16 to 512 visible ASCII characters',
  },
  sandboxInProduction: {
    env: 'PLATFORM_SANDBOX_IN_PRODUCTION',
    kind: boolean,
    default: false,
    doc: 'let a production platform run with the sandbox on (needs the sandbox key too)',
  },
  journalSize: {
    env: 'PLATFORM_JOURNAL_SIZE',
    kind: integer,
    default: 1000,
    doc: 'how many requests the sandbox request journal keeps (the newest)',
    check: (n: number) => (n > 0 && n <= 100_000 ? undefined : 'must be 1 to 100000'),
  },
  // Issue 11: Wise's sandbox accepts 111111 as the second-factor code; here an option, off by default.
  sandboxFixedTotp: {
    env: 'PLATFORM_SANDBOX_FIXED_TOTP',
    kind: boolean,
    default: false,
    doc: 'accept 111111 as the 2FA code of everyone with 2FA (Wise sandbox convention); sandbox mode only',
  },
  platformName: {
    env: 'PLATFORM_NAME',
    kind: string,
    default: 'Account access',
    doc: 'the name people see in emails and on every page',
  },
  // Issue 14: argon2id at OWASP's cost is tens of milliseconds a hash; a test run hashes at the lowest cost.
  passwordHashCost: {
    env: 'PLATFORM_PASSWORD_HASH_COST',
    kind: oneOf(['owasp', 'test']),
    default: 'owasp',
    doc: 'argon2id parameters of new password hashes: owasp (m=19 MiB, t=2, p=1), or test (the lowest; test mode only)',
  },
  // Issue 16, RFC 8252 §8.12: authorization pages are not shown inside WebViews and in-app browsers.
  embeddedBrowsers: {
    env: 'PLATFORM_EMBEDDED_BROWSERS',
    kind: oneOf(['refuse', 'allow']),
    default: 'refuse',
    doc: 'authorization requests from WebViews and in-app browsers: refuse (a page saying why) or allow',
  },
  // Issue 16: "Continue with …" on the hosted login page, one button per OpenID Connect provider.
  oidcProviders: {
    env: 'PLATFORM_OIDC_PROVIDERS',
    kind: custom<readonly OidcProviderConfig[], string | readonly Record<string, string>[]>(
      OIDC_PROVIDERS,
      oidcProviders,
    ),
    default: [],
    secret: true,
    doc: 'OpenID Connect providers for federated login, a JSON list of {id, name, issuer, clientId, clientSecret}',
  },
  smtpUrl: {
    env: 'SMTP_URL',
    kind: nullableString,
    secret: true,
    doc: 'smtp:// or smtps:// server for outgoing mail; kept in the outbox otherwise',
    check: (v: string | null) => {
      if (v === null) return undefined;
      let protocol: string;
      try {
        protocol = new URL(v).protocol;
      } catch {
        return 'is not a URL';
      }
      return protocol === 'smtp:' || protocol === 'smtps:'
        ? undefined
        : 'must start with smtp:// or smtps://';
    },
  },
  mailFrom: {
    env: 'PLATFORM_MAIL_FROM',
    kind: string,
    default: 'Account access <no-reply@localhost>',
    doc: 'the From of every email',
    // It becomes a header of every email: one line, one address.
    check: (v: string) =>
      !/[\r\n]/.test(v) && /^(?:[^<>]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/.test(v.trim())
        ? undefined
        : 'must be "Name <address@example.com>" or an address',
  },
  mailPollSeconds: {
    env: 'PLATFORM_MAIL_POLL_SECONDS',
    kind: integer,
    default: 5,
    doc: 'how often the mail worker looks for due mail; 0 runs none here',
    check: (n: number) => (n >= 0 ? undefined : 'must be a whole number, 0 or more'),
  },
  // Issue 10: the webhook worker, beside the mail worker (src/webhooks/worker.ts).
  webhookPollSeconds: {
    env: 'PLATFORM_WEBHOOK_POLL_SECONDS',
    kind: integer,
    default: 5,
    doc: 'how often the webhook worker looks for due deliveries; 0 runs none here',
    check: (n: number) => (n >= 0 ? undefined : 'must be a whole number, 0 or more'),
  },
  webhookSigningKey: {
    env: 'PLATFORM_WEBHOOK_SIGNING_KEY',
    kind: nullableString,
    secret: true,
    doc: 'RSA private key (PEM) that signs webhooks; made once and kept in the database when unset',
    check: (v: string | null) => {
      if (v === null) return undefined;
      try {
        return createPrivateKey(v).asymmetricKeyType === 'rsa' ? undefined : 'must be an RSA private key';
      } catch {
        return 'is not a PEM private key';
      }
    },
  },
  // Issue 12: attempt limits (auth/throttle.ts explains the numbers: NIST SP 800-63B §5.2.2, OWASP).
  limitWindowSeconds: limit(
    'PLATFORM_LIMIT_WINDOW',
    15 * 60,
    'window of every attempt limit but the per-account one, seconds',
  ),
  limitLoginPair: limit(
    'PLATFORM_LIMIT_LOGIN_PAIR',
    10,
    'failed logins per account from one address per window',
  ),
  limitLoginDelayAfter: {
    env: 'PLATFORM_LIMIT_LOGIN_DELAY_AFTER',
    kind: integer,
    default: 3,
    doc: 'failed logins per account and address before each further try waits 1 s, 2 s, 4 s, …',
    check: (n: number) => (n >= 0 ? undefined : 'must be a whole number, 0 or more'),
  },
  limitLoginAccount: limit(
    'PLATFORM_LIMIT_LOGIN_ACCOUNT',
    100,
    'failed logins per account from all addresses per account window',
  ),
  limitLoginAccountWindowSeconds: limit(
    'PLATFORM_LIMIT_LOGIN_ACCOUNT_WINDOW',
    24 * 3600,
    'window of the per-account login limit, seconds',
  ),
  limitLoginAddress: limit(
    'PLATFORM_LIMIT_LOGIN_ADDRESS',
    300,
    'failed logins from one address, any account, per window',
  ),
  limitTotp: limit('PLATFORM_LIMIT_TOTP', 5, 'wrong 2FA codes per account per window'),
  limitShortCode: limit(
    'PLATFORM_LIMIT_SHORT_CODE',
    10,
    'failed exchanges of emailed (short) codes per client per window',
  ),
  limitRegistrationCode: limit(
    'PLATFORM_LIMIT_REGISTRATION_CODE',
    10,
    'wrong registration codes per client and email per window',
  ),
  limitClientSecret: limit(
    'PLATFORM_LIMIT_CLIENT_SECRET',
    1000,
    'wrong client secrets per client per window',
  ),
  limitClientSecretAddress: limit(
    'PLATFORM_LIMIT_CLIENT_SECRET_ADDRESS',
    20,
    'wrong client secrets per client from one address per window',
  ),
  limitSandboxKey: limit('PLATFORM_LIMIT_SANDBOX_KEY', 20, 'wrong sandbox keys from one address per window'),
  trustProxy: {
    env: 'PLATFORM_TRUST_PROXY',
    kind: custom<boolean | number | readonly string[], boolean | number | string | readonly string[]>(
      TRUST_PROXY,
      trustProxy,
    ),
    default: false,
    doc: 'whose X-Forwarded-For to believe: true, false, a hop count or proxy addresses/CIDRs',
  },
  logLevel: logLevelSetting,
  // Issue 15: Prometheus metrics, on the public port, a port of their own, or off.
  metrics: metricsSetting('PLATFORM_METRICS'),
  metricsPort: metricsPortSetting('PLATFORM_METRICS_PORT', 9464),
});
