import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject, sign } from 'node:crypto';
import { promisify } from 'node:util';
import type { Platform } from '../context.js';
import { seal, unseal } from '../crypto/seal.js';

/**
 * The key that signs every webhook (https://docs.wise.com/guides/developer/webhooks/event-handling
 * "Signature header": RSA, SHA-256 digest of the body, Base64 in X-Signature-SHA256).
 */
export interface SigningKey {
  /** SPKI PEM, as `GET /v1/webhooks/public-key` serves it. */
  readonly publicKey: string;
  /** Base64 of the RSA PKCS#1 v1.5 SHA-256 signature of exactly these bytes. */
  sign(body: Buffer): string;
}

const SEAL_PURPOSE = 'webhook-signing-key';
const generate = promisify(generateKeyPair);
const keys = new WeakMap<Platform, Promise<SigningKey>>();

function fromPrivate(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { publicKey, sign: (body) => sign('sha256', body, privateKey).toString('base64') };
}

/**
 * The configured key (production may give one, PEM), else the one kept in the database: the first instance
 * to start makes it, seals the private key under the server secret and stores it; a racing instance keeps
 * the winner's (`WebhookKeyStore.keep`), so every instance on one database signs with the same key.
 */
async function load(platform: Platform): Promise<SigningKey> {
  const { config, stores } = platform;
  if (config.webhookSigningKey) return fromPrivate(createPrivateKey(config.webhookSigningKey));
  let stored = await stores.webhookKeys.find();
  if (!stored) {
    const pair = await generate('rsa', { modulusLength: 2048 });
    const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    stored = await stores.webhookKeys.keep(
      {
        publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        sealedPrivateKey: seal(config.serverSecret, SEAL_PURPOSE, pem),
      },
      platform.now(),
    );
  }
  return fromPrivate(createPrivateKey(unseal(config.serverSecret, SEAL_PURPOSE, stored.sealedPrivateKey)));
}

/** The platform's signing key, loaded once per platform (a failed load is tried again next time). */
export function signingKey(platform: Platform): Promise<SigningKey> {
  let key = keys.get(platform);
  if (!key) {
    key = load(platform);
    keys.set(platform, key);
    key.catch(() => keys.delete(platform));
  }
  return key;
}
