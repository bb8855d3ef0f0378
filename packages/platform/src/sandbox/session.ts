import { randomBytes } from 'node:crypto';
import { safeEqual } from '@account-access/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { readCookie, setCookie } from '../http/cookies.js';

/** The inspector login lasts a working day; logging out, or a new sandbox key, ends it sooner. */
export const SANDBOX_SESSION_SECONDS = 12 * 3600;

const PAYLOAD_CHARS = 30; // 6 bytes of expiry + 16 random bytes, base64url
const MAC_CHARS = 43; // HMAC-SHA-256, base64url

function mac(platform: Platform, key: string, payload: string): string {
  // Keyed with the server secret and bound to the sandbox key: a cookie made under an old key stops working.
  return hashSecret(platform.config.serverSecret, HASH.sandboxSession, `${key}\0${payload}`);
}

/**
 * A signed, self-contained login cookie on the kit's codec (an opaque base64url value): its expiry and a
 * random id, then their MAC. Nothing is stored, so every instance accepts it. Times are wall-clock
 * milliseconds, not the platform's (possibly advanced) sandbox clock: advancing the clock must not log
 * the inspector out.
 */
export function sandboxSessionValue(platform: Platform, key: string, nowMs: number): string {
  const payload = Buffer.alloc(22);
  payload.writeUIntBE(Math.floor(nowMs / 1000) + SANDBOX_SESSION_SECONDS, 0, 6);
  randomBytes(16).copy(payload, 6);
  const text = payload.toString('base64url');
  return text + mac(platform, key, text);
}

/** Whether `value` is a login cookie made under the current sandbox key and not yet expired at `nowMs`. */
export function validSandboxSession(platform: Platform, value: string | undefined, nowMs: number): boolean {
  const key = platform.config.sandboxKey;
  if (key === null || value === undefined || value.length !== PAYLOAD_CHARS + MAC_CHARS) return false;
  const payload = value.slice(0, PAYLOAD_CHARS);
  if (!safeEqual(value.slice(PAYLOAD_CHARS), mac(platform, key, payload))) return false;
  const expires = Buffer.from(payload, 'base64url').readUIntBE(0, 6);
  return expires * 1000 > nowMs;
}

export function readSandboxSession(platform: Platform, request: FastifyRequest, nowMs: number): boolean {
  return validSandboxSession(platform, readCookie(platform, request, 'sandbox'), nowMs);
}

export function startSandboxSession(platform: Platform, reply: FastifyReply, key: string): void {
  setCookie(
    platform,
    reply,
    'sandbox',
    sandboxSessionValue(platform, key, Date.now()),
    SANDBOX_SESSION_SECONDS,
  );
}

export function endSandboxSession(platform: Platform, reply: FastifyReply): void {
  setCookie(platform, reply, 'sandbox', '', 0);
}
