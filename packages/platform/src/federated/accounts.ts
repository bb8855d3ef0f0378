import { hasSecondFactor } from '../auth/login.js';
import type { Platform } from '../context.js';
import type { PendingIdentity } from '../store/interactions.js';
import { emailKey } from '../store/users.js';
import type { ProviderClaims } from './relying-party.js';

/**
 * Issue 16: what a validated provider identity means for the platform's accounts (contract §4 "Continue
 * with …"). An identity already linked signs its account in. Otherwise the provider's email must be verified
 * and name an active account: one a partner created and nobody has reclaimed is taken over, as the
 * set-password link of contract §7 would let the owner of that mailbox do; any other account is linked only
 * once its password is typed (never silently). No account for the email: nothing is made or linked.
 */
export type FederatedOutcome =
  | { kind: 'signed-in'; userId: number; needsSecondFactor: boolean }
  | { kind: 'confirm'; pending: PendingIdentity }
  | { kind: 'unverified' }
  | { kind: 'no-account'; email: string }
  | { kind: 'no-password'; email: string }
  | { kind: 'inactive' }
  | { kind: 'linked-elsewhere' };

async function signedIn(platform: Platform, userId: number): Promise<FederatedOutcome> {
  const user = await platform.stores.credentials.findById(userId);
  if (!user?.active) return { kind: 'inactive' };
  return { kind: 'signed-in', userId, needsSecondFactor: hasSecondFactor(platform, user) };
}

export async function resolveIdentity(
  platform: Platform,
  providerId: string,
  claims: ProviderClaims,
): Promise<FederatedOutcome> {
  const { federatedIdentities: identities, users, credentials } = platform.stores;
  const linked = await identities.find(providerId, claims.subject);
  if (linked) return signedIn(platform, linked.userId);
  if (!claims.email || !claims.emailVerified) return { kind: 'unverified' };
  const user = await users.findByEmailKey(emailKey(claims.email));
  if (!user?.active) return { kind: 'no-account', email: claims.email };
  const identity = {
    provider: providerId,
    subject: claims.subject,
    userId: user.id,
    email: claims.email,
    linkedAt: platform.now(),
  };
  if (user.createdByClientId !== null && user.reclaimedAt === null) {
    // Contract §7 "Reclaim": the mailbox's owner takes over the account a partner created for them.
    if (!(await identities.linkAndReclaim(identity)))
      return afterRace(platform, providerId, claims.subject, user.id);
    return signedIn(platform, user.id);
  }
  const secret = await credentials.findById(user.id);
  if (secret?.passwordHash === null || secret === null) return { kind: 'no-password', email: user.email };
  return {
    kind: 'confirm',
    pending: { provider: providerId, subject: claims.subject, email: user.email, userId: user.id },
  };
}

/** A parallel first login linked the identity first: fine when to the same account. */
async function afterRace(
  platform: Platform,
  providerId: string,
  subject: string,
  userId: number,
): Promise<FederatedOutcome> {
  const linked = await platform.stores.federatedIdentities.find(providerId, subject);
  return linked?.userId === userId ? signedIn(platform, userId) : { kind: 'linked-elsewhere' };
}

/** Links a pending identity once its account's password was typed; false when it is linked to another one. */
export async function confirmLink(platform: Platform, pending: PendingIdentity): Promise<boolean> {
  const identities = platform.stores.federatedIdentities;
  const made = await identities.link({ ...pending, linkedAt: platform.now() });
  if (made) return true;
  return (await identities.find(pending.provider, pending.subject))?.userId === pending.userId;
}
