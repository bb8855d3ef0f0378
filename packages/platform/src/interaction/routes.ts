import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { endSession } from '../auth/sessions.js';
import type { Platform } from '../context.js';
import { readCookie, setCookie } from '../http/cookies.js';
import { FormParams } from '../http/form.js';
import { interactionPath } from '../http/hosted.js';
import { PAGE_HEADERS, pageHeadersFor } from '../http/page-headers.js';
import { stepDonePage } from '../views/flow-outcome.js';
import { STYLESHEET_PATH } from '../views/layout.js';
import { STYLESHEET } from '../views/stylesheet.js';
import { answerAtOnce, finishAtOnce } from './at-once.js';
import { registerFederatedRoutes } from './federated-routes.js';
import { finishInteraction } from './finish.js';
import { finishDisplayInteraction } from './finish-display.js';
import { checkCsrf, type Finished, type Flow, loadFlow, reloaded, saveInteraction } from './flow.js';
import { outcomePage } from './outcome.js';
import { currentPath, currentStep, isBefore, type Step, stepNamed } from './policy.js';

type Params = { uid: string; step: string };

/** Post/redirect/get: every form answers 303 to a page (issue 3). */
const seeOther = (reply: FastifyReply, path: string) => reply.headers(PAGE_HEADERS).redirect(path, 303);

const isFinished = (loaded: Flow | Finished): loaded is Finished => 'finished' in loaded;

function formOf(body: unknown): FormParams | null {
  return body instanceof FormParams ? body : null;
}

async function signOut(flow: Flow): Promise<void> {
  const { platform, request, reply } = flow;
  await endSession(platform, readCookie(platform, request, 'session'));
  setCookie(platform, reply, 'session', '', 0);
  await saveInteraction(flow, {
    userId: null,
    passwordAt: null,
    secondFactorAt: null,
    profileId: null,
    decision: null,
    flash: null,
    pendingIdentity: null,
  });
}

/** A step's page, with its flash shown once. */
async function renderStep(flow: Flow, step: Step, reply: FastifyReply) {
  const flash = flow.interaction.flash;
  if (flash) await saveInteraction(flow, { flash: null });
  // Only a flow that ends in a redirect lets its forms' redirect chain reach the partner (page-headers.ts).
  const target = flow.interaction.delivery === 'redirect' ? flow.interaction.redirectUri : null;
  // The login page's "Continue with …" buttons lead to the providers (issue 16).
  const providers = step.name === 'login' ? flow.platform.config.oidcProviders.map((p) => p.issuer) : [];
  return reply.headers(pageHeadersFor(target, providers)).send(await step.render(flow, flash));
}

/** The step whose form this POST may apply: the current one, or a done one that may be revisited. */
async function answerable(flow: Flow, name: string): Promise<Step | null> {
  const current = await currentStep(flow);
  if (current?.name === name) return current;
  const earlier = stepNamed(name);
  return earlier && isBefore(name, current) && earlier.revisit?.(flow) ? earlier : null;
}

/**
 * The hosted pages (contract §4), one URL per step (issue 13): a step's page on GET, its form on POST, which
 * answers 303 to the step the flow is then at. A step not reached yet sends the browser to the current one;
 * Back to a done step shows it again when it may be changed (`revisit`), else says why not and leads on. A
 * finished flow's pages show its outcome.
 */
export function registerInteractionRoutes(app: FastifyInstance, platform: Platform): void {
  const load = (request: FastifyRequest, reply: FastifyReply) =>
    loadFlow(platform, request, reply, (request.params as Params).uid);
  const showOutcome = async (reply: FastifyReply, finished: Finished) =>
    reply.headers(PAGE_HEADERS).send(await outcomePage(platform, finished));

  app.get(STYLESHEET_PATH, async (_request, reply) =>
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(STYLESHEET),
  );

  registerFederatedRoutes(app, platform);

  app.get('/oauth/interaction/:uid', async (request, reply) => {
    const flow = await load(request, reply);
    if (isFinished(flow)) return showOutcome(reply, flow);
    return seeOther(reply, await currentPath(flow));
  });

  app.get('/oauth/interaction/:uid/:step', async (request, reply) => {
    const flow = await load(request, reply);
    if (isFinished(flow)) return showOutcome(reply, flow);
    const name = (request.params as Params).step;
    const current = await currentStep(flow);
    if (current?.name === name) return renderStep(flow, current, reply);
    const earlier = stepNamed(name);
    if (!earlier || !isBefore(name, current)) return seeOther(reply, await currentPath(flow));
    if (earlier.revisit?.(flow)) return renderStep(flow, earlier, reply);
    if (!current || !earlier.whenDone) return seeOther(reply, await currentPath(flow));
    return reply.headers(PAGE_HEADERS).send(
      stepDonePage({
        ...earlier.whenDone,
        partnerName: flow.client.name,
        continueHref: flow.paths.step(current.name),
        signOutAction: flow.paths.signOut,
        csrf: flow.csrf,
      }),
    );
  });

  app.post('/oauth/interaction/:uid/signout', async (request, reply) => {
    const flow = await load(request, reply);
    if (isFinished(flow)) return seeOther(reply, interactionPath(flow.finished.uid));
    checkCsrf(flow, formOf(request.body)?.get('csrf'));
    await signOut(flow);
    return seeOther(reply, flow.paths.page);
  });

  app.post('/oauth/interaction/:uid/:step', async (request, reply) => {
    const { uid, step: named } = request.params as Params;
    // Issue 14: a profile choice or a consent decision in one statement, when it simply applies.
    const next = await answerAtOnce(platform, request, reply, uid, named, formOf(request.body));
    if (next !== null) return seeOther(reply, next);
    const flow = await load(request, reply);
    // A second tab's form, or one posted again after the flow ended: its outcome, nothing applied.
    if (isFinished(flow)) return seeOther(reply, interactionPath(flow.finished.uid));
    const form = formOf(request.body);
    checkCsrf(flow, form?.get('csrf'));
    const step = await answerable(flow, (request.params as Params).step);
    // A form from an older page that may not change any more (back button, second tab) is not applied.
    if (!step) return seeOther(reply, await currentPath(flow));
    await step.submit(flow, form!);
    const after = await reloaded(flow);
    // A form with errors comes back to its own page; one that passed leads to the step the flow is at now.
    return seeOther(reply, after.interaction.flash ? flow.paths.step(step.name) : await currentPath(after));
  });

  app.get('/oauth/interaction/:uid/callback', async (request, reply) => {
    // Issue 14: the interaction completed and its code stored in one statement, when it simply applies.
    const atOnce = await finishAtOnce(platform, request, (request.params as Params).uid);
    if (atOnce !== null) return reply.headers(PAGE_HEADERS).redirect(atOnce, 302);
    const flow = await load(request, reply);
    if (isFinished(flow)) return showOutcome(reply, flow);
    if (await currentStep(flow)) return seeOther(reply, await currentPath(flow));
    const { interaction } = flow;
    if (interaction.delivery === 'display') {
      // Contract §6: the code is shown here; it never travels in a URL.
      const page = await finishDisplayInteraction(platform, interaction, flow.browser);
      return page === null ? seeOther(reply, flow.paths.page) : reply.headers(PAGE_HEADERS).send(page);
    }
    const location = await finishInteraction(platform, interaction, (err) =>
      request.log.error({ err }, 'authorization code not stored'),
    );
    if (location === null) return seeOther(reply, flow.paths.page);
    return reply.headers(PAGE_HEADERS).redirect(location, 302);
  });
}
