import { type FetchLike, WISE_WEBHOOK_PUBLIC_KEYS } from '@account-access/client';

/**
 * Where the key that signs deliveries comes from (contract §11): the configured PEM; Wise's published key
 * for Wise's own API hosts; otherwise the platform's, served at `GET {platformUrl}/v1/webhooks/public-key`
 * as `{"publicKey": "<PEM>"}`, fetched when first needed and kept (every platform instance on one database
 * signs with one key). A failed fetch is not kept, so the next delivery tries again.
 */
export interface WebhookKeySource {
  get(): Promise<string>;
}

/** Wise's hosts, old and new (contract "Hosts"), with the key each environment signs with. */
const WISE_HOSTS: Readonly<Record<string, string>> = {
  'api.wise.com': WISE_WEBHOOK_PUBLIC_KEYS.production,
  'api.transferwise.com': WISE_WEBHOOK_PUBLIC_KEYS.production,
  'api.wise-sandbox.com': WISE_WEBHOOK_PUBLIC_KEYS.sandbox,
  'api.sandbox.transferwise.tech': WISE_WEBHOOK_PUBLIC_KEYS.sandbox,
};

export function webhookKeySource(
  settings: { readonly publicKey: string | null; readonly apiUrl: string },
  fetchImpl: FetchLike = (input, init) => globalThis.fetch(input, init),
): WebhookKeySource {
  const fixed = settings.publicKey ?? WISE_HOSTS[new URL(settings.apiUrl).host];
  if (fixed) return { get: async () => fixed };
  let cached: Promise<string> | undefined;
  return {
    get() {
      cached ??= fetchPlatformKey(settings.apiUrl, fetchImpl).catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
      return cached;
    },
  };
}

async function fetchPlatformKey(apiUrl: string, fetchImpl: FetchLike): Promise<string> {
  const response = await fetchImpl(`${apiUrl}/v1/webhooks/public-key`, {
    method: 'GET',
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(5000),
  });
  const body = (await response.json().catch(() => null)) as { publicKey?: unknown } | null;
  if (!response.ok || typeof body?.publicKey !== 'string') {
    throw new Error(`GET /v1/webhooks/public-key answered ${response.status} without a publicKey`);
  }
  return body.publicKey;
}
