import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { groupShortCode } from '../crypto/short-code.js';
import { openShownCode } from '../crypto/shown-code.js';
import { profileName } from '../profiles/index.js';
import { notGrantedPage, shownCodePage } from '../views/email-code.js';
import { flowOutcomePage, type ShownCodeState } from '../views/flow-outcome.js';
import type { Finished } from './flow.js';

/** A web redirect_uri's site, for the outcome page's way back; none for a custom-scheme deep link. */
function siteOf(uri: string | null): string | null {
  if (uri === null) return null;
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || url.protocol === 'http:' ? `${url.origin}/` : null;
  } catch {
    return null;
  }
}

/**
 * What a finished interaction shows when it is visited again (issue 13): its outcome, never an error. Only
 * the browser that finished it sees the profile's name, and, for a `display` flow, the code again while it is
 * valid (contract §6: unused and unexpired), unsealed with that browser's cookie.
 */
export async function outcomePage(platform: Platform, { finished: i, browser }: Finished): Promise<string> {
  const partnerName = (await platform.stores.clients.find(i.clientId))?.name ?? 'the partner';
  const emailed = i.entry === 'email';
  const allowed = i.decision === 'allow';
  if (i.delivery === 'display' && !allowed) return notGrantedPage(partnerName, emailed);
  const profile =
    browser !== null && i.profileId !== null ? await platform.stores.profiles.findById(i.profileId) : null;
  const shared = profile ? profileName(profile) : null;
  let code: ShownCodeState | undefined;
  if (i.delivery === 'display') {
    const { serverSecret } = platform.config;
    const shown = openShownCode(serverSecret, i.uid, browser, i.sealedCode);
    if (shown === null) code = 'elsewhere';
    else {
      const now = platform.now().getTime();
      const row = await platform.stores.authorizationCodes.find(
        hashSecret(serverSecret, HASH.authorizationCode, shown),
      );
      if (row && row.consumedAt === null && row.expiresAt.getTime() > now) {
        return shownCodePage({
          partnerName,
          code: groupShortCode(shown),
          profileName: shared ?? 'your profile',
          validMinutes: Math.max(1, Math.ceil((row.expiresAt.getTime() - now) / 60_000)),
        });
      }
      code = row?.consumedAt ? 'used' : 'expired';
    }
  }
  return flowOutcomePage({
    partnerName,
    allowed,
    profileName: shared,
    partnerHref: i.delivery === 'redirect' ? siteOf(i.redirectUri) : null,
    emailed,
    ...(code ? { code } : {}),
  });
}
