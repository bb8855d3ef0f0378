import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import { linksIn } from '../views/mail-links.js';

const LIMIT = 100;

export { linksIn };

/** The outbox as `GET /_sandbox/outbox` shows it, newest first (the inspector's service, and the route's). */
export async function listOutbox(platform: Platform, to: string | null, limit = LIMIT) {
  const mails = await platform.stores.mailOutbox.list(to, limit);
  return mails.map((m) => ({
    id: m.id,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    links: linksIn(m.text),
    createdAt: m.createdAt.toISOString(),
    deliveredAt: m.deliveredAt?.toISOString() ?? null,
  }));
}

/**
 * `GET /_sandbox/outbox?to=EMAIL`: the mail the platform wrote, newest first (at most 100), whether delivered
 * or not, so partners and tests can follow emailed links without an SMTP server. Without `to`, every mail.
 */
export function registerSandboxOutbox(app: FastifyInstance, platform: Platform): void {
  app.get('/_sandbox/outbox', async (request) => {
    const { to } = request.query as Record<string, unknown>;
    if (to !== undefined && (typeof to !== 'string' || to.trim() === '')) {
      throw new ValidationError(400, [
        { code: 'BAD_REQUEST', message: 'to must be one email address', path: 'to', arguments: [] },
      ]);
    }
    return listOutbox(platform, typeof to === 'string' ? to.trim() : null);
  });
}
