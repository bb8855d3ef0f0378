import { randomBytes, randomUUID } from 'node:crypto';
import {
  LANGUAGES as CONTRACT_LANGUAGES,
  type CreatePersonalProfileInput,
  isOAuthError,
  isPersonalProfile,
  isWiseApiError,
  type Language,
} from '@account-access/client';
import type { Customer } from '../store/customers.js';
import type { LinkRecord } from '../store/links.js';
import type { OnboardingDeps } from './deps.js';
import type { OnboardingOutcome } from './outcome.js';

/** Contract §10.1: 32 random bytes from the CSPRNG, base64url (43 characters). Never logged. */
export function newRegistrationCode(): string {
  return randomBytes(32).toString('base64url');
}

type Step = Promise<OnboardingOutcome | 'next'>;

const LANGUAGES: ReadonlySet<string> = new Set(CONTRACT_LANGUAGES);

/**
 * The steps of a new Wise user (contract §2, §3, §8, §9, §10.1, §10.7). Each step claims the row in the
 * state it starts from, talks to the platform, then moves the row on with a guarded update; a failed call
 * leaves the row where it was, so the next attempt resumes there.
 */
export function signupSteps(deps: OnboardingDeps) {
  const now = deps.now ?? (() => new Date());
  const failed = (state: LinkRecord['state'], message: string): OnboardingOutcome => ({
    kind: 'failed',
    state,
    message,
  });
  const busy = (state: LinkRecord['state']): OnboardingOutcome => ({ kind: 'busy', state });

  /** none → signing_up: choose the registration code and seal it with the email it goes with. */
  async function start(customer: Customer): Step {
    const lease = await deps.links.claim(customer.id, ['none'], now());
    if (!lease) return busy('none');
    const moved = await deps.links.transition(customer.id, 'none', 'signing_up', lease, now(), {
      signupEmail: customer.email,
      registrationCode: deps.vault.encrypt(customer.id, 'registration_code', newRegistrationCode()),
      profileIdempotencyKey: randomUUID(),
      linkMethod: customer.linkMethod ?? deps.settings.linkMethod,
      lastError: null,
    });
    return moved ? 'next' : busy('none');
  }

  /** signing_up → signed_up | conflict: create the user; a 409 means the person must link (§10.2). */
  async function createUser(customer: Customer): Step {
    const lease = await deps.links.claim(customer.id, ['signing_up'], now());
    if (!lease) return busy('signing_up');
    const rec = lease.record;
    const credentials = {
      email: rec.signupEmail ?? customer.email,
      registrationCode: deps.vault.decrypt(customer.id, 'registration_code', rec.registrationCode ?? ''),
    };
    try {
      const result = await deps.client.createUser({
        ...credentials,
        language: (LANGUAGES.has(customer.language) ? customer.language : 'EN') as Language,
        ...(rec.linkMethod === 'email' ? { sendAuthorizationCodeAsEmail: true } : {}),
      });
      let wiseUserId: number | null = null;
      if (result.kind === 'conflict') {
        // A crash after the platform created our user, before we recorded it, comes back as a 409 on
        // resume; our own registration code still works for our own user, and for no one else's.
        try {
          await deps.tokens.save(customer.id, await deps.client.tokensFromRegistrationCode(credentials));
        } catch (error) {
          if (!isOAuthError(error, 'invalid_grant')) throw error;
          const moved = await deps.links.transition(customer.id, 'signing_up', 'conflict', lease, now(), {
            registrationCode: null,
            lastError: null,
          });
          deps.log?.({
            customerId: customer.id,
            event: 'signup_conflict',
            from: 'signing_up',
            to: 'conflict',
          });
          return moved ? 'next' : busy('signing_up');
        }
      } else {
        wiseUserId = result.user.id;
        await deps.tokens.save(customer.id, await deps.client.tokensFromRegistrationCode(credentials));
      }
      const moved = await deps.links.transition(customer.id, 'signing_up', 'signed_up', lease, now(), {
        ...(wiseUserId !== null ? { wiseUserId } : {}),
        lastError: null,
      });
      deps.log?.({ customerId: customer.id, event: 'signed_up', from: 'signing_up', to: 'signed_up' });
      return moved ? 'next' : busy('signing_up');
    } catch (error) {
      const message = 'We could not create your Wise account just now. Try again in a moment.';
      await deps.links.release(customer.id, lease, { lastError: message });
      deps.log?.({ customerId: customer.id, event: 'signup_failed', detail: failureSummary(error) });
      return failed('signing_up', message);
    }
  }

  /** signed_up → profile_created: the personal profile from the bank's record (contract §8, §10.7). */
  async function createProfile(customer: Customer): Step {
    const lease = await deps.links.claim(customer.id, ['signed_up'], now());
    if (!lease) return busy('signed_up');
    try {
      const accessToken = await deps.tokens.getAccessToken(customer.id);
      let profileId: number;
      try {
        const profile = await deps.client.createPersonalProfile(accessToken, profileInput(customer), {
          idempotencyKey: lease.record.profileIdempotencyKey ?? undefined,
        });
        profileId = profile.id;
      } catch (error) {
        // Already has a personal profile (a resumed step whose first response was lost): find it.
        if (!isWiseApiError(error, 409)) throw error;
        const existing = (await deps.client.listProfiles(accessToken)).find(isPersonalProfile);
        if (!existing) throw error;
        profileId = existing.id;
      }
      const moved = await deps.links.transition(customer.id, 'signed_up', 'profile_created', lease, now(), {
        wiseProfileId: profileId,
        lastError: null,
      });
      return moved ? 'next' : busy('signed_up');
    } catch (error) {
      const message = isWiseApiError(error, 422)
        ? 'Wise did not accept the details we hold for you. Please contact us so we can correct them.'
        : 'We could not create your Wise profile just now. Try again in a moment.';
      await deps.links.release(customer.id, lease, { lastError: message });
      deps.log?.({ customerId: customer.id, event: 'profile_failed', detail: failureSummary(error) });
      return failed('signed_up', message);
    }
  }

  /** profile_created → document_submitted | document_rejected | linked (contract §9, §10.7). */
  async function submitDocument(customer: Customer): Step {
    if (!customer.cpf) {
      const moved = await deps.links.transition(customer.id, 'profile_created', 'linked', null, now());
      return moved ? 'next' : busy('profile_created');
    }
    const lease = await deps.links.claim(customer.id, ['profile_created'], now());
    if (!lease) return busy('profile_created');
    try {
      const accessToken = await deps.tokens.getAccessToken(customer.id);
      let rejection: string | null = null;
      try {
        const result = await deps.client.createVerificationDocument(
          accessToken,
          lease.record.wiseProfileId ?? 0,
          {
            type: 'CPF_CNPJ',
            uniqueIdentifier: customer.cpf,
            firstName: customer.firstName,
            lastName: customer.lastName,
            issuerCountry: 'BR',
            nationality: 'BR',
          },
        );
        if (result.kind === 'rejected') rejection = result.errorMessage;
      } catch (error) {
        if (!isWiseApiError(error, 422)) throw error;
        rejection = 'INVALID';
      }
      const to = rejection === null ? 'document_submitted' : 'document_rejected';
      const moved = await deps.links.transition(customer.id, 'profile_created', to, lease, now(), {
        lastError:
          rejection === null ? null : `Wise could not verify your CPF (${rejection}). Please contact us.`,
      });
      return moved ? 'next' : busy('profile_created');
    } catch (error) {
      const message = 'We could not send your CPF to Wise just now. Try again in a moment.';
      await deps.links.release(customer.id, lease, { lastError: message });
      deps.log?.({ customerId: customer.id, event: 'document_failed', detail: failureSummary(error) });
      return failed('profile_created', message);
    }
  }

  return { start, createUser, createProfile, submitDocument };
}

export function profileInput(c: Customer): CreatePersonalProfileInput {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    address: {
      addressFirstLine: c.address.firstLine,
      city: c.address.city,
      countryIso3Code: c.address.countryIso3,
      ...(c.address.postCode ? { postCode: c.address.postCode } : {}),
      ...(c.address.stateCode ? { stateCode: c.address.stateCode } : {}),
    },
    ...(c.nationality ? { nationality: c.nationality } : {}),
    dateOfBirth: c.dateOfBirth,
    externalCustomerId: c.id,
    contactDetails: { email: c.email, phoneNumber: c.phoneNumber },
  };
}

/** A log-safe description of a failure: its class and status, never a body that could echo a secret. */
export function failureSummary(error: unknown): string {
  if (isWiseApiError(error))
    return `${error.name} ${error.status} ${error.endpoint} ${error.error ?? ''}`.trim();
  if (error instanceof Error) return error.name;
  return 'unknown error';
}
