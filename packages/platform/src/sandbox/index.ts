import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { registerSandboxAccounts } from './accounts.js';
import { registerSandboxClock } from './clock.js';
import { registerSandboxGrants } from './grants.js';
import { registerSandboxInspector } from './inspector.js';
import { registerSandboxListings } from './listings.js';
import { registerSandboxOutbox } from './outbox.js';
import { registerSandboxUserStates } from './user-states.js';
import { registerSandboxUsers } from './users.js';
import { registerSandboxWebhooks } from './webhooks.js';

/**
 * The sandbox control plane under `/_sandbox/` (architecture "The documented interface"): clearly not part
 * of Wise's API, and mounted only in sandbox mode, so a production platform answers 404 there.
 */
export function registerSandboxRoutes(app: FastifyInstance, platform: Platform): void {
  if (!platform.config.sandbox) return;
  registerSandboxOutbox(app, platform);
  registerSandboxAccounts(app, platform);
  registerSandboxUserStates(app, platform);
  registerSandboxWebhooks(app, platform);
  registerSandboxListings(app, platform);
  registerSandboxGrants(app, platform);
  registerSandboxUsers(app, platform);
  registerSandboxInspector(app, platform);
  registerSandboxClock(app, platform);
}
