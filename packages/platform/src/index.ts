export type { Database } from '@account-access/db';
export { createApp } from './app.js';
export { seedCredentials } from './auth/seed-step.js';
export {
  ConfigError,
  loadPlatformConfig,
  PLATFORM_ENVIRONMENT,
  type PlatformConfig,
  type PlatformSettings,
} from './config/config.js';
export { createPlatform, type Platform } from './context.js';
export { type RunningPlatform, startPlatform } from './server.js';
export { openPlatformDatabase, PLATFORM_MIGRATIONS } from './store/open.js';
