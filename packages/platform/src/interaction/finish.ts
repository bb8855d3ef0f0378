import type { Platform } from '../context.js';
import { HASH, hashSecret } from '../crypto/hashes.js';
import { openPartnerState } from '../crypto/partner-state.js';
import { randomToken } from '../crypto/secrets.js';
import { PageError } from '../errors/errors.js';
import { callbackUrl } from '../http/callback-url.js';
import type { InteractionRecord } from '../store/interactions.js';

/**
 * Ends an interaction whose steps are all done, once: the URL to send the browser to. Allow → a new code
 * bound to client, redirect_uri, user, profile and PKCE challenge; Deny → `access_denied`; a failure →
 * `server_error`, since client and redirect_uri are known good (contract §4). Null when another request
 * finished it first (a second tab, a reload): the caller shows the outcome (issue 13).
 */
export async function finishInteraction(
  platform: Platform,
  interaction: InteractionRecord,
  onError: (error: unknown) => void,
): Promise<string | null> {
  const now = platform.now();
  const state = partnerState(platform, interaction);
  const complete = () => platform.stores.interactions.complete(interaction.uid, now);
  if (interaction.delivery !== 'redirect' || interaction.redirectUri === null) {
    if (!(await complete())) return null;
    // A `display` delivery (contract §6) shows the code instead; it has its own finishing page.
    throw new PageError(400, 'This link cannot be used', 'This sign-in cannot return to the partner.');
  }
  const common = { state, iss: platform.config.issuer };
  if (interaction.decision !== 'allow') {
    if (!(await complete())) return null;
    return callbackUrl(interaction.redirectUri, {
      error: 'access_denied',
      error_description: 'The person declined to grant access.',
      ...common,
    });
  }
  const code = randomToken();
  try {
    // The interaction is completed by the statement that stores its code (issue 14: one, not two).
    if (!(await storeCode(platform, interaction, code, now))) return null;
  } catch (error) {
    onError(error);
    // As before the code was stored with the completion: a failed flow is over too, its reload shows that.
    if (!(await complete().catch(() => true))) return null;
    return callbackUrl(interaction.redirectUri, {
      error: 'server_error',
      error_description: 'Something went wrong on our side. Please try again.',
      ...common,
    });
  }
  return callbackUrl(interaction.redirectUri, {
    code,
    state,
    profileId: String(interaction.profileId),
    iss: platform.config.issuer,
  });
}

/**
 * Where a completed redirect interaction sends the browser (contract §4): its code on Allow, `access_denied`
 * on Deny. For the callback answered in one statement (interaction/at-once.ts), which stored that code.
 */
export function finishedLocation(
  platform: Platform,
  interaction: InteractionRecord,
  code: string | null,
): string {
  const state = partnerState(platform, interaction);
  const iss = platform.config.issuer;
  if (code === null || interaction.decision !== 'allow') {
    return callbackUrl(interaction.redirectUri!, {
      error: 'access_denied',
      error_description: 'The person declined to grant access.',
      state,
      iss,
    });
  }
  return callbackUrl(interaction.redirectUri!, {
    code,
    state,
    profileId: String(interaction.profileId),
    iss,
  });
}

/** The partner's state, unsealed; a stored value that does not open (altered, another secret) ends the flow. */
function partnerState(platform: Platform, interaction: InteractionRecord): string | null {
  try {
    return openPartnerState(platform.config.serverSecret, interaction.uid, interaction.sealedState);
  } catch {
    throw new PageError(400, 'This sign-in cannot be finished', 'Please start again from the partner’s app.');
  }
}

async function storeCode(platform: Platform, interaction: InteractionRecord, code: string, now: Date) {
  return platform.stores.authorizationCodes.createCompleting(
    interaction.uid,
    {
      codeHash: hashSecret(platform.config.serverSecret, HASH.authorizationCode, code),
      clientId: interaction.clientId,
      delivery: 'redirect',
      redirectUri: interaction.redirectUri!,
      userId: interaction.userId!,
      profileId: interaction.profileId!,
      codeChallenge: interaction.codeChallenge,
      expiresAt: new Date(now.getTime() + platform.config.tokens.authorizationCodeTtlSeconds * 1000),
    },
    now,
  );
}
