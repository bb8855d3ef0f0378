import type { Database } from '@account-access/db';
import type { RouteOptions } from 'fastify';
import { createApp } from './app.js';
import { loadPlatformConfig } from './config/config.js';
import { createPlatform } from './context.js';

/** The committed copy's server: the default local platform, so the file names no chosen port or host. */
export const DOCUMENT_ISSUER = 'http://localhost:4000';

/** The app is built to read its routes, never to answer: a query would mean a route ran at start. */
const NO_DATABASE: Database = {
  dialect: 'pglite',
  query: () => Promise.reject(new Error('the OpenAPI document is made without a database')),
  transaction: () => Promise.reject(new Error('the OpenAPI document is made without a database')),
  close: async () => {},
  poolStats: () => ({ total: 0, idle: 0, waiting: 0, max: 0 }),
};

/** `value` with every object's keys in code-point order: the same document always prints the same. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * The OpenAPI document of the fullest platform (sandbox on, metrics on the public port), from an app made
 * ready and never listening, without a database. `onRoute` is told of every route as it is registered.
 */
export async function openApiDocument(
  options: { onRoute?: (route: RouteOptions) => void } = {},
): Promise<Record<string, unknown>> {
  const config = loadPlatformConfig({
    env: {},
    overrides: {
      mode: 'development',
      issuer: DOCUMENT_ISSUER,
      sandbox: true,
      metrics: 'public',
      // Only hashes are keyed with it, and none is made here; a fixed value keeps the run reproducible.
      serverSecret: '0'.repeat(64),
      webhookPollSeconds: 0,
    },
  });
  const app = createApp(createPlatform(config, NO_DATABASE), {
    logStream: { write() {} },
    ...(options.onRoute ? { onRoute: options.onRoute } : {}),
  });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}

/**
 * The text of `docs/openapi.json` (`npm run openapi` writes it; a test checks the committed copy is
 * current): sorted keys, and no date, port or secret of a run.
 */
export async function openApiDocumentText(): Promise<string> {
  return `${JSON.stringify(sortedKeys(await openApiDocument()), null, 2)}\n`;
}
