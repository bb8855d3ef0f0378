import type { Platform } from '../context.js';
import { emailKey } from '../store/users.js';
import type { Limit } from './throttle.js';

// The limits of each kind of guess at one person's secrets (contract "Attempt limits"; the numbers and their
// reasons: auth/throttle.ts). Each list is taken whole by `guarded` or `checkedUnderLock`.

/** The three login limits of contract "Attempt limits": per account and address, per account, per address. */
export function loginLimits(platform: Platform, email: string, ip: string): Limit[] {
  const l = platform.config.limits;
  const account = emailKey(email);
  return [
    {
      scope: 'login-pair',
      value: `${account}\n${ip}`,
      account: email,
      max: l.loginPair,
      windowSeconds: l.windowSeconds,
      delayAfter: l.loginDelayAfter,
    },
    {
      scope: 'login-account',
      value: account,
      account: email,
      max: l.loginAccount,
      windowSeconds: l.loginAccountWindowSeconds,
    },
    { scope: 'login-address', value: ip, account: null, max: l.loginAddress, windowSeconds: l.windowSeconds },
  ];
}

/** Wrong TOTP codes per account (contract "Attempt limits"). */
export function totpLimits(platform: Platform, email: string): Limit[] {
  const l = platform.config.limits;
  return [
    { scope: 'totp', value: emailKey(email), account: email, max: l.totp, windowSeconds: l.windowSeconds },
  ];
}

/**
 * Wrong registration codes per client and email (contract §3), wherever one is checked: the
 * `registration_code` grant and claim-account (§7) share one counter, so neither is a way around the other.
 */
export function registrationCodeLimits(platform: Platform, clientId: string, email: string): Limit[] {
  const l = platform.config.limits;
  return [
    {
      scope: 'registration-code',
      value: `${clientId}\n${emailKey(email)}`,
      account: email,
      max: l.registrationCode,
      windowSeconds: l.windowSeconds,
    },
  ];
}

/**
 * Wrong sandbox keys per address (issue 11 "Locked"), as a Bearer token or at the inspector's login: the key
 * is the operator's choice, perhaps weaker than a generated secret, and it opens every account's mail.
 */
export function sandboxKeyLimits(platform: Platform, ip: string): Limit[] {
  const l = platform.config.limits;
  return [
    { scope: 'sandbox-key', value: ip, account: null, max: l.sandboxKey, windowSeconds: l.windowSeconds },
  ];
}
