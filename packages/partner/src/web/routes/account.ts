import { isRelinkRequired } from '@account-access/client';
import type { FastifyInstance } from 'fastify';
import type { Partner } from '../../context.js';
import { pageError } from '../errors.js';
import { send, signedInPage } from '../pages.js';
import { accountPage } from '../views.js';

type WiseName = { kind: 'none' } | { kind: 'name'; name: string } | { kind: 'unreachable' };

/**
 * The name the linked customer has at Wise, read with the central token store: this is where tokens are
 * refreshed ahead of expiry, recovered from the registration code, or found dead, which marks the customer
 * as needing to link again (contract §10.8) before the page is drawn.
 */
async function wiseName(partner: Partner, customerId: string): Promise<WiseName> {
  const link = await partner.stores.links.get(customerId);
  if (link?.state !== 'linked' || !link.wiseProfileId) return { kind: 'none' };
  const profileId = link.wiseProfileId;
  try {
    const profile = await partner.tokens.withAccessToken(customerId, (token) =>
      partner.client.getProfile(token, profileId, { timeoutMs: 5000 }),
    );
    return { kind: 'name', name: String(profile['fullName'] ?? profile['businessName'] ?? '') };
  } catch (error) {
    return isRelinkRequired(error) ? { kind: 'none' } : { kind: 'unreachable' };
  }
}

function notice(busy: boolean, wise: WiseName, provider: string): string | undefined {
  if (wise.kind === 'unreachable')
    return `We could not reach ${provider} just now; what you see may be out of date.`;
  return busy
    ? `We are still working on your ${provider} account. This page shows where it stands.`
    : undefined;
}

/**
 * The notice of the page: what the query asks to report, only when the link says it is so (after
 * Disconnect, post/redirect/get; after connecting, the callback's or a form's redirect, issue 13 item 2).
 */
function pageNotice(query: Record<string, unknown>, state: string, wise: WiseName, provider: string) {
  const asked = (name: string) => typeof query[name] === 'string';
  if (asked('disconnected') && state === 'disconnected') {
    const disconnected = `You disconnected your ${provider} account. Demo Bank can no longer see or act on it.`;
    return { notice: disconnected, noticeKind: 'ok' as const };
  }
  const warning = notice(asked('busy'), wise, provider);
  if (warning) return { notice: warning };
  if (asked('connected') && state === 'linked')
    return { notice: `Your ${provider} account is connected.`, noticeKind: 'ok' as const };
  return {};
}

/**
 * The account page: the Wise status, the profile's verification state as the last webhook reported it
 * (contract §11), the terms link for new users, the bank's own record.
 */
export function accountRoutes(app: FastifyInstance, partner: Partner): void {
  app.get('/account', async (request, reply) => {
    const { ctx, customer } = await signedInPage(partner, request, reply);
    const wise = await wiseName(partner, customer.id);
    const link = await partner.stores.links.get(customer.id);
    if (!link) throw pageError('no_link_record');
    const verification = link.wiseProfileId
      ? await partner.stores.webhooks.verification(link.wiseProfileId)
      : null;
    return send(
      reply,
      accountPage(ctx, customer, link, {
        termsUrl: partner.client.termsUrl(),
        ...pageNotice(request.query as Record<string, unknown>, link.state, wise, ctx.provider),
        wiseName: wise.kind === 'name' ? wise.name : null,
        verification,
      }),
    );
  });
}
