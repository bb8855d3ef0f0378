import type { Platform } from '@account-access/platform';

/**
 * Parts of the platform its package entry does not export (client registration, the keyed hash and the
 * token generator), loaded from beside the entry the package resolves to: the compiled `dist/` when run
 * as the benchmark runs, the sources under `--conditions=source`. Typed here by their signatures.
 */
export interface PlatformInternals {
  registerClient(
    platform: Platform,
    registration: { name: string; redirectUris: string[]; clientId?: string; clientSecret?: string },
  ): Promise<{ clientId: string; clientSecret: string | null }>;
  randomToken(bytes?: number): string;
  keyedHash(serverSecret: Buffer, purpose: string, value: string): string;
  safeEqual(a: string, b: string): boolean;
  hashSecret(serverSecret: Buffer, purpose: string, value: string): string;
  HASH: Record<'clientSecret' | 'accessToken' | 'refreshToken' | 'registrationCode', string>;
}

async function sibling(path: string): Promise<Record<string, unknown>> {
  const entry = import.meta.resolve('@account-access/platform');
  return import(new URL(path, entry).href);
}

export async function platformInternals(): Promise<PlatformInternals> {
  const [clients, secrets, hashes] = await Promise.all([
    sibling('./clients.js'),
    sibling('./crypto/secrets.js'),
    sibling('./oauth/hashes.js'),
  ]);
  const internals = { ...clients, ...secrets, ...hashes } as unknown as PlatformInternals;
  for (const name of ['registerClient', 'randomToken', 'keyedHash', 'safeEqual', 'hashSecret'] as const) {
    if (typeof internals[name] !== 'function') throw new Error(`The platform no longer provides ${name}.`);
  }
  return internals;
}
