import { newSession, SESSION_TTL_SECONDS, startSession } from '../../auth/sessions.js';
import { setCookie } from '../../http/cookies.js';
import type { Flow } from '../flow.js';

/**
 * Login and 2FA are both done: the browser gets a platform session, so the next partner link skips them. The
 * row is for the caller's `saveInteraction` to write (issue 14: with the interaction, in one statement); the
 * cookie is set now, and names nothing until that write succeeds.
 */
export function browserSession(flow: Flow, userId: number) {
  const { token, row } = newSession(flow.platform, userId);
  setCookie(flow.platform, flow.reply, 'session', token, SESSION_TTL_SECONDS);
  return row;
}

/** A platform session written on its own (2FA, a claim's new password), its cookie set. */
export async function startBrowserSession(flow: Flow, userId: number): Promise<void> {
  const token = await startSession(flow.platform, userId);
  setCookie(flow.platform, flow.reply, 'session', token, SESSION_TTL_SECONDS);
}
