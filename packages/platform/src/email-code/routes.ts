import type { FastifyInstance } from 'fastify';
import { endSession, sessionUser } from '../auth/sessions.js';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { randomToken } from '../crypto/secrets.js';
import { PageError } from '../errors/errors.js';
import { ensureBrowser, readCookie, setCookie } from '../http/cookies.js';
import { INTERACTION_TTL_SECONDS, interactionPath } from '../http/hosted.js';
import { PAGE_HEADERS } from '../http/page-headers.js';
import { EMAIL_LINK_PATH, hashEmailLinkToken } from '../mail/email-code.js';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

const unusable = () =>
  new PageError(
    410,
    'This link has already been used or has expired',
    'For your safety, each emailed link works once and only for 30 minutes. Nothing was shared with the partner. If you still want to connect, ask the partner app to send you a new email.',
  );

/**
 * Contract §6: `GET /oauth/email-code/{token}` uses the emailed link up (once, within 30 minutes) and starts a
 * `display` interaction for the partner that asked, bound to the person the email was sent to. A different
 * person signed in on this browser is signed out first: the link is not theirs.
 */
export function registerEmailCodeRoutes(app: FastifyInstance, platform: Platform): void {
  app.get(`${EMAIL_LINK_PATH}:token`, async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!TOKEN.test(token)) throw unusable();
    const now = platform.now();
    const link = await platform.stores.emailAuthorizations.consume(
      hashEmailLinkToken(platform.config.serverSecret, token),
      now,
    );
    if (!link) throw unusable();
    const user = await platform.stores.users.findById(link.userId);
    if (!user?.active) throw unusable();
    const browser = ensureBrowser(platform, request, reply);
    const sessionToken = readCookie(platform, request, 'session');
    let signedIn = await sessionUser(platform, sessionToken);
    if (signedIn !== null && signedIn !== link.userId) {
      await endSession(platform, sessionToken);
      setCookie(platform, reply, 'session', '', 0);
      signedIn = null;
    }
    const uid = randomToken();
    await platform.stores.interactions.create(
      {
        uid,
        browserHash: hashSecret(platform.config.serverSecret, HASH.browser, browser),
        clientId: link.clientId,
        entry: 'email',
        delivery: 'display',
        redirectUri: null,
        sealedState: null,
        codeChallenge: null,
        expectedUserId: link.userId,
        userId: signedIn,
        passwordAt: signedIn === null ? null : now,
        secondFactorAt: signedIn === null ? null : now,
        expiresAt: new Date(now.getTime() + INTERACTION_TTL_SECONDS * 1000),
      },
      now,
    );
    return reply.headers(PAGE_HEADERS).redirect(interactionPath(uid), 302);
  });
}
