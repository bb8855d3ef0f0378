import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import type { SeedFile } from '../seed.js';
import { registerSandboxAccounts } from './accounts.js';
import { registerSandboxGrants } from './grants.js';
import { registerSandboxListings } from './listings.js';
import { registerSandboxOutbox } from './outbox.js';
import { registerSandboxState } from './state.js';
import { registerSandboxUserStates } from './user-states.js';
import { registerSandboxUsers } from './users.js';
import { registerSandboxWebhooks } from './webhooks.js';

/**
 * The sandbox control plane under `/_sandbox/` (architecture "The documented interface"): clearly not part
 * of Wise's API, and mounted only in sandbox mode, so a production platform answers 404 there.
 */
export function registerSandboxRoutes(
  app: FastifyInstance,
  platform: Platform,
  options: { seed?: SeedFile | null } = {},
): void {
  if (!platform.config.sandbox) return;
  registerSandboxOutbox(app, platform);
  registerSandboxAccounts(app, platform);
  registerSandboxUserStates(app, platform);
  registerSandboxWebhooks(app, platform);
  registerSandboxListings(app, platform);
  registerSandboxGrants(app, platform);
  registerSandboxUsers(app, platform);
  registerSandboxState(app, platform, options);
}
