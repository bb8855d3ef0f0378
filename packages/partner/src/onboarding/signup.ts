import { randomUUID } from 'node:crypto';
import {
  LANGUAGES as CONTRACT_LANGUAGES,
  isOAuthError,
  isPersonalProfile,
  isWiseApiError,
  type Language,
  type RegistrationCredentials,
} from '@account-access/client';
import type { Customer } from '../store/customers.js';
import type { Lease, LinkRecord } from '../store/links.js';
import type { StepDeps } from './deps.js';
import type { OnboardingOutcome } from './outcome.js';
import { failureSummary, newRegistrationCode, profileInput } from './signup-input.js';

export { failureSummary, newRegistrationCode, profileInput } from './signup-input.js';

type Step = Promise<OnboardingOutcome | 'next'>;
type State = LinkRecord['state'];

const LANGUAGES: ReadonlySet<string> = new Set(CONTRACT_LANGUAGES);

/**
 * The steps of a new Wise user (contract §2, §3, §8, §9, §10.1, §10.7). Each step claims the row in the
 * state it starts from, talks to the platform, then moves the row on with a guarded update; a failed call
 * leaves the row where it was, so the next attempt resumes there.
 */
export function signupSteps(deps: StepDeps) {
  return {
    start: (customer: Customer) => startSignup(deps, customer),
    createUser: (customer: Customer) => leased(deps, customer, 'signing_up', createUser),
    createProfile: (customer: Customer) => leased(deps, customer, 'signed_up', createProfile),
    submitDocument: (customer: Customer) => submitDocument(deps, customer),
  };
}

const busy = (state: State): OnboardingOutcome => ({ kind: 'busy', state });

/** What a failed platform call tells the customer and the log, per step. */
class StepFailed extends Error {
  constructor(
    readonly customerMessage: string,
    readonly event: string,
    readonly failure: unknown,
  ) {
    super(customerMessage);
  }
}

/**
 * Claims the row in `from`, runs the step under the lease; a step that fails gives the lease back with the
 * customer's message, so the next attempt resumes in the same state.
 */
async function leased(
  deps: StepDeps,
  customer: Customer,
  from: State,
  step: (deps: StepDeps, customer: Customer, lease: Lease) => Step,
): Step {
  const lease = await deps.links.claim(customer.id, [from], deps.now());
  if (!lease) return busy(from);
  try {
    return await step(deps, customer, lease);
  } catch (error) {
    const failed = error instanceof StepFailed ? error : null;
    if (!failed) throw error;
    await deps.links.release(customer.id, lease, { lastError: failed.customerMessage });
    deps.log?.({ customerId: customer.id, event: failed.event, detail: failureSummary(failed.failure) });
    return { kind: 'failed', state: from, message: failed.customerMessage };
  }
}

/** Runs a platform call, turning any failure into the step's `StepFailed`. */
async function calling<T>(message: (error: unknown) => string, event: string, fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (error) {
    throw new StepFailed(message(error), event, error);
  }
}

/** none → signing_up: choose the registration code and seal it with the email it goes with. */
async function startSignup(deps: StepDeps, customer: Customer): Step {
  const lease = await deps.links.claim(customer.id, ['none'], deps.now());
  if (!lease) return busy('none');
  const moved = await deps.links.transition(customer.id, 'none', 'signing_up', lease, deps.now(), {
    signupEmail: customer.email,
    registrationCode: deps.vault.encrypt(customer.id, 'registration_code', newRegistrationCode()),
    profileIdempotencyKey: randomUUID(),
    linkMethod: customer.linkMethod ?? deps.settings.linkMethod,
    lastError: null,
  });
  return moved ? 'next' : busy('none');
}

/** signing_up → signed_up | conflict: create the user; a 409 means the person must link (§10.2). */
async function createUser(deps: StepDeps, customer: Customer, lease: Lease): Step {
  const rec = lease.record;
  const credentials: RegistrationCredentials = {
    email: rec.signupEmail ?? customer.email,
    registrationCode: deps.vault.decrypt(customer.id, 'registration_code', rec.registrationCode ?? ''),
  };
  const outcome = await calling(
    () => `We could not create your ${deps.settings.providerName} account just now. Try again in a moment.`,
    'signup_failed',
    () => registerUser(deps, customer, rec, credentials),
  );
  if (outcome === 'conflict') {
    const moved = await deps.links.transition(customer.id, 'signing_up', 'conflict', lease, deps.now(), {
      registrationCode: null,
      lastError: null,
    });
    deps.log?.({ customerId: customer.id, event: 'signup_conflict', from: 'signing_up', to: 'conflict' });
    return moved ? 'next' : busy('signing_up');
  }
  const moved = await deps.links.transition(customer.id, 'signing_up', 'signed_up', lease, deps.now(), {
    ...(outcome.wiseUserId !== null ? { wiseUserId: outcome.wiseUserId } : {}),
    lastError: null,
  });
  deps.log?.({ customerId: customer.id, event: 'signed_up', from: 'signing_up', to: 'signed_up' });
  return moved ? 'next' : busy('signing_up');
}

