import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkNewPassword, PASSWORD_PROBLEMS } from '../auth/password-rules.js';
import { hashPassword } from '../auth/passwords.js';
import { SESSION_TTL_SECONDS, sessionUser, startSession } from '../auth/sessions.js';
import type { Platform } from '../context.js';
import { PageError } from '../errors/errors.js';
import { readCookie, setCookie } from '../http/cookies.js';
import { csrfFor } from '../http/csrf.js';
import {
  FORGOT_PASSWORD_PATH,
  FORGOT_PASSWORD_SENT_PATH,
  PASSWORD_SET_PATH,
  SET_PASSWORD_PATH,
  TWO_FACTOR_PATH,
} from '../http/hosted.js';
import { PAGE_HEADERS } from '../http/page-headers.js';
import {
  forgotPasswordPage,
  passwordSetPage,
  resetLinkSentPage,
  setPasswordPage,
} from '../views/password.js';
import { registerConnectedPartners } from './connected.js';
import { checkedForm, seeOther } from './pages.js';
import { hashSetPasswordToken, requestSetPasswordLink } from './reclaim.js';
import { registerAccountSignIn } from './sign-in.js';
import { registerTwoFactorRoutes } from './two-factor.js';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** Errors travel to the page after the 303 as a short name, never as what was typed. */
const MESSAGES: Record<string, { field: string; message: string }> = {
  email: { field: 'email', message: 'Enter your email address.' },
  ...PASSWORD_PROBLEMS,
};

const errorsOf = (request: FastifyRequest) => {
  const key = (request.query as Record<string, unknown>)['error'];
  const found = typeof key === 'string' ? MESSAGES[key] : undefined;
  return found ? { errors: [found] } : {};
};

const unusable = () =>
  new PageError(
    410,
    'This link has already been used or has expired',
    'For your safety, a set-password link works once and only for 30 minutes. Your password has not changed. You can ask for a new link from the log-in page.',
  );

/**
 * Contract §7 "Reclaim": "Forgot or never set your password?" → an email with a single-use link → a new
 * password. On an account a partner created, setting the password reclaims it (the registration_code grant
 * then fails). The person is then signed in on the platform, unless the account has 2FA to pass first.
 */
export function registerAccountRoutes(app: FastifyInstance, platform: Platform): void {
  const resets = platform.stores.passwordResets;
  const secret = platform.config.serverSecret;

  app.get(FORGOT_PASSWORD_PATH, async (request, reply) => {
    const csrf = csrfFor(platform, request, reply, 'forgot-password');
    return reply
      .headers(PAGE_HEADERS)
      .send(forgotPasswordPage({ action: FORGOT_PASSWORD_PATH, csrf, ...errorsOf(request) }));
  });

  app.post(FORGOT_PASSWORD_PATH, async (request, reply) => {
    const form = checkedForm(platform, request, 'forgot-password');
    const email = form.get('email')?.trim() ?? '';
    if (!email) return seeOther(reply, `${FORGOT_PASSWORD_PATH}?error=email`);
    await requestSetPasswordLink(platform, email);
    return seeOther(reply, FORGOT_PASSWORD_SENT_PATH);
  });

  app.get(FORGOT_PASSWORD_SENT_PATH, async (_request, reply) =>
    reply.headers(PAGE_HEADERS).send(resetLinkSentPage()),
  );

  app.get(`${SET_PASSWORD_PATH}:token`, async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!TOKEN.test(token)) throw unusable();
    const link = await resets.findLive(hashSetPasswordToken(secret, token), platform.now());
    const user = link && (await platform.stores.users.findById(link.userId));
    if (!user?.active) throw unusable();
    const csrf = csrfFor(platform, request, reply, `set-password:${token}`);
    const action = `${SET_PASSWORD_PATH}${token}`;
    return reply
      .headers(PAGE_HEADERS)
      .send(setPasswordPage({ action, csrf, email: user.email, ...errorsOf(request) }));
  });

  app.post(`${SET_PASSWORD_PATH}:token`, async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!TOKEN.test(token)) throw unusable();
    const form = checkedForm(platform, request, `set-password:${token}`);
    const password = form.get('password') ?? '';
    const problem = checkNewPassword(password, form.get('confirmPassword') ?? '');
    const back = `${SET_PASSWORD_PATH}${token}`;
    if (problem) return seeOther(reply, `${back}?error=${problem}`);
    const tokenHash = hashSetPasswordToken(secret, token);
    if (!(await resets.findLive(tokenHash, platform.now()))) throw unusable();
    // Hashed before the link is used up, so a slow hash never leaves a used link and no password.
    const passwordHash = await hashPassword(password, platform.config.passwordHashCost);
    const now = platform.now();
    const userId = await platform.stores.transaction(async ({ passwordResets: store }) => {
      const link = await store.consume(tokenHash, now);
      if (!link) return null;
      await store.setPasswordAndReclaim(link.userId, passwordHash, now);
      return link.userId;
    });
    if (userId === null) throw unusable();
    const credentials = await platform.stores.credentials.findById(userId);
    // With 2FA on, an emailed link alone must not sign anyone in: they log in with password and code.
    if (credentials && credentials.totpSecret === null) {
      setCookie(platform, reply, 'session', await startSession(platform, userId), SESSION_TTL_SECONDS);
    } else {
      setCookie(platform, reply, 'session', '', 0);
    }
    return seeOther(reply, PASSWORD_SET_PATH);
  });

  registerTwoFactorRoutes(app, platform);
  registerAccountSignIn(app, platform);
  registerConnectedPartners(app, platform);

  app.get(PASSWORD_SET_PATH, async (request, reply) => {
    const signedIn = (await sessionUser(platform, readCookie(platform, request, 'session'))) !== null;
    return reply.headers(PAGE_HEADERS).send(passwordSetPage(signedIn, TWO_FACTOR_PATH));
  });
}
