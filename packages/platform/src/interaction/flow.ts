import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { safeEqual } from '../crypto/secrets.js';
import { PageError } from '../errors/errors.js';
import { readCookie } from '../http/cookies.js';
import { csrfFor, requireCsrf } from '../http/csrf.js';
import { interactionPath } from '../http/hosted.js';
import type { ClientRecord } from '../store/clients.js';
import type { InteractionRecord } from '../store/interactions.js';

/** Everything a step sees of one request in one interaction. */
export interface Flow {
  platform: Platform;
  request: FastifyRequest;
  reply: FastifyReply;
  interaction: InteractionRecord;
  client: ClientRecord;
  /** The CSRF token of this interaction in this browser: every form carries it. */
  csrf: string;
  paths: { page: string; step(name: string): string; signOut: string; callback: string };
}

const gone = (title: string, message: string) => new PageError(400, title, message);

/**
 * Loads an interaction for this browser. The interaction lives in the database, so any platform instance can
 * serve any page of it; it is bound to the browser cookie, so a leaked page URL is useless elsewhere.
 */
export async function loadFlow(
  platform: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
  uid: string,
): Promise<Flow> {
  const interaction = await platform.stores.interactions.find(uid);
  if (!interaction) {
    throw new PageError(404, 'This page has expired', 'We could not find this sign-in. It may be too old.');
  }
  const browser = readCookie(platform, request, 'browser');
  const { serverSecret } = platform.config;
  if (!browser || !safeEqual(hashSecret(serverSecret, HASH.browser, browser), interaction.browserHash)) {
    throw new PageError(
      403,
      'Start again from the partner',
      'This sign-in was started in another browser, or your browser did not keep our cookie.',
    );
  }
  if (interaction.completedAt !== null) throw gone('This sign-in is finished', 'You have already answered.');
  if (interaction.expiresAt.getTime() <= platform.now().getTime()) {
    throw gone('This page has expired', 'You took longer than an hour to finish connecting.');
  }
  const client = await platform.stores.clients.find(interaction.clientId);
  if (!client) throw gone('This link cannot be used', 'The partner is no longer registered.');
  const page = interactionPath(uid);
  return {
    platform,
    request,
    reply,
    interaction,
    client,
    // Bound to this interaction and this browser's cookie (http/csrf.ts).
    csrf: csrfFor(platform, request, reply, uid),
    paths: {
      page,
      step: (name) => `${page}/${name}`,
      signOut: `${page}/signout`,
      callback: `${page}/callback`,
    },
  };
}

/** Rejects a form without this interaction's CSRF token: 403, nothing changed. */
export function checkCsrf(flow: Flow, presented: string | undefined): void {
  requireCsrf(flow.platform, flow.request, flow.interaction.uid, presented);
}
