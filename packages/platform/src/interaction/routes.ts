import type { FastifyInstance, FastifyReply } from 'fastify';
import { endSession } from '../auth/sessions.js';
import type { Platform } from '../context.js';
import { readCookie, setCookie } from '../http/cookies.js';
import { FormParams } from '../http/form.js';
import { PAGE_HEADERS, pageHeadersFor } from '../http/page-headers.js';
import { STYLESHEET_PATH } from '../views/layout.js';
import { STYLESHEET } from '../views/stylesheet.js';
import { finishInteraction } from './finish.js';
import { finishDisplayInteraction } from './finish-display.js';
import { checkCsrf, type Flow, loadFlow } from './flow.js';
import { currentStep } from './policy.js';

type Params = { uid: string; step: string };

/** Post/redirect/get: every form answers 303 to the page (issue 3). */
const seeOther = (reply: FastifyReply, path: string) => reply.headers(PAGE_HEADERS).redirect(path, 303);

function formOf(body: unknown): FormParams | null {
  return body instanceof FormParams ? body : null;
}

async function postedFlow(platform: Platform, request: Parameters<typeof loadFlow>[1], reply: FastifyReply) {
  const { uid } = request.params as Params;
  const flow = await loadFlow(platform, request, reply, uid);
  const form = formOf(request.body);
  checkCsrf(flow, form?.get('csrf'));
  return { flow, form: form! };
}

async function signOut(flow: Flow): Promise<void> {
  const { platform, request, reply, interaction } = flow;
  await endSession(platform, readCookie(platform, request, 'session'));
  setCookie(platform, reply, 'session', '', 0);
  await platform.stores.interactions.update(interaction.uid, {
    userId: null,
    passwordAt: null,
    secondFactorAt: null,
    profileId: null,
    decision: null,
    flash: null,
  });
}

/** The hosted pages: one URL per interaction, the current step's page on GET, its form on POST. */
export function registerInteractionRoutes(app: FastifyInstance, platform: Platform): void {
  app.get(STYLESHEET_PATH, async (_request, reply) =>
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(STYLESHEET),
  );

  app.get('/oauth/interaction/:uid', async (request, reply) => {
    const flow = await loadFlow(platform, request, reply, (request.params as Params).uid);
    const step = await currentStep(flow);
    if (!step) return seeOther(reply, flow.paths.callback);
    const flash = flow.interaction.flash;
    if (flash) await platform.stores.interactions.update(flow.interaction.uid, { flash: null });
    // Only a flow that ends in a redirect lets its forms' redirect chain reach the partner (page-headers.ts).
    const target = flow.interaction.delivery === 'redirect' ? flow.interaction.redirectUri : null;
    return reply.headers(pageHeadersFor(target)).send(await step.render(flow, flash));
  });

  app.post('/oauth/interaction/:uid/signout', async (request, reply) => {
    const { flow } = await postedFlow(platform, request, reply);
    await signOut(flow);
    return seeOther(reply, flow.paths.page);
  });

  app.post('/oauth/interaction/:uid/:step', async (request, reply) => {
    const { flow, form } = await postedFlow(platform, request, reply);
    const step = await currentStep(flow);
    // A form from an older page (back button, second tab) is not applied: the current page is shown.
    if (step && step.name === (request.params as Params).step) await step.submit(flow, form);
    return seeOther(reply, flow.paths.page);
  });

  app.get('/oauth/interaction/:uid/callback', async (request, reply) => {
    const flow = await loadFlow(platform, request, reply, (request.params as Params).uid);
    if (await currentStep(flow)) return seeOther(reply, flow.paths.page);
    if (flow.interaction.delivery === 'display') {
      // Contract §6: the code is shown here, once; it never travels in a URL.
      return reply.headers(PAGE_HEADERS).send(await finishDisplayInteraction(platform, flow.interaction));
    }
    const location = await finishInteraction(platform, flow.interaction, (err) =>
      request.log.error({ err }, 'authorization code not stored'),
    );
    return reply.headers(PAGE_HEADERS).redirect(location, 302);
  });
}
