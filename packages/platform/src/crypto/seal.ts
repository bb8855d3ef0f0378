import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM under a key derived (HKDF-SHA-256) from the server secret for one purpose: what the platform
 * must keep recoverable at rest (the webhook signing key, a partner's `state`). The purpose is also the
 * associated data, so a value sealed for one purpose never opens as another's; an optional `context` (the row
 * it belongs to) joins it, so a value copied to another row does not open there either.
 * Form: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
const aad = (purpose: string, context: string | undefined) =>
  Buffer.from(context === undefined ? purpose : `${purpose}\u0000${context}`);

function keyFor(serverSecret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, Buffer.alloc(0), `seal:${purpose}`, 32));
}

export function seal(serverSecret: Buffer, purpose: string, plaintext: string, context?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(serverSecret, purpose), iv);
  cipher.setAAD(aad(purpose, context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The plaintext; throws when the value was sealed under another secret, purpose or context, or was altered. */
export function unseal(serverSecret: Buffer, purpose: string, sealed: string, context?: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    keyFor(serverSecret, purpose),
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAAD(aad(purpose, context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
