import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { randomToken } from '../crypto/secrets.js';

/** How long a sign-in on the platform's pages lasts: a second partner link the same day skips the login. */
export const SESSION_TTL_SECONDS = 12 * 3600;

const hashToken = (platform: Platform, token: string) =>
  hashSecret(platform.config.serverSecret, HASH.session, token);

/**
 * A new session, not yet stored: the token for the cookie and the row to write (only its keyed hash is
 * stored), for a caller that writes it with other things in one statement (issue 14: a hosted login).
 */
export function newSession(platform: Platform, userId: number) {
  const token = randomToken();
  const now = platform.now();
  return {
    token,
    row: {
      tokenHash: hashToken(platform, token),
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_SECONDS * 1000),
    },
  };
}

/** Starts a session; returns the token for the cookie (only its keyed hash is stored). */
export async function startSession(platform: Platform, userId: number): Promise<string> {
  const token = randomToken();
  const now = platform.now();
  await platform.stores.sessions.create(
    hashToken(platform, token),
    userId,
    now,
    new Date(now.getTime() + SESSION_TTL_SECONDS * 1000),
  );
  return token;
}

export function sessionUser(platform: Platform, token: string | undefined): Promise<number | null> {
  return token
    ? platform.stores.sessions.findUser(hashToken(platform, token), platform.now())
    : Promise.resolve(null);
}

export async function endSession(platform: Platform, token: string | undefined): Promise<void> {
  if (token) await platform.stores.sessions.remove(hashToken(platform, token));
}
