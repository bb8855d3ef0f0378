import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { NotFound } from '../errors/errors.js';
import { validated } from '../http/schema-errors.js';
import type { SeedFile } from '../seed.js';
import { registerSandboxAccounts } from './accounts.js';
import { registerSandboxClock } from './clock.js';
import { registerFaultHook, registerSandboxFaults } from './faults.js';
import { registerSandboxGrants } from './grants.js';
import { sandboxGuard } from './guard.js';
import { registerInspectorAssets, registerSandboxInspector } from './inspector.js';
import { registerRequestJournal, registerSandboxRequests } from './journal.js';
import { registerSandboxListings } from './listings.js';
import { registerSandboxLogin } from './login.js';
import { registerSandboxOutbox } from './outbox.js';
import { registerSandboxState } from './state.js';
import { registerSandboxUserStates } from './user-states.js';
import { registerSandboxUsers } from './users.js';
import { registerSandboxWebhooks } from './webhooks.js';

/**
 * What the sandbox adds around every route of the app (call before any route is registered): the request
 * journal and the faults. Sandbox mode only.
 */
export function registerSandboxHooks(app: FastifyInstance, platform: Platform): void {
  if (!platform.config.sandbox) return;
  registerRequestJournal(app, platform);
  registerFaultHook(app, platform);
}

/**
 * The sandbox control plane under `/_sandbox/` (architecture "The documented interface"): clearly not part
 * of Wise's API, and mounted only in sandbox mode, so a production platform answers 404 there.
 *
 * One encapsulated plugin whose `onRequest` hook is the guard (issue 11 "Locked", sandbox/guard.ts): every
 * route registered in `locked` needs the sandbox key unless the platform runs in development (or test) mode
 * and the request comes from loopback. Add a control-plane route with one line in that list; only the login
 * form and logout sit outside it.
 */
export function registerSandboxRoutes(
  app: FastifyInstance,
  platform: Platform,
  options: { seed?: SeedFile | null } = {},
): void {
  if (!platform.config.sandbox) return;
  app.register(async (sandbox) => {
    registerSandboxLogin(sandbox, platform);
    registerInspectorAssets(sandbox);
    sandbox.register(async (locked) => {
      locked.addHook('onRequest', sandboxGuard(platform));
      // Issue 15: a JSON operation's schema (sandbox/descriptions.ts) is reported after the guard, in Wise's
      // errors[] family, before its handler reads the body; each handler keeps the rules a schema cannot say.
      locked.addHook('preHandler', async (request) => validated(request));
      registerSandboxOutbox(locked, platform);
      registerSandboxAccounts(locked, platform);
      registerSandboxUserStates(locked, platform);
      registerSandboxWebhooks(locked, platform);
      registerSandboxRequests(locked, platform);
      registerSandboxFaults(locked, platform);
      registerSandboxClock(locked, platform);
      registerSandboxListings(locked, platform);
      registerSandboxGrants(locked, platform);
      registerSandboxUsers(locked, platform);
      registerSandboxState(locked, platform, options);
      registerSandboxInspector(locked, platform);
      // Unknown control-plane paths pass the guard too: without the key nobody learns which ones exist.
      // Not an operation, so not in the OpenAPI document (the document's tests name it as the one left out).
      locked.all('/_sandbox/*', { schema: { hide: true } }, async (request) => {
        throw new NotFound(`There is no ${request.method} ${request.url.split('?')[0]}.`);
      });
    });
  });
}
