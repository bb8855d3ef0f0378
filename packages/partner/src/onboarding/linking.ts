import { isPersonalProfile } from '@account-access/client';
import { LINKABLE, type LinkState } from '../link-states.js';
import type { Customer } from '../store/customers.js';
import type { StateRefusal } from '../store/link-attempts.js';
import type { StepDeps } from './deps.js';
import { hashValue } from './hash.js';
import { beginLinking } from './link-begin.js';
import { finishLink } from './link-finish.js';
import { describeAuthorizationError, type OnboardingOutcome, stateRefusals } from './outcome.js';

/**
 * Linking an existing Wise account (contract §4, §6, §10.2-§10.6): the redirect flow with a single-use,
 * session-bound, short-lived `state`; the emailed code where the bank chose it; the callback; the
 * same-person check on the date of birth. Each is a named step over the deps.
 */
export function linkingSteps(deps: StepDeps) {
  return {
    begin: beginLinking.bind(null, deps),
    callback: (sessionId: string, params: URLSearchParams) => linkCallback(deps, sessionId, params),
    emailCode: (customer: Customer, code: string) => linkEmailCode(deps, customer, code),
    linkable: (s: LinkState) => LINKABLE.includes(s),
  };
}

/** The redirect callback (contract §4 "Callback", §10.3-§10.6), for the browser session it arrived in. */
async function linkCallback(
  deps: StepDeps,
  sessionId: string,
  params: URLSearchParams,
): Promise<OnboardingOutcome> {
  const states = params.getAll('state');
  if (states.length !== 1 || !states[0]) return refused(deps, 'missing');
  const state = states[0];
  const consumed = await deps.attempts.consume(hashValue(state), hashValue(sessionId), deps.now());
  if ('refused' in consumed) return refused(deps, consumed.refused);
  if ('replayed' in consumed) return replayed(deps, consumed.replayed.customerId);
  const attempt = consumed.attempt;
  const customer = await deps.customers.get(attempt.customerId);
  if (!customer) return refused(deps, 'unknown');

  const parsed = deps.client.parseCallback(params, {
    expectedState: state,
    ...(deps.settings.issuer ? { expectedIssuer: deps.settings.issuer } : {}),
  });
  if (parsed.kind === 'rejected') {
    const provider = deps.settings.providerName;
    const message =
      parsed.error.reason === 'authorization_error'
        ? describeAuthorizationError(provider, parsed.error.error, parsed.error.errorDescription)
        : `The answer from ${provider} was not valid, so we did not connect your account.`;
    return callbackFailed(deps, customer.id, message, parsed.error.reason);
  }
  const codeVerifier = attempt.codeVerifier
    ? deps.vault.decrypt(customer.id, 'code_verifier', attempt.codeVerifier)
    : undefined;
  return finishLink(deps, customer, 'redirect', async () => {
    const tokens = await deps.client.exchangeCode({
      code: parsed.code,
      redirectUri: attempt.redirectUri,
      ...(codeVerifier ? { codeVerifier } : {}),
    });
    return { tokens, profile: await deps.client.getProfile(tokens.accessToken, parsed.profileId) };
  });
}

/** The emailed-code flow (contract §6): the code the person typed in. */
async function linkEmailCode(deps: StepDeps, customer: Customer, code: string): Promise<OnboardingOutcome> {
  const provider = deps.settings.providerName;
  const typed = code.replace(/[\s-]+/g, '').toUpperCase();
  if (!/^[A-Z0-9]{4,64}$/.test(typed)) {
    return {
      kind: 'enter_code',
      message: `That does not look like a ${provider} code. Check it and try again.`,
    };
  }
  // Only a customer waiting for an emailed code may spend one; a second use after linking is refused
  // here, so it never replaces the tokens or the profile already linked.
  const rec = await deps.links.get(customer.id);
  if (rec?.state !== 'linking' || rec.linkMethod !== 'email') {
    return {
      kind: 'code_not_expected',
      state: rec?.state ?? 'none',
      message:
        rec?.state === 'linked'
          ? `Your ${provider} account is already connected, so we did not use that code.`
          : `We are not waiting for a ${provider} code from you. Start again from your account page.`,
    };
  }
  const obtain = async () => {
    const tokens = await deps.client.exchangeCode({ code: typed });
    const profiles = await deps.client.listProfiles(tokens.accessToken);
    return { tokens, profile: profiles.find(isPersonalProfile) ?? profiles[0] };
  };
  return finishLink(deps, customer, 'email_code', obtain);
}

/** The callback carried an error or was invalid: the link failed, in plain words (contract §10.4). */
async function callbackFailed(
  deps: StepDeps,
  customerId: string,
  message: string,
  detail: string,
): Promise<OnboardingOutcome> {
  const moved = await deps.links.transition(customerId, 'linking', 'link_failed', null, deps.now(), {
    lastError: message,
  });
  deps.log?.({ customerId, event: 'callback_error', detail });
  const current = moved ? 'link_failed' : ((await deps.links.get(customerId))?.state ?? 'none');
  return { kind: 'failed', state: current, message };
}

/**
 * The same session brings back a state it already spent (issue 13 item 2: a reload of the callback, or the
 * flow finished in a second tab). Nothing is exchanged: a customer now connected sees the account, one
 * whose callback is still being exchanged is told to wait, and anything else is the plain refusal.
 */
async function replayed(deps: StepDeps, customerId: string): Promise<OnboardingOutcome> {
  const rec = await deps.links.get(customerId);
  if (rec?.state === 'linked') return { kind: 'linked' };
  if (rec?.leaseUntil && rec.leaseUntil > deps.now()) return { kind: 'busy', state: rec.state };
  return refused(deps, 'reused');
}

function refused(deps: StepDeps, reason: StateRefusal): OnboardingOutcome {
  return { kind: 'state_refused', reason, message: stateRefusals(deps.settings.providerName)[reason] };
}
