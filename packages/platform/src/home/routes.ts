import { readFileSync } from 'node:fs';
import { FAVICON_CACHE_CONTROL, FAVICONS } from '@account-access/kit';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../context.js';
import { NotFound } from '../errors/errors.js';
import { PAGE_HEADERS } from '../http/page-headers.js';
import { contractPage, landingPage } from '../views/landing.js';
import { LOCAL_TIME_SCRIPT, LOCAL_TIME_SCRIPT_PATH } from '../views/local-time.js';

export const CONTRACT_PATH = '/docs/contract';
/** Issue 15's machine-readable description; linked only once a route serves it. */
const API_DESCRIPTION_PATH = '/openapi.json';
const API_REFERENCE_PATH = '/docs';
const INSPECTOR_PATH = '/_sandbox';

/**
 * The repository's contract (docs/wise-contract.md), read once at start from beside the package (src/ and
 * dist/ sit at the same depth), so a fresh clone shows it offline. Null when the platform runs without its
 * repository around it: the page is then not served and not linked.
 */
function readContract(): string | null {
  try {
    return readFileSync(new URL('../../../../docs/wise-contract.md', import.meta.url), 'utf8');
  } catch {
    return null;
  }
}

/**
 * `GET /`, the landing page (issue 11), `GET /docs/contract`, the icon the platform shares with the
 * bank (`/favicon.svg`, `/favicon.ico`: issue 13 item 8), and the hosted pages' one script (item 5), served
 * like the stylesheet.
 */
export function registerHomeRoutes(app: FastifyInstance, platform: Platform): void {
  const contract = readContract();
  for (const [path, icon] of Object.entries(FAVICONS)) {
    app.get(path, async (_request, reply) =>
      reply.header('cache-control', FAVICON_CACHE_CONTROL).type(icon.type).send(icon.body),
    );
  }

  app.get(LOCAL_TIME_SCRIPT_PATH, async (_request, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(LOCAL_TIME_SCRIPT),
  );

  app.get('/', async (request, reply) => {
    // A version prefix (`/2026Q3/`) is rewritten to `/`: that is no page of ours, so the usual 404.
    const asked = request.originalUrl.split('?')[0] ?? '';
    if (asked !== '/') throw new NotFound(`There is no GET ${asked}.`);
    return reply.headers(PAGE_HEADERS).send(
      landingPage({
        issuer: platform.config.issuer,
        sandbox: platform.config.sandbox,
        mode: platform.config.mode,
        links: {
          inspector: platform.config.sandbox ? INSPECTOR_PATH : null,
          contract: contract === null ? null : CONTRACT_PATH,
          apiDescription: app.hasRoute({ method: 'GET', url: API_DESCRIPTION_PATH })
            ? API_DESCRIPTION_PATH
            : null,
          apiReference: app.hasRoute({ method: 'GET', url: API_REFERENCE_PATH }) ? API_REFERENCE_PATH : null,
        },
      }),
    );
  });

  if (contract !== null) {
    app.get(CONTRACT_PATH, async (_request, reply) =>
      reply.headers(PAGE_HEADERS).send(contractPage(contract)),
    );
  }
}
