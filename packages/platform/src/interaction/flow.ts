import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { safeEqual } from '../crypto/secrets.js';
import { PageError } from '../errors/errors.js';
import { readCookie } from '../http/cookies.js';
import { csrfFor, requireCsrf } from '../http/csrf.js';
import { interactionPath } from '../http/hosted.js';
import type { ClientRecord } from '../store/clients.js';
import type { InteractionRecord, InteractionUpdate, SignInWrites } from '../store/interactions.js';
import type { ProfileRecord } from '../store/profiles.js';

/** Everything a step sees of one request in one interaction. */
export interface Flow {
  platform: Platform;
  request: FastifyRequest;
  reply: FastifyReply;
  interaction: InteractionRecord;
  client: ClientRecord;
  /** The person's profiles as the load read them (issue 14: with the interaction), none before the login. */
  profiles: ProfileRecord[];
  /** The browser cookie this interaction is bound to (a finished display flow seals its code to it). */
  browser: string;
  /** The CSRF token of this interaction in this browser: every form carries it. */
  csrf: string;
  paths: { page: string; step(name: string): string; signOut: string; callback: string };
  /** The interaction as this request's last `saveInteraction` left it (null before any): what `reloaded` returns. */
  saved: InteractionRecord | null;
}

const gone = (title: string, message: string) => new PageError(400, title, message);

/** A finished interaction: what its reload shows (any browser), and this browser's cookie when it finished it. */
export interface Finished {
  finished: InteractionRecord;
  /** This request's browser cookie when it is the one the interaction is bound to; else null. */
  browser: string | null;
}

/**
 * Loads an interaction for this browser. The interaction lives in the database, so any platform instance can
 * serve any page of it; it is bound to the browser cookie, so a leaked page URL is useless elsewhere. A
 * finished one is returned as `Finished` (issue 13: its reload shows the outcome, never a 400); its page tells
 * another browser only the outcome.
 */
export async function loadFlow(
  platform: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
  uid: string,
): Promise<Flow | Finished> {
  // Issue 14: the interaction and its client (read fresh, never cached) in one statement.
  const found = await platform.stores.interactions.findWithClient(uid);
  if (!found) {
    throw new PageError(404, 'This page has expired', 'We could not find this sign-in. It may be too old.');
  }
  const { interaction, client, profiles } = found;
  const cookie = readCookie(platform, request, 'browser');
  const { serverSecret } = platform.config;
  const browser =
    cookie && safeEqual(hashSecret(serverSecret, HASH.browser, cookie), interaction.browserHash)
      ? cookie
      : null;
  if (interaction.completedAt !== null) return { finished: interaction, browser };
  if (browser === null) {
    throw new PageError(
      403,
      'Start again from the partner',
      'This sign-in was started in another browser, or your browser did not keep our cookie.',
    );
  }
  if (interaction.expiresAt.getTime() <= platform.now().getTime()) {
    throw gone('This page has expired', 'You took longer than an hour to finish connecting.');
  }
  if (!client) throw gone('This link cannot be used', 'The partner is no longer registered.');
  return flowOf(platform, request, reply, { interaction, client, profiles }, browser);
}

/** The flow of a live interaction read (or written) for this browser. */
export function flowOf(
  platform: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
  {
    interaction,
    client,
    profiles,
  }: { interaction: InteractionRecord; client: ClientRecord; profiles: ProfileRecord[] },
  browser: string,
): Flow {
  const uid = interaction.uid;
  const page = interactionPath(uid);
  return {
    platform,
    request,
    reply,
    interaction,
    client,
    profiles,
    browser,
    // Bound to this interaction and this browser's cookie (http/csrf.ts).
    csrf: csrfFor(platform, request, reply, uid),
    paths: {
      page,
      step: (name) => `${page}/${name}`,
      signOut: `${page}/signout`,
      callback: `${page}/callback`,
    },
    saved: null,
  };
}

/**
 * A step's change to its interaction, remembered as the flow's `saved` state; with `also`, a sign-in's slots
 * given back and its session started in the same statement (`InteractionStore.update`).
 */
export async function saveInteraction(
  flow: Flow,
  change: InteractionUpdate,
  also?: SignInWrites,
): Promise<void> {
  const saved = await flow.platform.stores.interactions.update(flow.interaction.uid, change, also);
  if (saved) flow.saved = saved;
}

/**
 * The same flow with its interaction as a step's form left it: as its last `saveInteraction` returned it
 * (issue 14: no second read), else read again. It only picks the page the browser is sent to next, which reads
 * the interaction afresh.
 */
export async function reloaded(flow: Flow): Promise<Flow> {
  if (flow.saved) return { ...flow, interaction: flow.saved };
  const interaction = await flow.platform.stores.interactions.find(flow.interaction.uid);
  return interaction ? { ...flow, interaction } : flow;
}

/** Rejects a form without this interaction's CSRF token: 403, nothing changed. */
export function checkCsrf(flow: Flow, presented: string | undefined): void {
  requireCsrf(flow.platform, flow.request, flow.interaction.uid, presented);
}
