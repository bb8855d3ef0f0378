import type { Platform } from '../context.js';
import type { SeedUser, SeedUserStep } from '../seed.js';
import { hashPassword } from './passwords.js';
import { decodeBase32 } from './totp.js';
import { sealTotpSecret } from './totp-seal.js';

/**
 * Seeds what the hosted pages need of a person: a password (argon2id), a TOTP seed (sealed) and the
 * sandbox's 111111 option (seed file: `{"email","password","totpSecret"?,"sandboxTotp"?}`). Profiles are
 * `seedProfiles`' step, applied after this one.
 */
export const seedCredentials: SeedUserStep = async (platform: Platform, userId: number, user: SeedUser) => {
  const { credentials } = platform.stores;
  if (user.password)
    await credentials.setPassword(
      userId,
      await hashPassword(user.password, platform.config.passwordHashCost),
    );
  if (user.totpSecret) {
    const sealed = sealTotpSecret(platform.config.serverSecret, userId, decodeBase32(user.totpSecret));
    await credentials.setTotpSecret(userId, sealed);
  }
  if (user.sandboxTotp) await credentials.setSandboxTotp(userId, true);
};