/**
 * Create-user (contract §2) and its tokens (§3). On a 409 the user may be our own: a crash after the
 * platform created it, before we recorded it, comes back as a 409 on resume, and our registration code
 * still works for our own user and for no one else's. 'conflict' when it is someone else's account.
 */
async function registerUser(
  deps: StepDeps,
  customer: Customer,
  rec: LinkRecord,
  credentials: RegistrationCredentials,
): Promise<'conflict' | { wiseUserId: number | null }> {
  const result = await deps.client.createUser({
    ...credentials,
    language: (LANGUAGES.has(customer.language) ? customer.language : 'EN') as Language,
    ...(rec.linkMethod === 'email' ? { sendAuthorizationCodeAsEmail: true } : {}),
  });
  try {
    await deps.tokens.save(customer.id, await deps.client.tokensFromRegistrationCode(credentials));
  } catch (error) {
    if (result.kind === 'conflict' && isOAuthError(error, 'invalid_grant')) return 'conflict';
    throw error;
  }
  return { wiseUserId: result.kind === 'conflict' ? null : result.user.id };
}

/** signed_up → profile_created: the personal profile from the bank's record (contract §8, §10.7). */
async function createProfile(deps: StepDeps, customer: Customer, lease: Lease): Step {
  const provider = deps.settings.providerName;
  const profileId = await calling(
    (error) =>
      isWiseApiError(error, 422)
        ? `${provider} did not accept the details we hold for you. Please contact us so we can correct them.`
        : `We could not create your ${provider} profile just now. Try again in a moment.`,
    'profile_failed',
    () => findOrCreateProfile(deps, customer, lease),
  );
  const moved = await deps.links.transition(customer.id, 'signed_up', 'profile_created', lease, deps.now(), {
    wiseProfileId: profileId,
    lastError: null,
  });
  return moved ? 'next' : busy('signed_up');
}

/** Creates the profile; a 409 (a resumed step whose first response was lost) finds the one made. */
async function findOrCreateProfile(deps: StepDeps, customer: Customer, lease: Lease): Promise<number> {
  const accessToken = await deps.tokens.getAccessToken(customer.id);
  try {
    const profile = await deps.client.createPersonalProfile(accessToken, profileInput(customer), {
      idempotencyKey: lease.record.profileIdempotencyKey ?? undefined,
    });
    return profile.id;
  } catch (error) {
    if (!isWiseApiError(error, 409)) throw error;
    const existing = (await deps.client.listProfiles(accessToken)).find(isPersonalProfile);
    if (!existing) throw error;
    return existing.id;
  }
}

/** profile_created → document_submitted | document_rejected | linked (contract §9, §10.7). */
async function submitDocument(deps: StepDeps, customer: Customer): Step {
  if (!customer.cpf) {
    const moved = await deps.links.transition(customer.id, 'profile_created', 'linked', null, deps.now(), {
      linkedBy: 'registration_code',
    });
    return moved ? 'next' : busy('profile_created');
  }
  return leased(deps, customer, 'profile_created', async (d, c, lease) => {
    const rejection = await calling(
      () => `We could not send your CPF to ${d.settings.providerName} just now. Try again in a moment.`,
      'document_failed',
      () => sendCpf(d, c, lease, c.cpf ?? ''),
    );
    const to = rejection === null ? 'document_submitted' : 'document_rejected';
    const now = d.now();
    const moved = await d.links.transition(c.id, 'profile_created', to, lease, now, {
      // Kept for the customer's page (issue 13 item 7): the state moves on to linked at once.
      document: {
        type: 'CPF_CNPJ',
        submittedAt: now,
        result: rejection === null ? 'accepted' : 'rejected',
        rejection,
      },
      lastError:
        rejection === null
          ? null
          : `${d.settings.providerName} could not verify your CPF (${rejection}). Please contact us.`,
    });
    return moved ? 'next' : busy('profile_created');
  });
}

/** The CPF as a verification document (contract §9): null when accepted, else the rejection. */
async function sendCpf(
  deps: StepDeps,
  customer: Customer,
  lease: Lease,
  cpf: string,
): Promise<string | null> {
  const accessToken = await deps.tokens.getAccessToken(customer.id);
  try {
    const result = await deps.client.createVerificationDocument(
      accessToken,
      lease.record.wiseProfileId ?? 0,
      {
        type: 'CPF_CNPJ',
        uniqueIdentifier: cpf,
        firstName: customer.firstName,
        lastName: customer.lastName,
        issuerCountry: 'BR',
        nationality: 'BR',
      },
    );
    return result.kind === 'rejected' ? result.errorMessage : null;
  } catch (error) {
    if (!isWiseApiError(error, 422)) throw error;
    return 'INVALID';
  }
}
