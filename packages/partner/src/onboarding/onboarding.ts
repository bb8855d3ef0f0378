import { type OnboardingDeps, withClock } from './deps.js';
import { type DisconnectOutcome, disconnect } from './disconnect.js';
import { linkingSteps } from './linking.js';
import type { OnboardingOutcome } from './outcome.js';
import { signupSteps } from './signup.js';

/** The onboarding module: what the bank's pages call. See `OnboardingDeps` for what it needs. */
export interface Onboarding {
  /**
   * "Connect your Wise account": drives the customer's row as far as it goes without the person — creates
   * the user, tokens, profile and CPF for a new user; on a 409, or for a lost link, starts linking.
   * Safe to call twice at once and after a crash: each step is claimed by one caller and resumed where it
   * stopped. `sessionId` is the browser session the linking `state` is bound to.
   */
  connect(customerId: string, sessionId: string): Promise<OnboardingOutcome>;
  /** The redirect callback, in the session it arrived in (contract §4, §10.3-§10.6). */
  callback(sessionId: string, params: URLSearchParams): Promise<OnboardingOutcome>;
  /** The code typed in from the platform's email (contract §6). */
  submitEmailCode(customerId: string, code: string): Promise<OnboardingOutcome>;
  /** Disconnect: revoke at the platform, forget the tokens and the registration code (issue 12). */
  disconnect(customerId: string): Promise<DisconnectOutcome>;
}

/** At most this many steps per call: the machine has fewer states, so more means a bug, not progress. */
const MAX_STEPS = 12;

export function createOnboarding(options: OnboardingDeps): Onboarding {
  const deps = withClock(options);
  const signup = signupSteps(deps);
  const linking = linkingSteps(deps);

  async function connect(customerId: string, sessionId: string): Promise<OnboardingOutcome> {
    const customer = await deps.customers.get(customerId);
    if (!customer) throw new Error(`no customer ${customerId}`);
    for (let i = 0; i < MAX_STEPS; i++) {
      const rec = await deps.links.get(customerId);
      if (!rec) throw new Error(`no link row for customer ${customerId}`);
      let step: OnboardingOutcome | 'next';
      switch (rec.state) {
        case 'none':
          step = await signup.start(customer);
          break;
        case 'signing_up':
          step = await signup.createUser(customer);
          break;
        case 'signed_up':
          step = await signup.createProfile(customer);
          break;
        case 'profile_created':
          step = await signup.submitDocument(customer);
          break;
        case 'document_submitted':
          step = (await deps.links.transition(customerId, 'document_submitted', 'linked', null, deps.now(), {
            linkedBy: 'registration_code',
          }))
            ? 'next'
            : { kind: 'busy', state: rec.state };
          break;
        case 'document_rejected':
          return {
            kind: 'failed',
            state: rec.state,
            message: rec.lastError ?? `${deps.settings.providerName} could not verify you.`,
          };
        case 'linked':
          return { kind: 'linked' };
        default:
          step = await linking.begin(customer, rec, sessionId);
      }
      if (step !== 'next') return step;
    }
    throw new Error(`onboarding of ${customerId} did not settle`);
  }

  return {
    connect,
    callback: (sessionId, params) => linking.callback(sessionId, params),
    async submitEmailCode(customerId, code) {
      const customer = await deps.customers.get(customerId);
      if (!customer) throw new Error(`no customer ${customerId}`);
      return linking.emailCode(customer, code);
    },
    disconnect: (customerId) => disconnect(deps, customerId),
  };
}
