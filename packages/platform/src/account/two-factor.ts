import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionUser } from '../auth/sessions.js';
import { encodeBase32, matchTotp } from '../auth/totp.js';
import { sealTotpSecret } from '../auth/totp-seal.js';
import type { Platform } from '../context.js';
import { readCookie } from '../http/cookies.js';
import { csrfFor, requireCsrf } from '../http/csrf.js';
import { FormParams } from '../http/form.js';
import { ACCOUNT_SIGN_IN_PATH, TWO_FACTOR_PATH } from '../http/hosted.js';
import { PAGE_HEADERS } from '../http/page-headers.js';
import { signInFirstPage, twoFactorOnPage, twoFactorSetupPage } from '../views/two-factor.js';

/**
 * The seed offered to this session: derived from the server secret and the session token, so the page and its
 * form agree on every instance without storing a seed nobody has confirmed yet.
 */
function pendingSeed(platform: Platform, sessionToken: string, userId: number): Buffer {
  return createHmac('sha256', platform.config.serverSecret)
    .update(`totp-setup:${userId}:${sessionToken}`)
    .digest()
    .subarray(0, 20);
}

/** The CSRF form name of the two-factor page (http/csrf.ts). */
const CSRF_FORM = 'two-factor';

async function signedIn(platform: Platform, request: FastifyRequest) {
  const token = readCookie(platform, request, 'session');
  const userId = await sessionUser(platform, token);
  return token && userId !== null ? { token, userId } : null;
}

async function render(platform: Platform, request: FastifyRequest, reply: FastifyReply, error?: string) {
  const session = await signedIn(platform, request);
  if (!session) return reply.code(401).headers(PAGE_HEADERS).send(signInFirstPage(ACCOUNT_SIGN_IN_PATH));
  const credentials = await platform.stores.credentials.findById(session.userId);
  if (credentials?.totpSecret) return reply.headers(PAGE_HEADERS).send(twoFactorOnPage());
  const user = await platform.stores.users.findById(session.userId);
  const secret = encodeBase32(pendingSeed(platform, session.token, session.userId));
  const label = `${platform.config.platformName}:${user?.email ?? ''}`;
  const otpauthUri = `otpauth://totp/${encodeURIComponent(label)}?secret=${secret}&issuer=${encodeURIComponent(platform.config.platformName)}&algorithm=SHA1&digits=6&period=30`;
  const csrf = csrfFor(platform, request, reply, CSRF_FORM);
  return reply.headers(PAGE_HEADERS).send(
    twoFactorSetupPage({
      email: user?.email ?? '',
      secret: secret.match(/.{1,4}/g)!.join(' '),
      otpauthUri,
      action: TWO_FACTOR_PATH,
      csrf,
      ...(error ? { errors: [{ field: 'code', message: error }] } : {}),
    }),
  );
}

/**
 * Contract §7: "then may enable 2FA". `GET /account/two-factor` offers a TOTP seed to a person signed in on
 * the platform; the form turns it on once a code from it is right (RFC 6238, that step then used up).
 */
export function registerTwoFactorRoutes(app: FastifyInstance, platform: Platform): void {
  app.get(TWO_FACTOR_PATH, (request, reply) => render(platform, request, reply, errorOf(request)));

  app.post(TWO_FACTOR_PATH, async (request, reply) => {
    const form = request.body instanceof FormParams ? request.body : null;
    requireCsrf(platform, request, CSRF_FORM, form?.get('csrf'));
    const session = await signedIn(platform, request);
    if (!session) return reply.headers(PAGE_HEADERS).redirect(TWO_FACTOR_PATH, 303);
    const seed = pendingSeed(platform, session.token, session.userId);
    const step = matchTotp(seed, (form?.get('code') ?? '').replace(/\s/g, ''), platform.now());
    if (step === null) return reply.headers(PAGE_HEADERS).redirect(`${TWO_FACTOR_PATH}?error=code`, 303);
    const { credentials } = platform.stores;
    await credentials.setTotpSecret(
      session.userId,
      sealTotpSecret(platform.config.serverSecret, session.userId, seed),
    );
    // The code just typed is used up: it cannot also pass a login.
    await credentials.acceptTotpStep(session.userId, step);
    return reply.headers(PAGE_HEADERS).redirect(TWO_FACTOR_PATH, 303);
  });
}

function errorOf(request: FastifyRequest): string | undefined {
  return (request.query as Record<string, unknown>)['error'] === 'code'
    ? 'That code is not right. Enter the newest 6-digit code from your app.'
    : undefined;
}
