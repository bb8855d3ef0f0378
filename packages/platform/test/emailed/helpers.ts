import assert from 'node:assert/strict';
import { clientToken, registrationCode, signup } from '../mail/helpers.js';
import {
  actionOf,
  csrfOf,
  get,
  type PageClient,
  type PageResponse,
  type TestPlatform,
} from '../support/index.js';

/** The newest link in the newest mail to `to` in the sandbox outbox, as a path on the platform. */
export async function newestLink(p: TestPlatform, to: string): Promise<string> {
  const mails = (await get(`${p.url}/_sandbox/outbox?to=${encodeURIComponent(to)}`)).body;
  assert.ok(mails.length > 0, `no mail to ${to}`);
  const url = new URL(mails[0].links[0]);
  return url.pathname + url.search;
}

export async function mailCount(p: TestPlatform, to: string): Promise<number> {
  return (await get(`${p.url}/_sandbox/outbox?to=${encodeURIComponent(to)}`)).body.length;
}

/** A partner asks for an emailed code for an existing `email` (contract §6): the 409 with the mail sent. */
export async function askForEmailedCode(
  p: TestPlatform,
  client: { clientId: string; clientSecret: string },
  email: string,
): Promise<string> {
  const token = await clientToken(p, client);
  const res = await signup(p, token, {
    email,
    registrationCode: registrationCode(),
    sendAuthorizationCodeAsEmail: true,
  });
  assert.equal(res.status, 409);
  return newestLink(p, email);
}

export interface Walk {
  email?: string;
  password?: string;
  decision?: 'allow' | 'deny';
  newPassword?: string;
}

/**
 * Follows the hosted pages from `location` until the flow ends: returns the last response (the shown-code
 * page, a redirect to the partner, or an error page).
 */
export async function walk(browser: PageClient, location: string, o: Walk): Promise<PageResponse> {
  let res = await browser.get(location);
  for (let i = 0; i < 10; i++) {
    if (res.status === 302 || res.status === 303) {
      const next = res.location!;
      if (!next.startsWith('/')) return res;
      res = await browser.get(next);
      continue;
    }
    if (res.status !== 200 || !res.text.includes('<form method="post"')) return res;
    const csrf = csrfOf(res.text);
    const action = actionOf(res.text);
    let posted: PageResponse;
    if (action.endsWith('/login'))
      posted = await browser.post(action, { csrf, email: o.email ?? '', password: o.password ?? '' });
    else if (action.endsWith('/secure-account'))
      posted = await browser.post(action, {
        csrf,
        password: o.newPassword ?? '',
        confirmPassword: o.newPassword ?? '',
      });
    else if (action.endsWith('/profile')) {
      const id = /name="profileId" value="(\d+)"[^>]* checked/.exec(res.text)?.[1];
      posted = await browser.post(action, { csrf, profileId: id ?? '' });
    } else if (action.endsWith('/consent'))
      posted = await browser.post(action, { csrf, decision: o.decision ?? 'allow' });
    else return res;
    assert.equal(posted.status, 303);
    res = await browser.get(posted.location!);
    // The same form again means the step refused the answer: the caller looks at the page.
    if (res.status === 200 && res.text.includes('error-summary') && actionOf(res.text) === action) return res;
  }
  throw new Error('the flow did not finish');
}

/** The code on the shown-code page, as displayed (`XXXX-XXXX`). */
export function shownCode(html: string): string {
  const match = /<p class="shown-code"[^>]*>([^<]+)<\/p>/.exec(html);
  assert.ok(match, 'no code on the page');
  return match[1]!;
}
