/**
 * `@account-access/partner`: a reference partner bank (contract §10) — its customers, the onboarding state
 * machine, the encrypted vault, the central token store and the web app. `createPartnerApp` never listens;
 * `startPartner` does.
 */
export {
  loadPartnerConfig,
  PARTNER_ENVIRONMENT,
  PARTNER_SETTINGS,
  type PartnerConfig,
  PartnerConfigError,
  type PartnerSettings,
  parseVaultKeys,
  type VaultKey,
} from './config/config.js';
export {
  createPartner,
  type Partner,
  type PartnerOptions,
  type PartnerStores,
  registrationRecovery,
} from './context.js';
export { rotatePartnerKeys } from './keys/commands.js';
export { type RotationReport, rotateVault } from './keys/rotate.js';
export * from './onboarding/index.js';
export { applyPartnerSeed, DEMO_SEED, type PartnerSeed, PartnerSeedError, readPartnerSeed } from './seed.js';
export { type RunningPartner, startPartner } from './server.js';
export { type CustomerStore, sqlCustomerStore } from './store/customers.js';
export { openPartnerDatabase, PARTNER_MIGRATIONS, PARTNER_MIGRATIONS_TABLE } from './store/open.js';
export { type SessionStore, sqlSessionStore, type WebSession } from './store/sessions.js';
export { SqlTokenStore } from './store/tokens.js';
export { type ProfileVerification, sqlWebhookStore, type WebhookStore } from './store/webhooks.js';
export { type SecretField, Vault, VaultError } from './vault/vault.js';
export { createPartnerApp, PageError } from './web/app.js';
export { applyEvent, deactivatedMessage } from './webhooks/apply.js';
export { type WebhookKeySource, webhookKeySource } from './webhooks/keys.js';
export {
  createWebhookReceiver,
  type WebhookAnswer,
  type WebhookDelivery,
  type WebhookReceiver,
} from './webhooks/receive.js';
export {
  ensureSubscriptions,
  type SubscribeOutcome,
  type Subscriber,
  startSubscriber,
  WEBHOOK_EVENT_TYPES,
} from './webhooks/subscribe.js';
