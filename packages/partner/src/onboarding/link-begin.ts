import { generatePkce } from '@account-access/client';
import { randomToken } from '@account-access/kit';
import type { Customer } from '../store/customers.js';
import type { LinkRecord } from '../store/links.js';
import type { StepDeps } from './deps.js';
import { hashValue } from './hash.js';
import type { OnboardingOutcome } from './outcome.js';
import { newRegistrationCode } from './signup-input.js';

type Step = Promise<OnboardingOutcome | 'next'>;

/**
 * From conflict (or a failed or lost link), send the customer to link (contract §10.2): by the emailed
 * code where the bank chose it for this customer or for the whole bank, else by the redirect flow.
 */
export function beginLinking(deps: StepDeps, customer: Customer, rec: LinkRecord, sessionId: string): Step {
  const method = rec.linkMethod ?? customer.linkMethod ?? deps.settings.linkMethod;
  return method === 'email'
    ? beginEmailLink(deps, customer, rec)
    : beginRedirectLink(deps, customer, rec, sessionId);
}

/** Contract §6: the platform emails the person a link; the customer then types the code it shows. */
async function beginEmailLink(deps: StepDeps, customer: Customer, rec: LinkRecord): Step {
  if (rec.state === 'linking') return { kind: 'enter_code' };
  // After the 409 the platform has emailed the person (contract §6); any other way here asks again.
  if (rec.state !== 'conflict' && !(await askForEmailAgain(deps, customer))) {
    const message = `${deps.settings.providerName} has no account for your email any more.`;
    return { kind: 'failed', state: rec.state, message };
  }
  const moved = await deps.links.transition(customer.id, rec.state, 'linking', null, deps.now(), {
    linkMethod: 'email',
    lastError: null,
  });
  return moved ? { kind: 'enter_code' } : settledElsewhere(deps, customer.id);
}

/** A create-user with `sendAuthorizationCodeAsEmail` (contract §6): true when it answered 409 (emailed). */
async function askForEmailAgain(deps: StepDeps, customer: Customer): Promise<boolean> {
  const again = await deps.client.createUser({
    email: customer.email,
    registrationCode: newRegistrationCode(),
    sendAuthorizationCodeAsEmail: true,
  });
  return again.kind === 'conflict';
}

/**
 * Contract §4, §10.3: a single-use `state` of 32 random bytes (only its hash stored, bound to the session's
 * hash, short-lived), a PKCE S256 challenge with the verifier sealed in the vault, then the authorize URL.
 */
async function beginRedirectLink(
  deps: StepDeps,
  customer: Customer,
  rec: LinkRecord,
  sessionId: string,
): Step {
  // Attempts are short-lived; those a day past their expiry are of no use even to explain a refusal.
  await deps.attempts.purge(new Date(deps.now().getTime() - 86_400_000));
  const state = randomToken();
  const pkce = deps.settings.pkce ? await generatePkce() : null;
  await deps.attempts.create({
    stateHash: hashValue(state),
    customerId: customer.id,
    sessionHash: hashValue(sessionId),
    redirectUri: deps.settings.redirectUri,
    codeVerifier: pkce ? deps.vault.encrypt(customer.id, 'code_verifier', pkce.codeVerifier) : null,
    expiresAt: new Date(deps.now().getTime() + deps.settings.stateTtlSeconds * 1000),
  });
  const moved = await deps.links.transition(customer.id, rec.state, 'linking', null, deps.now(), {
    linkMethod: 'redirect',
    lastError: null,
  });
  if (!moved) return settledElsewhere(deps, customer.id);
  deps.log?.({ customerId: customer.id, event: 'link_started', from: rec.state, to: 'linking' });
  return {
    kind: 'redirect',
    authorizeUrl: deps.client.authorizeUrl({
      redirectUri: deps.settings.redirectUri,
      state,
      ...(pkce ? { codeChallenge: pkce.codeChallenge } : {}),
    }),
  };
}

/**
 * The row did not move: another request either moved it first (look again) or holds its lease right now,
 * e.g. a callback being exchanged (the customer is told to wait, instead of racing it).
 */
async function settledElsewhere(deps: StepDeps, customerId: string): Step {
  const current = await deps.links.get(customerId);
  if (current?.leaseUntil && current.leaseUntil > deps.now()) return { kind: 'busy', state: current.state };
  return 'next';
}
