export type { Database } from '@account-access/db';
export { createApp } from './app.js';
export { seedCredentials } from './auth/seed-step.js';
export { type ClientRegistration, ClientRegistrationError, registerClient } from './clients/register.js';
export {
  ConfigError,
  loadPlatformConfig,
  PLATFORM_ENVIRONMENT,
  PLATFORM_SETTINGS,
  type PlatformConfig,
  type PlatformSettings,
} from './config/config.js';
export { createPlatform, type Platform } from './context.js';
export { HASH, hashSecret } from './crypto/hashes.js';
export { randomToken, safeEqual } from './crypto/secrets.js';
export { openApiDocumentText } from './openapi-document.js';
export { newBusinessProfile } from './profiles/index.js';
export { seedProfiles } from './profiles/seed.js';
export { applySeed, DEMO_SEED, readSeedFile, SeedError, type SeedFile, type SeedUser } from './seed.js';
export { purgeExpired, type RunningPlatform, startPlatform } from './server.js';
export type { RefreshTokenRotation } from './store/clients.js';
export { openPlatformDatabase, PLATFORM_MIGRATIONS } from './store/open.js';
export { type PurgeCounts, RETENTION } from './store/retention.js';
export { type IdentityBureau, sandboxBureau } from './verification/bureau.js';
export { type PlatformEvent, publishEvent, type WebhookEventType } from './webhooks/publish.js';
export { createWebhookWorker, type WebhookReport, type WebhookWorker } from './webhooks/worker.js';
