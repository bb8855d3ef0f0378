import type { FastifyInstance, FastifyRequest } from 'fastify';
import { registrationCodeLimits } from '../auth/limits.js';
import { checkedUnderLock } from '../auth/throttle.js';
import type { Platform } from '../context.js';
import { HASH, hashClaimAccountCode, hashSecret } from '../crypto/hashes.js';
import { randomToken, safeEqual } from '../crypto/secrets.js';
import { InsufficientScope, TooManyRequests, ValidationError } from '../errors/errors.js';
import { requireUserToken } from '../http/bearer.js';
import { jsonObject } from '../http/json.js';
import { validated } from '../http/schema-errors.js';
import { claimAccountSchema } from './schemas/users.js';

/** Contract §7: a claim-account code is valid for 5 minutes. */
export const CLAIM_ACCOUNT_CODE_TTL_SECONDS = 5 * 60;

/** Contract §7 (ours): the registration code sent does not match the user of the token. */
export const REGISTRATION_CODE_MISMATCH = {
  status: 422,
  code: 'ERROR',
  message: 'The registration code does not match this user.',
  path: 'registrationCode',
} as const;

/** Contract §7 (ours): the person has already reclaimed the account; the partner must link it (§4). */
export const ACCOUNT_ALREADY_CLAIMED = {
  status: 409,
  code: 'ACCOUNT_ALREADY_CLAIMED',
  message: 'The owner has already claimed this account; link it through the authorization flow.',
} as const;

/** The registration code of the body, once the token is checked: its 400s are the schema's. */
function registrationCodeOf(request: FastifyRequest): string {
  const { registrationCode } = jsonObject(request.body) as { registrationCode: string };
  validated(request);
  return registrationCode;
}

/**
 * Contract §7, `POST /v1/user/claim-account`: with a user token from the registration-code grant of a user it
 * created, a partner proves the registration code once more and gets a code that sends the person to the
 * authorize page (`claim_account_code`) to secure the account. Errors, in the order they are checked:
 * client token or a token of another grant type or partner 403; registrationCode missing 400 NotNull (not a
 * string, 400 TypeMismatch); account already reclaimed 409 ACCOUNT_ALREADY_CLAIMED; wrong registration code
 * 422 ERROR on path registrationCode, the shape of the contract's other field-level 422 (§2); past the
 * registration-code limit (contract "Attempt limits", shared with the grant) 429 TOO_MANY_REQUESTS with
 * Retry-After, even for the right code.
 */
export function registerClaimAccountRoutes(app: FastifyInstance, platform: Platform): void {
  app.post('/v1/user/claim-account', { schema: claimAccountSchema }, async (request) => {
    const grant = await requireUserToken(platform, request);
    const user = await platform.stores.users.findById(grant.userId);
    if (grant.grantType !== 'registration_code' || !user || user.createdByClientId !== grant.clientId) {
      throw new InsufficientScope(
        'Claim-account needs a user token from the registration_code grant of a user this partner created.',
      );
    }
    const presented = registrationCodeOf(request);
    if (user.reclaimedAt !== null) {
      const { status, ...error } = ACCOUNT_ALREADY_CLAIMED;
      throw new ValidationError(status, [{ ...error, arguments: [] }]);
    }
    const { serverSecret } = platform.config;
    const presentedHash = hashSecret(serverSecret, HASH.registrationCode, presented);
    const { registrationCodeHash } = user;
    // Issue 12: the same counter as the registration_code grant (per client and email), compared under its
    // lock, so neither way of checking a code lets parallel guesses past the limit.
    const outcome = await checkedUnderLock(
      platform,
      registrationCodeLimits(platform, grant.clientId, user.email),
      () => registrationCodeHash !== null && safeEqual(presentedHash, registrationCodeHash),
    );
    if (!outcome.ok) {
      throw new TooManyRequests((outcome.retryAt.getTime() - platform.now().getTime()) / 1000);
    }
    if (!outcome.value) {
      const { status, ...error } = REGISTRATION_CODE_MISMATCH;
      throw new ValidationError(status, [{ ...error, arguments: [] }]);
    }
    const now = platform.now();
    const claimAccountCode = randomToken(32);
    await platform.stores.claimAccountCodes.create({
      codeHash: hashClaimAccountCode(serverSecret, claimAccountCode),
      clientId: grant.clientId,
      userId: user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CLAIM_ACCOUNT_CODE_TTL_SECONDS * 1000),
    });
    return { claimAccountCode };
  });
}
