import {
  dateOfBirthMatches,
  isOAuthError,
  isPersonalProfile,
  type PersonalProfile,
  type Profile,
  type UserTokens,
} from '@account-access/client';
import type { LinkState } from '../link-states.js';
import type { Customer } from '../store/customers.js';
import type { Lease, LinkedBy } from '../store/links.js';
import { revokeAtPlatform, type StepDeps } from './deps.js';
import type { OnboardingOutcome } from './outcome.js';
import { failureSummary } from './signup-input.js';

/** What an exchange yields: the tokens and the profile they were granted. */
export interface Obtained {
  tokens: UserTokens;
  profile: Profile | undefined;
}

/**
 * Exchanges and checks under the row's lease, so two callbacks (two tabs) never both link (contract
 * §10.5). A personal profile whose date of birth differs from the bank's record is refused and its tokens
 * discarded (§10.6). `via` is recorded on the link (issue 13 item 7); a rejected emailed code may be typed
 * again.
 */
export async function finishLink(
  deps: StepDeps,
  customer: Customer,
  via: Exclude<LinkedBy, 'registration_code'>,
  obtain: () => Promise<Obtained>,
): Promise<OnboardingOutcome> {
  const lease = await deps.links.claim(customer.id, ['linking'], deps.now());
  if (!lease) {
    const current = await deps.links.get(customer.id);
    if (current?.state === 'linked') return { kind: 'linked' };
    return { kind: 'busy', state: current?.state ?? 'none' };
  }
  let obtained: Obtained;
  try {
    obtained = await obtain();
  } catch (error) {
    return exchangeFailed(deps, customer, lease, error, via === 'email_code');
  }
  const { tokens, profile } = obtained;
  if (!samePerson(profile, customer)) return refuseOtherPerson(deps, customer, lease, obtained);
  return storeLink(deps, customer, lease, tokens, profile, via);
}

function samePerson(profile: Profile | undefined, customer: Customer): profile is PersonalProfile {
  return (
    profile !== undefined && isPersonalProfile(profile) && dateOfBirthMatches(profile, customer.dateOfBirth)
  );
}

async function exchangeFailed(
  deps: StepDeps,
  customer: Customer,
  lease: Lease,
  error: unknown,
  retryable: boolean,
): Promise<OnboardingOutcome> {
  deps.log?.({ customerId: customer.id, event: 'exchange_failed', detail: failureSummary(error) });
  const invalidGrant = isOAuthError(error, 'invalid_grant');
  if (retryable && invalidGrant) {
    const message = 'That code did not work: it may be mistyped, used already, or expired. Try again.';
    await deps.links.release(customer.id, lease, { lastError: message });
    return { kind: 'enter_code', message };
  }
  const provider = deps.settings.providerName;
  const message = invalidGrant
    ? `The connection from ${provider} had expired or was already used. Start again.`
    : `We could not finish connecting your ${provider} account just now. Start again in a moment.`;
  await deps.links.transition(customer.id, 'linking', 'link_failed', lease, deps.now(), {
    lastError: message,
  });
  return { kind: 'failed', state: 'link_failed', message };
}

/** Contract §10.6: not the bank's customer (or not a personal profile): not linked, tokens discarded. */
async function refuseOtherPerson(
  deps: StepDeps,
  customer: Customer,
  lease: Lease,
  { tokens, profile }: Obtained,
): Promise<OnboardingOutcome> {
  await discard(deps, customer, tokens);
  const personal = profile !== undefined && isPersonalProfile(profile);
  const provider = deps.settings.providerName;
  const message = personal
    ? `We did not connect this ${provider} account: its date of birth is not the one we hold for you, so ` +
      `it may belong to someone else. If your details are right, connect the ${provider} account that is yours.`
    : `We did not connect this ${provider} account: choose your personal ${provider} profile.`;
  const to: LinkState = personal ? 'refused_dob_mismatch' : 'link_failed';
  await deps.links.transition(customer.id, 'linking', to, lease, deps.now(), { lastError: message });
  deps.log?.({ customerId: customer.id, event: 'link_refused', from: 'linking', to });
  return { kind: 'failed', state: to, message };
}

async function storeLink(
  deps: StepDeps,
  customer: Customer,
  lease: Lease,
  tokens: UserTokens,
  profile: PersonalProfile,
  via: LinkedBy,
): Promise<OnboardingOutcome> {
  await deps.tokens.save(customer.id, tokens);
  await deps.links.transition(customer.id, 'linking', 'linked', lease, deps.now(), {
    wiseProfileId: profile.id,
    linkedBy: via,
    ...(typeof profile.userId === 'number' ? { wiseUserId: profile.userId } : {}),
    lastError: null,
  });
  deps.log?.({ customerId: customer.id, event: 'linked', from: 'linking', to: 'linked' });
  return { kind: 'linked' };
}

/** Contract §10.6 "revoke what was obtained": best effort, the tokens are dropped either way, never stored. */
async function discard(deps: StepDeps, customer: Customer, tokens: UserTokens): Promise<void> {
  const revocation = await revokeAtPlatform(deps.client, tokens);
  if (revocation !== 'revoked')
    deps.log?.({ customerId: customer.id, event: 'revoke_skipped', detail: revocation });
}
