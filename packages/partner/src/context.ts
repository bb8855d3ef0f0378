import {
  createClient,
  createTokenManager,
  type FetchLike,
  type TokenManager,
  type TokenRecovery,
  type WiseClient,
} from '@account-access/client';
import type { Database } from '@account-access/db';
import { createServiceMetrics, type ServiceMetrics } from '@account-access/kit';
import type { PartnerConfig } from './config/config.js';
import type { OnboardingEvent } from './onboarding/deps.js';
import { createOnboarding, type Onboarding } from './onboarding/onboarding.js';
import { type CustomerStore, sqlCustomerStore } from './store/customers.js';
import { type LinkAttemptStore, sqlLinkAttemptStore } from './store/link-attempts.js';
import { type LinkStore, sqlLinkStore } from './store/links.js';
import { type SessionStore, sqlSessionStore } from './store/sessions.js';
import { SqlTokenStore } from './store/tokens.js';
import { sqlWebhookStore, type WebhookStore } from './store/webhooks.js';
import { Vault } from './vault/vault.js';
import { webhookKeySource } from './webhooks/keys.js';
import { createWebhookReceiver, type WebhookReceiver } from './webhooks/receive.js';

export interface PartnerStores {
  readonly customers: CustomerStore;
  readonly links: LinkStore;
  readonly attempts: LinkAttemptStore;
  readonly sessions: SessionStore;
  readonly tokens: SqlTokenStore;
  readonly webhooks: WebhookStore;
}

/** What every route is given: config, database, vault, stores, the client, tokens, onboarding, the clock. */
export interface Partner {
  readonly config: PartnerConfig;
  readonly db: Database;
  readonly vault: Vault;
  readonly stores: PartnerStores;
  readonly client: WiseClient;
  readonly tokens: TokenManager;
  readonly onboarding: Onboarding;
  /** The webhook receiver (contract §11): signature, replay and age checks, then the event's effect. */
  readonly webhooks: WebhookReceiver;
  /** The one source of time, so tests can move it instead of sleeping. */
  readonly now: () => Date;
  /** Issue 15: this partner's Prometheus metrics (a registry of its own). */
  readonly metrics: ServiceMetrics;
}

export interface PartnerOptions {
  now?: () => Date;
  /** The `fetch` the client uses (tests may count or fake calls). */
  fetch?: FetchLike;
  /** Replaces the client entirely (tests). */
  client?: WiseClient;
  /** Where onboarding events go (they never carry a secret). */
  log?: (event: OnboardingEvent) => void;
}

/** Recovery by registration code (contract §10.8): only for customers this bank created on Wise. */
export function registrationRecovery(links: LinkStore, vault: Vault): TokenRecovery {
  return {
    async registrationCredentials(customerId) {
      const rec = await links.get(customerId);
      if (!rec?.registrationCode || !rec.signupEmail) return null;
      return {
        email: rec.signupEmail,
        registrationCode: vault.decrypt(customerId, 'registration_code', rec.registrationCode),
      };
    },
  };
}

export function createPartner(config: PartnerConfig, db: Database, options: PartnerOptions = {}): Partner {
  const now = options.now ?? (() => new Date());
  const vault = new Vault(config.vaultKeys);
  const stores: PartnerStores = {
    customers: sqlCustomerStore(db),
    links: sqlLinkStore(db),
    attempts: sqlLinkAttemptStore(db),
    sessions: sqlSessionStore(db),
    tokens: new SqlTokenStore(db, vault, { now, providerName: config.wise.name }),
    webhooks: sqlWebhookStore(db),
  };
  const client =
    options.client ??
    createClient({
      environment: { apiUrl: config.wise.apiUrl, authorizeUrl: config.wise.authorizeUrl },
      clientId: config.wise.clientId,
      clientSecret: config.wise.clientSecret,
      now: () => now().getTime(),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  const tokens = createTokenManager({
    client,
    store: stores.tokens,
    recover: registrationRecovery(stores.links, vault),
    refreshAheadMs: config.refreshAheadSeconds * 1000,
    now: () => now().getTime(),
  });
  const onboarding = createOnboarding({
    customers: stores.customers,
    links: stores.links,
    attempts: stores.attempts,
    vault,
    tokens,
    tokenStore: stores.tokens,
    client,
    settings: {
      providerName: config.wise.name,
      redirectUri: config.wise.redirectUri,
      pkce: config.pkce,
      stateTtlSeconds: config.stateTtlSeconds,
      linkMethod: config.linkMethod,
      issuer: config.wise.issuer,
    },
    now,
    ...(options.log ? { log: options.log } : {}),
  });
  const webhooks = createWebhookReceiver({
    db,
    keys: webhookKeySource(
      { publicKey: config.webhooks.publicKey, apiUrl: config.wise.apiUrl },
      options.fetch,
    ),
    maxAgeSeconds: config.webhooks.maxAgeSeconds,
    now,
    providerName: config.wise.name,
  });
  const metrics = createServiceMetrics({
    processMetrics: config.metrics !== 'off',
    pool: () => db.poolStats(),
  });
  return Object.freeze({ config, db, vault, stores, client, tokens, onboarding, webhooks, now, metrics });
}
