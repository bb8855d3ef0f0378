import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkPassword, checkSecondFactor } from '../auth/login.js';
import { endSession, SESSION_TTL_SECONDS, startSession } from '../auth/sessions.js';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { safeEqual } from '../crypto/secrets.js';
import { readCookie, setCookie } from '../http/cookies.js';
import { csrfFor } from '../http/csrf.js';
import {
  ACCOUNT_PATH,
  ACCOUNT_SIGN_IN_CODE_PATH,
  ACCOUNT_SIGN_IN_PATH,
  ACCOUNT_SIGN_OUT_PATH,
  ACCOUNT_SIGNED_OUT_PATH,
  FORGOT_PASSWORD_PATH,
} from '../http/hosted.js';
import { PAGE_HEADERS } from '../http/page-headers.js';
import { accountCodePage, accountSignInPage, signedOutPage } from '../views/account.js';
import { ACCOUNT_FORM, checkedForm, seeOther, signedInUser } from './pages.js';

/** CSRF form names (http/csrf.ts). */
const SIGN_IN_FORM = 'account-sign-in';
const CODE_FORM = 'account-sign-in-code';

/** How long a checked password waits for its TOTP code. */
const PENDING_SECONDS = 10 * 60;

/** Errors travel to the page after the 303 as a short name, never as what was typed. */
const MESSAGES: Record<string, { field: string; message: string }> = {
  missing: { field: 'email', message: 'Enter your email address and your password.' },
  invalid: { field: 'email', message: 'The email or password is not right. Check them and try again.' },
  throttled: { field: 'email', message: 'Too many attempts. Wait 15 minutes, then try again.' },
  empty: { field: 'code', message: 'Enter the 6-digit code from your authenticator app.' },
  code: {
    field: 'code',
    message: 'That code is not right, or was already used. Enter the newest code from your app.',
  },
  'code-throttled': { field: 'code', message: 'Too many attempts. Wait 15 minutes, then try again.' },
};

const errorsOf = (request: FastifyRequest) => {
  const key = (request.query as Record<string, unknown>)['error'];
  const found = typeof key === 'string' && Object.hasOwn(MESSAGES, key) ? MESSAGES[key] : undefined;
  return found ? { errors: [found] } : {};
};

/**
 * The `pending` cookie: `userId-expiry-mac`, the mac a keyed hash over both and this browser's cookie, so
 * it is useless in another browser, cannot be forged or prolonged, and needs no row. It proves only that
 * the password was right: the session starts once the TOTP code is right too.
 */
function pendingValue(platform: Platform, browser: string, userId: number, expiry: number): string {
  const mac = hashSecret(platform.config.serverSecret, HASH.accountPending, `${userId}:${expiry}:${browser}`);
  return `${userId}-${expiry}-${mac}`;
}

function pendingUser(platform: Platform, request: FastifyRequest): number | null {
  const value = readCookie(platform, request, 'pending');
  const browser = readCookie(platform, request, 'browser');
  const match = value && /^(\d{1,12})-(\d{1,12})-/.exec(value);
  if (!match || !browser) return null;
  const userId = Number(match[1]);
  const expiry = Number(match[2]);
  if (expiry * 1000 <= platform.now().getTime()) return null;
  return safeEqual(value, pendingValue(platform, browser, userId, expiry)) ? userId : null;
}

async function signIn(platform: Platform, reply: FastifyReply, userId: number) {
  setCookie(platform, reply, 'pending', '', 0);
  setCookie(platform, reply, 'session', await startSession(platform, userId), SESSION_TTL_SECONDS);
  return seeOther(reply, ACCOUNT_PATH);
}

/**
 * Signing in on the account pages, outside any partner's flow (issue 12 "Disconnect"): email and password,
 * then the TOTP code when the person has turned it on (RFC 6238), with the same checks and limits as the
 * hosted login (auth/login.ts). Post/redirect/get throughout.
 */
export function registerAccountSignIn(app: FastifyInstance, platform: Platform): void {
  app.get(ACCOUNT_SIGN_IN_PATH, async (request, reply) => {
    if (await signedInUser(platform, request)) return seeOther(reply, ACCOUNT_PATH);
    const csrf = csrfFor(platform, request, reply, SIGN_IN_FORM);
    return reply.headers(PAGE_HEADERS).send(
      accountSignInPage({
        action: ACCOUNT_SIGN_IN_PATH,
        csrf,
        forgotHref: FORGOT_PASSWORD_PATH,
        ...errorsOf(request),
      }),
    );
  });

  app.post(ACCOUNT_SIGN_IN_PATH, async (request, reply) => {
    const form = checkedForm(platform, request, SIGN_IN_FORM);
    const email = form.get('email')?.trim() ?? '';
    const password = form.get('password') ?? '';
    const back = (error: string) => seeOther(reply, `${ACCOUNT_SIGN_IN_PATH}?error=${error}`);
    if (!email || !password) return back('missing');
    const result = await checkPassword(platform, email, password, request.ip);
    if (!result.ok) return back(result.reason);
    if (!result.needsSecondFactor) return signIn(platform, reply, result.userId);
    const browser = readCookie(platform, request, 'browser')!;
    const expiry = Math.floor(platform.now().getTime() / 1000) + PENDING_SECONDS;
    setCookie(
      platform,
      reply,
      'pending',
      pendingValue(platform, browser, result.userId, expiry),
      PENDING_SECONDS,
    );
    return seeOther(reply, ACCOUNT_SIGN_IN_CODE_PATH);
  });

  app.get(ACCOUNT_SIGN_IN_CODE_PATH, async (request, reply) => {
    if (pendingUser(platform, request) === null) return seeOther(reply, ACCOUNT_SIGN_IN_PATH);
    const csrf = csrfFor(platform, request, reply, CODE_FORM);
    return reply
      .headers(PAGE_HEADERS)
      .send(accountCodePage({ action: ACCOUNT_SIGN_IN_CODE_PATH, csrf, ...errorsOf(request) }));
  });

  app.post(ACCOUNT_SIGN_IN_CODE_PATH, async (request, reply) => {
    const form = checkedForm(platform, request, CODE_FORM);
    const userId = pendingUser(platform, request);
    if (userId === null) return seeOther(reply, ACCOUNT_SIGN_IN_PATH);
    const code = form.get('code') ?? '';
    const back = (error: string) => seeOther(reply, `${ACCOUNT_SIGN_IN_CODE_PATH}?error=${error}`);
    if (!code.trim()) return back('empty');
    const user = await platform.stores.users.findById(userId);
    const result = await checkSecondFactor(platform, userId, user?.email ?? '', code, request.ip);
    if (!result.ok) return back(result.reason === 'throttled' ? 'code-throttled' : 'code');
    return signIn(platform, reply, userId);
  });

  app.post(ACCOUNT_SIGN_OUT_PATH, async (request, reply) => {
    checkedForm(platform, request, ACCOUNT_FORM);
    await endSession(platform, readCookie(platform, request, 'session'));
    setCookie(platform, reply, 'session', '', 0);
    return seeOther(reply, ACCOUNT_SIGNED_OUT_PATH);
  });

  app.get(ACCOUNT_SIGNED_OUT_PATH, async (_request, reply) =>
    reply.headers(PAGE_HEADERS).send(signedOutPage(ACCOUNT_SIGN_IN_PATH)),
  );
}
