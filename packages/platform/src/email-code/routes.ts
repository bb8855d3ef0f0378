import type { FastifyInstance, FastifyReply } from 'fastify';
import { endSession, sessionUser } from '../auth/sessions.js';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { randomToken, safeEqual } from '../crypto/secrets.js';
import { PageError } from '../errors/errors.js';
import { ensureBrowser, readCookie, setCookie } from '../http/cookies.js';
import { ACCOUNT_PATH, INTERACTION_TTL_SECONDS, interactionPath } from '../http/hosted.js';
import { PAGE_HEADERS } from '../http/page-headers.js';
import { EMAIL_LINK_PATH, hashEmailLinkToken } from '../mail/email-code.js';
import { profileName } from '../profiles/index.js';
import { alreadyAllowedPage, notGrantedPage } from '../views/email-code.js';

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
 * person signed in on this browser is signed out first: the link is not theirs. The link keeps the
 * interaction's uid (same transaction), so opening it again can say what happened (`usedLink`).
 */
export function registerEmailCodeRoutes(app: FastifyInstance, platform: Platform): void {
  app.get(`${EMAIL_LINK_PATH}:token`, async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!TOKEN.test(token)) throw unusable();
    const now = platform.now();
    const tokenHash = hashEmailLinkToken(platform.config.serverSecret, token);
    const browser = ensureBrowser(platform, request, reply);
    const sessionToken = readCookie(platform, request, 'session');
    const current = await sessionUser(platform, sessionToken);
    const uid = randomToken();
    const link = await platform.stores.transaction(async (stores) => {
      const link = await stores.emailAuthorizations.consume(tokenHash, now);
      if (!link || !(await stores.users.findById(link.userId))?.active) return null;
      const signedIn = current === link.userId ? current : null;
      await stores.interactions.create(
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
      await stores.emailAuthorizations.attachInteraction(link.id, uid);
      return link;
    });
    if (!link) return usedLink(platform, reply, tokenHash, browser);
    if (current !== null && current !== link.userId) {
      await endSession(platform, sessionToken);
      setCookie(platform, reply, 'session', '', 0);
    }
    return reply.headers(PAGE_HEADERS).redirect(interactionPath(uid), 302);
  });
}

/**
 * Issue 13, item 3: the link opened again says what became of it. Allowed → nothing more to do; denied →
 * nothing was shared; a flow still open in this browser → back to it; otherwise (expired, never used, opened
 * elsewhere, purged) the usual 410, whose "nothing was shared" is then true: no code was issued.
 */
async function usedLink(platform: Platform, reply: FastifyReply, tokenHash: string, browser: string) {
  const link = await platform.stores.emailAuthorizations.find(tokenHash);
  const interaction = link?.interactionUid
    ? await platform.stores.interactions.find(link.interactionUid)
    : null;
  const client = interaction && (await platform.stores.clients.find(interaction.clientId));
  if (!interaction || !client) throw unusable();
  if (interaction.completedAt !== null && interaction.decision === 'allow') {
    const profile = await platform.stores.profiles.findById(interaction.profileId!);
    return reply.headers(PAGE_HEADERS).send(
      alreadyAllowedPage({
        partnerName: client.name,
        profileName: profile ? profileName(profile) : 'your profile',
        accountHref: ACCOUNT_PATH,
      }),
    );
  }
  if (interaction.completedAt !== null)
    return reply.headers(PAGE_HEADERS).send(notGrantedPage(client.name, true));
  const sameBrowser = safeEqual(
    hashSecret(platform.config.serverSecret, HASH.browser, browser),
    interaction.browserHash,
  );
  if (sameBrowser && interaction.expiresAt > platform.now())
    return reply.headers(PAGE_HEADERS).redirect(interactionPath(interaction.uid), 302);
  throw unusable();
}
