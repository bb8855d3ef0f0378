import { SESSION_TTL_SECONDS, startSession } from '../../auth/sessions.js';
import { setCookie } from '../../http/cookies.js';
import type { Flow } from '../flow.js';

/** Login and 2FA are both done: the browser gets a platform session, so the next partner link skips them. */
export async function startBrowserSession(flow: Flow, userId: number): Promise<void> {
  const token = await startSession(flow.platform, userId);
  setCookie(flow.platform, flow.reply, 'session', token, SESSION_TTL_SECONDS);
}
