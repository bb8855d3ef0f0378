import { csrfValid } from '@account-access/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { randomToken } from '../crypto/secrets.js';
import { readCookie } from '../http/cookies.js';
import type { FormParams } from '../http/form.js';
import type { AtOnceChange } from '../store/interaction-at-once.js';
import { finishedLocation } from './finish.js';
import { flowOf } from './flow.js';
import { currentPath } from './policy.js';

/**
 * Issue 14: the common answers of the profile and consent forms and of the callback, each in one statement
 * (store/interaction-at-once.ts: the interaction's read folded into its write, under the policy's rule in
 * SQL). Null whenever that does not apply (another browser, a finished or expired flow, another step, a form
 * with errors, a display delivery, a failure): the route then takes the ordinary way, which says why.
 */

/** This browser's cookie and its keyed hash, or null. */
function browserOf(platform: Platform, request: FastifyRequest) {
  const browser = readCookie(platform, request, 'browser');
  return browser ? { browser, hash: hashSecret(platform.config.serverSecret, HASH.browser, browser) } : null;
}

function changeOf(step: string, form: FormParams): AtOnceChange | null {
  if (step === 'consent') {
    const decision = form.get('decision');
    return decision === 'allow' || decision === 'deny' ? { step, decision } : null;
  }
  const chosen = form.get('profileId');
  if (step !== 'profile' || chosen === undefined || !/^[1-9]\d{0,9}$/.test(chosen)) return null;
  return { step, profileId: Number(chosen) };
}

/** A profile or consent form applied at once: where the browser goes next, or null. */
export async function answerAtOnce(
  platform: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
  uid: string,
  step: string,
  form: FormParams | null,
): Promise<string | null> {
  const browser = browserOf(platform, request);
  if (!browser || !form) return null;
  if (!csrfValid(platform.config.serverSecret, `${uid}:${browser.browser}`, form.get('csrf'))) return null;
  const change = changeOf(step, form);
  if (!change) return null;
  const answered = await platform.stores.interactions.answer(uid, browser.hash, change, platform.now());
  if (!answered) return null;
  return currentPath(flowOf(platform, request, reply, { ...answered, profiles: [] }, browser.browser));
}

/** The callback in one statement: the partner's URL with the code (or `access_denied`), or null. */
export async function finishAtOnce(
  platform: Platform,
  request: FastifyRequest,
  uid: string,
): Promise<string | null> {
  const browser = browserOf(platform, request);
  if (!browser) return null;
  const now = platform.now();
  const code = randomToken();
  const finished = await platform.stores.interactions
    .finish(
      uid,
      browser.hash,
      {
        codeHash: hashSecret(platform.config.serverSecret, HASH.authorizationCode, code),
        expiresAt: new Date(now.getTime() + platform.config.tokens.authorizationCodeTtlSeconds * 1000),
      },
      now,
    )
    // A failure changed nothing: the ordinary way finishes the flow and tells the partner (`server_error`).
    .catch((err: unknown) => {
      request.log.warn({ err }, 'callback in one statement failed');
      return null;
    });
  return finished && finishedLocation(platform, finished, finished.decision === 'allow' ? code : null);
}
