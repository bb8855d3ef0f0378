import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { csrfFor } from '../http/csrf.js';
import { unstorable } from '../http/form.js';
import {
  ACCOUNT_PATH,
  ACCOUNT_SIGN_IN_PATH,
  ACCOUNT_SIGN_OUT_PATH,
  DISCONNECT_PATH,
  TWO_FACTOR_PATH,
} from '../http/hosted.js';
import { PAGE_HEADERS } from '../http/page-headers.js';
import { profileName } from '../profiles/index.js';
import { type ConnectedPartner, confirmDisconnectPage, connectedPartnersPage } from '../views/account.js';
import { ACCOUNT_FORM, checkedForm, seeOther, signedInUser } from './pages.js';

/**
 * The partners a person has connected: one entry per client with a live grant (issue 12 "Disconnect"),
 * since its oldest live grant, with every profile those grants may see (the rule of
 * `ProfileStore.listForGrant`, contract §5, §8).
 */
export async function connectedPartners(platform: Platform, userId: number): Promise<ConnectedPartner[]> {
  const grants = await platform.stores.grants.listLiveForUser(userId, platform.now());
  const byClient = new Map<string, ConnectedPartner & { seen: Set<number> }>();
  for (const grant of grants) {
    let partner = byClient.get(grant.clientId);
    if (!partner) {
      partner = {
        clientId: grant.clientId,
        name: grant.clientName,
        since: grant.createdAt,
        profiles: [],
        seen: new Set(),
      };
      byClient.set(grant.clientId, partner);
    }
    for (const profile of await platform.stores.profiles.listForGrant(grant)) {
      if (partner.seen.has(profile.id)) continue;
      partner.seen.add(profile.id);
      partner.profiles.push({ name: profileName(profile), type: profile.type });
    }
  }
  return [...byClient.values()].map(({ seen: _seen, ...partner }) => partner);
}

/**
 * Disconnects a partner: every live grant of this person with that client is revoked, with all its access
 * and refresh tokens (`GrantStore.revoke`, the one revocation of the platform), in one transaction. The
 * partner learns on its next call (401 `invalid_token`, then `invalid_grant` on refresh, contract §5, §10.8):
 * Wise documents no webhook for it. Revoking twice is harmless, so concurrent disconnects agree.
 */
export async function disconnectPartner(
  platform: Platform,
  userId: number,
  clientId: string,
): Promise<number> {
  const now = platform.now();
  return platform.stores.transaction(async (stores) => {
    const live = (await stores.grants.listLiveForUser(userId, now)).filter((g) => g.clientId === clientId);
    for (const grant of live) await stores.grants.revoke(grant.grantId, now);
    return live.length;
  });
}

const confirmHref = (clientId: string) => `${DISCONNECT_PATH}?clientId=${encodeURIComponent(clientId)}`;

/** A client id from the query or the form; what no database text can hold (a NUL) names no client. */
const usable = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' && !unstorable(value) ? value : undefined;

const queryValue = (request: FastifyRequest, name: string) =>
  usable((request.query as Record<string, unknown>)[name]);

/**
 * `GET /account`: the connected partners, each with Disconnect; `GET /account/disconnect?clientId=` asks
 * once more (one question per page); `POST /account/disconnect` (CSRF) revokes, then 303 back to the list,
 * which confirms what happened (post/redirect/get). Signed out, every page sends the person to sign in.
 */
export function registerConnectedPartners(app: FastifyInstance, platform: Platform): void {
  app.get(ACCOUNT_PATH, async (request, reply) => {
    const user = await signedInUser(platform, request);
    if (!user) return seeOther(reply, ACCOUNT_SIGN_IN_PATH);
    const partners = await connectedPartners(platform, user.id);
    // The confirmation names a partner only when it truly is no longer connected.
    const gone = queryValue(request, 'disconnected');
    const client =
      gone && !partners.some((p) => p.clientId === gone) ? await platform.stores.clients.find(gone) : null;
    return reply.headers(PAGE_HEADERS).send(
      connectedPartnersPage({
        email: user.email,
        partners,
        ...(client ? { disconnected: client.name } : {}),
        confirmHref,
        signOutAction: ACCOUNT_SIGN_OUT_PATH,
        twoFactorHref: TWO_FACTOR_PATH,
        csrf: csrfFor(platform, request, reply, ACCOUNT_FORM),
      }),
    );
  });

  app.get(DISCONNECT_PATH, async (request, reply) => {
    const user = await signedInUser(platform, request);
    if (!user) return seeOther(reply, ACCOUNT_SIGN_IN_PATH);
    const clientId = queryValue(request, 'clientId');
    const partner = (await connectedPartners(platform, user.id)).find((p) => p.clientId === clientId);
    // Already disconnected (another tab, Back after disconnecting) or never connected: the list says so.
    if (!partner) return seeOther(reply, ACCOUNT_PATH);
    return reply.headers(PAGE_HEADERS).send(
      confirmDisconnectPage({
        partner,
        action: DISCONNECT_PATH,
        cancelHref: ACCOUNT_PATH,
        csrf: csrfFor(platform, request, reply, ACCOUNT_FORM),
      }),
    );
  });

  app.post(DISCONNECT_PATH, async (request, reply) => {
    const form = checkedForm(platform, request, ACCOUNT_FORM);
    const user = await signedInUser(platform, request);
    if (!user) return seeOther(reply, ACCOUNT_SIGN_IN_PATH);
    const clientId = usable(form.get('clientId'));
    if (!clientId) return seeOther(reply, ACCOUNT_PATH);
    await disconnectPartner(platform, user.id, clientId);
    return seeOther(reply, `${ACCOUNT_PATH}?disconnected=${encodeURIComponent(clientId)}`);
  });
}
