import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';

const LIMIT = 100;
const LINK = /\bhttps?:\/\/[^\s<>"']+/g;

/** Every http(s) link in a mail's text part, in order, each once. */
export function linksIn(text: string): string[] {
  // A sentence may end right after a link; its full stop is not part of it.
  return [...new Set((text.match(LINK) ?? []).map((link) => link.replace(/[.,;:!?)]+$/, '')))];
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
    const mails = await platform.stores.mailOutbox.list(typeof to === 'string' ? to.trim() : null, LIMIT);
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
  });
}
