import { registrationCodeLimits } from '../../auth/limits.js';
import { checkedUnderLock, refusedAttempt } from '../../auth/throttle.js';
import { HASH, hashSecret } from '../../crypto/hashes.js';
import { safeEqual } from '../../crypto/secrets.js';
import { InvalidGrant, UnauthorizedClient } from '../../errors/errors.js';
import { emailKey } from '../../store/users.js';
import { issueUserTokens } from '../tokens.js';
import type { Grant } from './grant.js';

/**
 * Contract §3: user tokens from the registration code the partner chose at signup. Repeatable, so partners
 * can regenerate lost tokens, until the person reclaims the account. Every failure answers the same
 * `invalid_grant` so the response tells nothing about which part was wrong.
 */
export const registrationCode: Grant = {
  grantType: 'registration_code',
  // Wise's request names client_id with email and registration_code, and every example sends it
  // (https://docs.wise.com/api-reference/user-tokens): missing → 400 invalid_request; one that is not the
  // authenticated client → 401 invalid_client (client-auth.ts).
  parameters: {
    properties: {
      client_id: { type: 'string', description: 'The partner’s client id, as Wise’s request names it.' },
      email: { type: 'string', description: 'The new user’s email.' },
      registration_code: {
        type: 'string',
        description: 'The code the partner made for the user at signup (40+ characters).',
      },
    },
    required: ['client_id', 'email', 'registration_code'],
  },
  async handler({ platform, client, params }) {
    if (client.isPublic)
      throw new UnauthorizedClient('Public clients cannot use the registration_code grant.');
    const email = params.require('email');
    // Issue 12: guesses per client and email, compared under the counter's lock (auth/throttle.ts).
    const limits = registrationCodeLimits(platform, client.clientId, email);
    const user = await platform.stores.users.findByEmailKey(emailKey(email));
    const presented = hashSecret(
      platform.config.serverSecret,
      HASH.registrationCode,
      params.require('registration_code'),
    );
    const outcome = await checkedUnderLock(
      platform,
      limits,
      () =>
        user !== null &&
        user.createdByClientId === client.clientId &&
        // A DEACTIVATED account gets no new tokens (contract "Verification").
        user.active &&
        user.reclaimedAt === null &&
        user.registrationCodeHash !== null &&
        safeEqual(presented, user.registrationCodeHash),
    );
    if (!outcome.ok) {
      throw refusedAttempt(
        (when) => new InvalidGrant(`Too many failed attempts for this user. ${when}`, 429),
        outcome.retryAt,
        platform.now(),
      );
    }
    if (!outcome.value || !user) {
      throw new InvalidGrant(
        'Invalid user credentials.',
        platform.config.compat.registrationCodeFailureStatus,
      );
    }
    // Profiles the partner creates with these tokens are visible to its registration-code grants (contract §5).
    const { body } = await issueUserTokens(platform, {
      client,
      userId: user.id,
      grantType: 'registration_code',
      profileIds: [],
    });
    return body;
  },
};
