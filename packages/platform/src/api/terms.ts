import { createHash } from 'node:crypto';
import { escapeHtml } from '@account-access/kit';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { ValidationError } from '../errors/errors.js';
import { termsSchema } from './schemas/users.js';

/** The general terms: `GET /v1/terms/default` (contract §7). */
export const DEFAULT_TERMS = 'default';
const UPDATED = '1 November 2026';
const CLIENT_ID = /^[A-Za-z0-9._~-]{1,100}$/;

const STYLE = `body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;line-height:1.6;color:#1d2125;background:#fff}
main{max-width:42rem;margin:0 auto;padding:2rem 1.25rem}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 .5rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem}
p.meta{color:#454745;margin:0 0 1.5rem}
a{color:#163300}
@media (prefers-color-scheme:dark){body{background:#121511;color:#e8ebe6}p.meta{color:#b8bdb5}a{color:#9fe870}}`;

// The page's only style is inline; its hash lets the Content-Security-Policy forbid everything else.
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'public, max-age=300',
  'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const SECTIONS: [string, string[]][] = [
  [
    'Your account',
    [
      'Your account is yours. You may use it through our website and through the partners you choose to connect to it.',
      'Keep your password and your two-factor device to yourself. Tell us at once if you think someone else has used your account.',
    ],
  ],
  [
    'Partners',
    [
      'A partner may create an account for you, with your agreement, and act on it through our API on your behalf. A partner sees only the profiles you grant it access to.',
      'You can take over an account a partner created for you at any time by setting a password on our website. From then on, the partner needs your permission again to act on it.',
    ],
  ],
  [
    'Your data',
    [
      'We use your details to run your account, to verify your identity as the law requires, and to share with a partner only what you allow it to see.',
    ],
  ],
  [
    'Ending',
    [
      'You may withdraw a partner’s access or close your account whenever you like. We may close an account that is used against these terms or the law.',
    ],
  ],
];

function termsPage(platformName: string, partnerName: string | null): string {
  const platform = escapeHtml(platformName);
  const title = partnerName
    ? `${platform} terms for customers of ${escapeHtml(partnerName)}`
    : `${platform} terms of use`;
  const intro = partnerName
    ? `<p>${escapeHtml(partnerName)} offers you an account on ${platform}. These terms apply between you and ${platform}; ${escapeHtml(partnerName)}’s own terms cover what it does for you.</p>`
    : `<p>These terms apply between you and ${platform} whenever you use your account.</p>`;
  const sections = SECTIONS.map(
    ([heading, paragraphs]) =>
      `<section><h2>${escapeHtml(heading)}</h2>\n${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}</section>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p class="meta">Last updated ${UPDATED}</p>
${intro}
${sections}
</main>
</body>
</html>
`;
}

/**
 * Contract §7: `GET /v1/terms/{clientId}`, no authentication. The general terms for `default`, the terms as a
 * partner's customers see them for a known client, and a 404 (validation family) for any other id.
 */
export function registerTermsRoutes(app: FastifyInstance, platform: Platform): void {
  app.get('/v1/terms/:clientId', { schema: termsSchema }, async (request, reply) => {
    const { clientId } = request.params as { clientId: string };
    let partnerName: string | null = null;
    if (clientId !== DEFAULT_TERMS) {
      // Only a well-formed client id (clients.ts) can name a client; anything else is not looked up.
      const client = CLIENT_ID.test(clientId) ? await platform.stores.clients.find(clientId) : null;
      if (!client) {
        throw new ValidationError(404, [
          {
            code: 'NOT_FOUND',
            message: 'There are no terms for this client.',
            path: 'clientId',
            arguments: [],
          },
        ]);
      }
      partnerName = client.name;
    }
    reply.headers(HEADERS);
    return termsPage(platform.config.platformName, partnerName);
  });
}
