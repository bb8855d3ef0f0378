import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { keyedHash, safeEqual } from '../crypto/secrets.js';
import { PageError } from '../errors/errors.js';
import { HASH, hashSecret } from '../oauth/hashes.js';
import type { ClientRecord } from '../store/clients.js';
import type { InteractionRecord } from '../store/interactions.js';
import { readCookie } from './cookies.js';

export const interactionPath = (uid: string) => `/oauth/interaction/${encodeURIComponent(uid)}`;

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
    // Derived, not stored: the same on every instance, and useless without this browser's cookie.
    csrf: keyedHash(serverSecret, HASH.csrf, `${uid}:${browser}`),
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
  if (presented === undefined || !safeEqual(presented, flow.csrf)) {
    throw new PageError(
      403,
      'Please try again',
      'This form could not be checked (it may be from an old page). Reload the page and try again.',
    );
  }
}
