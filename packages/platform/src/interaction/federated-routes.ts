import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Platform } from '../context.js';
import { PageError } from '../errors/errors.js';
import { resolveIdentity } from '../federated/accounts.js';
import {
  beginFederatedLogin,
  FederatedError,
  finishFederatedLogin,
  providerNamed,
  takeTrip,
} from '../federated/relying-party.js';
import { FormParams } from '../http/form.js';
import { interactionPath } from '../http/hosted.js';
import { PAGE_HEADERS } from '../http/page-headers.js';
import { FEDERATED_MESSAGES as SAY } from '../views/federated.js';
import { checkCsrf, type Finished, type Flow, loadFlow, reloaded } from './flow.js';
import { currentPath, currentStep } from './policy.js';
import { applyFederatedOutcome, federatedButtons, sayOnLogin } from './steps/federated.js';

const seeOther = (reply: FastifyReply, path: string) => reply.headers(PAGE_HEADERS).redirect(path, 303);
const isFinished = (loaded: Flow | Finished): loaded is Finished => 'finished' in loaded;

const UNUSABLE = new PageError(
  400,
  'This sign-in cannot be used',
  'It was used already, has expired, or did not start here. Nothing was linked. Go back to the partner and start again.',
);

/** Whether the flow is at its login page with no identity waiting: the only place a provider may be chosen. */
async function atLogin(flow: Flow): Promise<boolean> {
  return (await currentStep(flow))?.name === 'login' && flow.interaction.pendingIdentity === null;
}

/**
 * Issue 16, contract §4 "Continue with …": the login page's button leaves for the provider (POST, with the
 * page's CSRF token), and the provider sends the person back to `/oauth/federated/<id>/callback`, whose
 * `state` names the trip and so the interaction; the interaction must then belong to this browser, as every
 * hosted page does. Every failure is a page that says what happened; nothing secret is logged.
 */
export function registerFederatedRoutes(app: FastifyInstance, platform: Platform): void {
  app.post('/oauth/interaction/:uid/federated/:provider', async (request, reply) => {
    const { uid, provider: id } = request.params as { uid: string; provider: string };
    const flow = await loadFlow(platform, request, reply, uid);
    if (isFinished(flow)) return seeOther(reply, interactionPath(flow.finished.uid));
    checkCsrf(flow, request.body instanceof FormParams ? request.body.get('csrf') : undefined);
    const provider = providerNamed(platform, id);
    // Not offered in a WebView (the button is not shown there), nor for a provider not configured.
    if (!provider || !federatedButtons(flow).some((b) => b.name === provider.name))
      throw new PageError(
        404,
        'This sign-in option is not available',
        'Log in with your email and password.',
      );
    if (!(await atLogin(flow))) return seeOther(reply, await currentPath(flow));
    try {
      const url = await beginFederatedLogin(platform, provider, uid);
      return reply.headers(PAGE_HEADERS).redirect(url.href, 303);
    } catch (error) {
      if (!(error instanceof FederatedError)) throw error;
      request.log.warn(
        { provider: id, failure: error.failure, reason: error.reason },
        'federated login not started',
      );
      await sayOnLogin(flow, SAY.unavailable(provider.name));
      return seeOther(reply, flow.paths.step('login'));
    }
  });

  app.get('/oauth/federated/:provider/callback', async (request, reply) => {
    const { provider: id } = request.params as { provider: string };
    const query = request.query as Record<string, unknown>;
    const state = typeof query['state'] === 'string' ? query['state'] : null;
    const trip = await takeTrip(platform, id, state);
    if (!trip) {
      request.log.warn({ provider: id }, 'federated callback with an unknown, used or expired state');
      throw UNUSABLE;
    }
    const flow = await loadFlow(platform, request, reply, trip.interactionUid);
    if (isFinished(flow)) return seeOther(reply, interactionPath(flow.finished.uid));
    if (!(await atLogin(flow))) return seeOther(reply, await currentPath(flow));
    const name = trip.provider.name;
    try {
      const claims = await finishFederatedLogin(platform, trip, new URL(request.url, platform.config.issuer));
      await applyFederatedOutcome(flow, name, await resolveIdentity(platform, trip.provider.id, claims));
    } catch (error) {
      if (!(error instanceof FederatedError)) throw error;
      request.log.warn(
        { provider: id, failure: error.failure, reason: error.reason },
        'federated login refused',
      );
      await sayOnLogin(flow, SAY[error.failure](name));
    }
    return seeOther(reply, await currentPath(await reloaded(flow)));
  });
}
