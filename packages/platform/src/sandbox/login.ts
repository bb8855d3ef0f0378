import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { csrfFor, requireCsrf } from '../http/csrf.js';
import { FormParams } from '../http/form.js';
import { PAGE_HEADERS } from '../http/page-headers.js';
import { sandboxLoginPage } from '../views/sandbox-login.js';
import { checkSandboxKey, INSPECTOR_PATH, LOGIN_PATH } from './guard.js';
import { endSandboxSession, startSandboxSession } from './session.js';

export const LOGOUT_PATH = '/_sandbox/logout';
const LOGIN_FORM = 'sandbox-login';
const LOGOUT_FORM = 'sandbox-logout';

/** The CSRF token of the inspector's logout form (the inspector page renders that form). */
export const logoutCsrf = (platform: Platform, request: FastifyRequest, reply: FastifyReply) =>
  csrfFor(platform, request, reply, LOGOUT_FORM);

function formOf(request: FastifyRequest): FormParams {
  return request.body instanceof FormParams ? request.body : new FormParams('');
}

/**
 * Issue 11 "Locked": `GET/POST /_sandbox/login` (a form with the hosted pages' CSRF defence; the right key
 * sets a signed login cookie, sandbox/session.ts) and `POST /_sandbox/logout`. These are the only
 * `/_sandbox` routes outside the guard.
 */
export function registerSandboxLogin(app: FastifyInstance, platform: Platform): void {
  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    error?: { message: string; retryAt?: Date },
  ) =>
    reply
      .code(status)
      .headers(PAGE_HEADERS)
      .send(
        sandboxLoginPage({
          action: LOGIN_PATH,
          csrf: csrfFor(platform, request, reply, LOGIN_FORM),
          keyConfigured: platform.config.sandboxKey !== null,
          ...(error
            ? {
                errors: [
                  {
                    message: error.message,
                    field: 'key',
                    ...(error.retryAt ? { retryAt: error.retryAt.toISOString() } : {}),
                  },
                ],
              }
            : {}),
        }),
      );

  app.get(LOGIN_PATH, async (request, reply) => page(request, reply, 200));

  app.post(LOGIN_PATH, async (request, reply) => {
    const form = formOf(request);
    requireCsrf(platform, request, LOGIN_FORM, form.get('csrf'));
    const checked = await checkSandboxKey(platform, request, form.get('key') ?? '');
    if (!checked.ok)
      return page(request, reply, 429, {
        message: 'Too many wrong keys from here.',
        retryAt: checked.retryAt,
      });
    if (!checked.matches) return page(request, reply, 401, { message: 'That is not the sandbox key.' });
    startSandboxSession(platform, reply, platform.config.sandboxKey!);
    return reply.headers(PAGE_HEADERS).redirect(INSPECTOR_PATH, 303);
  });

  app.post(LOGOUT_PATH, async (request, reply) => {
    requireCsrf(platform, request, LOGOUT_FORM, formOf(request).get('csrf'));
    endSandboxSession(platform, reply);
    return reply.headers(PAGE_HEADERS).redirect(LOGIN_PATH, 303);
  });
}
