import { isUniqueViolation } from '@account-access/db';
import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { groupShortCode, newShortCode } from '../crypto/short-code.js';
import { sealShownCode } from '../crypto/shown-code.js';
import { PageError } from '../errors/errors.js';
import { profileName } from '../profiles/index.js';
import type { InteractionRecord } from '../store/interactions.js';
import { notGrantedPage, shownCodePage } from '../views/email-code.js';

/**
 * Ends a `display` interaction (contract §6, and §4 `forwardingMode=showCode`), once: Allow → a short code
 * bound to client, user and profile (and, for showCode, the redirect_uri and PKCE challenge of the
 * authorization request), shown on the page; Deny → a page saying the partner was not given access. The
 * code is kept sealed to `browser` (crypto/shown-code.ts), so a reload there shows it again (issue 13). Null
 * when another request finished it first: the caller shows the outcome.
 */
export async function finishDisplayInteraction(
  platform: Platform,
  interaction: InteractionRecord,
  browser: string,
): Promise<string | null> {
  const now = platform.now();
  const client = await platform.stores.clients.find(interaction.clientId);
  if (!client) throw new PageError(400, 'This link cannot be used', 'The partner is no longer registered.');
  if (!(await platform.stores.interactions.complete(interaction.uid, now))) return null;
  if (interaction.decision !== 'allow') return notGrantedPage(client.name, interaction.entry === 'email');
  const ttl = platform.config.tokens.authorizationCodeTtlSeconds;
  const code = await storeShortCode(platform, interaction, now, new Date(now.getTime() + ttl * 1000));
  const { serverSecret } = platform.config;
  await platform.stores.interactions.update(interaction.uid, {
    sealedCode: sealShownCode(serverSecret, interaction.uid, browser, code),
  });
  const profile = await platform.stores.profiles.findById(interaction.profileId!);
  return shownCodePage({
    partnerName: client.name,
    code: groupShortCode(code),
    profileName: profile ? profileName(profile) : 'your profile',
    validMinutes: Math.round(ttl / 60),
  });
}

/** 31^8 codes make a clash unlikely; should one happen, the unique key refuses it and another is drawn. */
async function storeShortCode(platform: Platform, i: InteractionRecord, now: Date, expiresAt: Date) {
  for (let attempt = 0; ; attempt++) {
    const code = newShortCode();
    try {
      await platform.stores.authorizationCodes.create(
        {
          codeHash: hashSecret(platform.config.serverSecret, HASH.authorizationCode, code),
          clientId: i.clientId,
          delivery: 'display',
          // An emailed link has neither; forwardingMode=showCode binds both, as a redirect would (contract §4).
          redirectUri: i.redirectUri,
          userId: i.userId!,
          profileId: i.profileId!,
          codeChallenge: i.codeChallenge,
          expiresAt,
        },
        now,
      );
      return code;
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}
