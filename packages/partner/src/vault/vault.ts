import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { VaultKey } from '../config/config.js';

/**
 * The names of the secrets the vault holds. Each is bound into its ciphertext as associated data, together
 * with the customer id, so a ciphertext copied to another field or another customer's row fails to decrypt.
 */
export type SecretField = 'registration_code' | 'access_token' | 'refresh_token' | 'code_verifier';

export class VaultError extends Error {}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts the partner's recoverable secrets at rest (contract §10.1, architecture "Secrets at rest"):
 * AES-256-GCM, a fresh 96-bit IV per value, and a versioned envelope that names its key,
 * `v1.<keyId>.<iv b64url>.<ciphertext b64url>.<tag b64url>`. The newest key of the ring encrypts; every
 * key of the ring decrypts, so keys can be rotated without downtime (see `rotateVault`).
 */
export class Vault {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #current: VaultKey;

  constructor(keys: readonly VaultKey[]) {
    const first = keys[0];
    if (!first) throw new VaultError('the vault needs at least one key');
    for (const k of keys) if (k.key.length !== 32) throw new VaultError(`key ${k.id} is not 32 bytes`);
    this.#current = first;
    this.#keys = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** The id of the key new envelopes are made with. */
  get currentKeyId(): string {
    return this.#current.id;
  }

  encrypt(customerId: string, field: SecretField, plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(this.#current.id, customerId, field));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.#current.id, b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.');
  }

  decrypt(customerId: string, field: SecretField, envelope: string): string {
    const parts = envelope.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new VaultError('not a vault envelope');
    const [, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
    const key = this.#keys.get(keyId);
    if (!key) throw new VaultError(`the vault has no key "${keyId}"`);
    const ivBytes = Buffer.from(iv, 'base64url');
    const tagBytes = Buffer.from(tag, 'base64url');
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
      throw new VaultError('malformed envelope');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(keyId, customerId, field));
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      // Never say more: which part failed is of use only to an attacker.
      throw new VaultError('the envelope does not decrypt for this customer and field');
    }
  }

  /** The key id an envelope was made with (rotation skips envelopes already under the newest key). */
  static keyIdOf(envelope: string): string | undefined {
    const parts = envelope.split('.');
    return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
  }

  /** Whether an envelope needs re-encryption under the newest key. */
  isStale(envelope: string): boolean {
    return Vault.keyIdOf(envelope) !== this.#current.id;
  }
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}

/** Version, key id, customer id and field, JSON-encoded so no two tuples serialize alike. */
function associatedData(keyId: string, customerId: string, field: SecretField): Buffer {
  return Buffer.from(JSON.stringify([VERSION, keyId, customerId, field]), 'utf8');
}
