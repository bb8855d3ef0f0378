import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AttemptFailure, checkPassword, checkSecondFactor } from '../auth/login.js';
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
import { attemptError, REUSED_CODE, WRONG_CODE } from '../views/attempt-errors.js';
import type { PageError } from '../views/layout.js';
import { ACCOUNT_FORM, checkedForm, seeOther, signedInUser } from './pages.js';

/** CSRF form names (http/csrf.ts). */
const SIGN_IN_FORM = 'account-sign-in';
const CODE_FORM = 'account-sign-in-code';

/** How long a checked password waits for its TOTP code. */
const PENDING_SECONDS = 10 * 60;

/**
 * Errors travel to the page after the 303 as a short name, never as what was typed; a limit's answer
 * (contract "Attempt limits") adds the tries left and the retry time, which the page rebuilds its message from.
 */
const MESSAGES: Record<string, { field: string; message: string }> = {
  missing: { field: 'email', message: 'Enter your email address and your password.' },
  invalid: { field: 'email', message: 'The email or password is not right. Check them and try again.' },
  empty: { field: 'code', message: 'Enter the 6-digit code from your authenticator app.' },
  reused: { field: 'code', message: REUSED_CODE },
  code: { field: 'code', message: WRONG_CODE },
};

function failureQuery(error: 'invalid' | 'code', failure: AttemptFailure): string {
  const query = new URLSearchParams({ error });
  if (failure.reason === 'throttled') {
    query.set('throttled', '1');
    query.set('retry', failure.retryAt.toISOString());
  } else {
    query.set('left', String(failure.triesLeft));
    query.set('lock', String(failure.lockSeconds));
    if (failure.nextAt) query.set('retry', failure.nextAt.toISOString());
  }
  return query.toString();
}

const errorsOf = (request: FastifyRequest): { errors?: PageError[] } => {
  const query = request.query as Record<string, unknown>;
  const key = query['error'];
  const found = typeof key === 'string' && Object.hasOwn(MESSAGES, key) ? MESSAGES[key] : undefined;
  if (!found) return {};
  const retry = typeof query['retry'] === 'string' ? new Date(query['retry']) : null;
  const retryAt = retry && !Number.isNaN(retry.getTime()) ? retry : null;
  if (query['throttled'] === '1' && retryAt)
    return {
      errors: [attemptError(found.field, found.message, { ok: false, reason: 'throttled', retryAt })],
    };
  const left = Number(query['left']);
  if (!Number.isInteger(left) || left < 0) return { errors: [found] };
  // An absent or altered lock length only leaves the lock's length unsaid.
  const lock = Number(query['lock']);
  const lockSeconds = Number.isInteger(lock) && lock > 0 ? lock : 0;
  const failure = { ok: false, reason: 'invalid', triesLeft: left, lockSeconds, nextAt: retryAt } as const;
  return { errors: [attemptError(found.field, found.message, failure)] };
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
    if (!result.ok) return seeOther(reply, `${ACCOUNT_SIGN_IN_PATH}?${failureQuery('invalid', result)}`);
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
    const result = await checkSecondFactor(platform, userId, user?.email ?? '', code);
    if (!result.ok && result.reason === 'reused') return back('reused');
    if (!result.ok) return seeOther(reply, `${ACCOUNT_SIGN_IN_CODE_PATH}?${failureQuery('code', result)}`);
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
