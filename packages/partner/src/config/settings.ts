import {
  absoluteUrl,
  boolean,
  databaseUrlSetting,
  dataDirSetting,
  defineSchema,
  hostSetting,
  integer,
  logLevelSetting,
  metricsPortSetting,
  metricsSetting,
  modeSetting,
  nullableString,
  oneOf,
  portSetting,
  positive,
  string,
} from '@account-access/kit';

/**
 * Every partner setting, declared once: its key (in the settings file and for overrides), its environment
 * variable, type, fixed default and check. Defaults that depend on the mode, the port or the platform URL
 * are in config.ts.
 */
export const PARTNER_SETTINGS = defineSchema({
  // Never a quiet fallback: development turns on the password-less demo sign-in.
  mode: modeSetting,
  host: hostSetting('PARTNER_HOST'),
  port: portSetting('PARTNER_PORT', 3000),
  publicUrl: {
    env: 'PARTNER_PUBLIC_URL',
    kind: string,
    doc: "public base URL of the bank's web app (http://<host or localhost>:<bound port>)",
    check: absoluteUrl,
  },
  databaseUrl: databaseUrlSetting('PARTNER_DATABASE_URL'),
  dataDir: dataDirSetting('PARTNER_DATA_DIR', '.data/partner'),
  platformUrl: {
    env: 'PARTNER_PLATFORM_URL',
    kind: string,
    default: 'http://localhost:4000',
    doc: "the platform's (or Wise's) API base",
    check: absoluteUrl,
  },
  // Issue 13: one name on both sides. What the bank's pages call the provider; set it to the platform's
  // PLATFORM_NAME (`account-access dev` does), or leave "Wise" when the bank talks to Wise.
  providerName: {
    env: 'PARTNER_PROVIDER_NAME',
    kind: string,
    default: 'Wise',
    doc: "the account provider's name on the bank's pages (the platform's PLATFORM_NAME)",
  },
  authorizeUrl: {
    env: 'PARTNER_AUTHORIZE_URL',
    kind: string,
    doc: 'where people authorize the bank (<platform url>/oauth/authorize)',
    check: absoluteUrl,
  },
  clientId: {
    env: 'PARTNER_CLIENT_ID',
    kind: string,
    doc: "the bank's partner client id; required in production",
  },
  clientSecret: {
    env: 'PARTNER_CLIENT_SECRET',
    kind: string,
    secret: true,
    doc: 'its client secret; required in production',
  },
  // Contract §4: registered with the platform byte for byte.
  redirectUri: {
    env: 'PARTNER_REDIRECT_URI',
    kind: string,
    doc: 'the redirect URI registered with the platform (<public url>/wise/callback)',
    check: absoluteUrl,
  },
  // RFC 9207: the issuer to expect in callbacks; null expects none.
  issuer: {
    env: 'PARTNER_PLATFORM_ISSUER',
    kind: nullableString,
    doc: 'the `iss` to expect in callbacks (the platform URL)',
  },
  vaultKeys: {
    env: 'PARTNER_VAULT_KEYS',
    kind: string,
    secret: true,
    doc: 'key ring "k2:<base64 32 bytes>,k1:…", newest first; required in production',
  },
  sessionSecret: {
    env: 'PARTNER_SESSION_SECRET',
    kind: string,
    secret: true,
    doc: 'keys the session cookie and CSRF tokens, 32+ bytes base64url; required in production',
  },
  // Contract §10.2: redirect unless the bank says otherwise.
  linkMethod: {
    env: 'PARTNER_LINK_METHOD',
    kind: oneOf(['redirect', 'email']),
    default: 'redirect',
    doc: 'how customers who already have an account link: redirect or email',
  },
  pkce: { env: 'PARTNER_PKCE', kind: boolean, default: true, doc: 'send a PKCE S256 challenge' },
  // Contract §10.3: a state "expires in minutes".
  stateTtlSeconds: {
    env: 'PARTNER_STATE_TTL',
    kind: integer,
    default: 600,
    doc: 'how long a linking state stays valid, in seconds',
    check: positive,
  },
  // Contract §10.8.
  refreshAheadSeconds: {
    env: 'PARTNER_REFRESH_AHEAD',
    kind: integer,
    default: 300,
    doc: 'refresh user tokens this many seconds before they expire',
    check: positive,
  },
  demo: {
    env: 'PARTNER_DEMO',
    kind: boolean,
    doc: 'serve the password-less demo sign-in and admin page (on unless production; never in production)',
  },
  // Contract §11: the application's subscriptions at start, and the receiver of their events.
  webhooks: {
    env: 'PARTNER_WEBHOOKS',
    kind: boolean,
    default: true,
    doc: "subscribe to Wise's webhooks at start and receive them",
  },
  webhookUrl: {
    env: 'PARTNER_WEBHOOK_URL',
    kind: string,
    doc: 'where Wise sends webhook events (<public url>/webhooks/wise)',
    check: absoluteUrl,
  },
  webhookPublicKey: {
    env: 'PARTNER_WEBHOOK_PUBLIC_KEY',
    kind: nullableString,
    doc: "PEM of the key webhooks are signed with (Wise's own for its hosts, else the platform's, fetched)",
  },
  webhookClientKey: {
    env: 'PARTNER_WEBHOOK_CLIENT_KEY',
    kind: string,
    doc: 'the client key of the application subscriptions (the client id unless Wise gave another)',
  },
  // Wise retries a delivery for two weeks; the delivery ids are kept this long, older ones are refused.
  webhookMaxAgeSeconds: {
    env: 'PARTNER_WEBHOOK_MAX_AGE',
    kind: integer,
    default: 15 * 86400,
    doc: 'refuse webhook deliveries whose sent_at is older than this, in seconds',
    check: positive,
  },
  seedFile: { env: 'PARTNER_SEED', kind: nullableString, doc: 'a file of customers to load at start' },
  logLevel: logLevelSetting,
  // Issue 15: Prometheus metrics, on the public port, a port of their own, or off.
  metrics: metricsSetting('PARTNER_METRICS'),
  metricsPort: metricsPortSetting('PARTNER_METRICS_PORT', 9465),
});
