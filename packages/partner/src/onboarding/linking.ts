import { createHash, randomBytes } from 'node:crypto';
import {
  dateOfBirthMatches,
  generatePkce,
  isOAuthError,
  isPersonalProfile,
  type Profile,
  type UserTokens,
} from '@account-access/client';
import type { Customer } from '../store/customers.js';
import type { LinkRecord } from '../store/links.js';
import type { OnboardingDeps } from './deps.js';
import { describeAuthorizationError, type OnboardingOutcome, STATE_REFUSALS } from './outcome.js';
import { failureSummary } from './signup.js';
import { LINKABLE, type LinkState } from './states.js';

/** States are 256-bit random values, so a plain SHA-256 is enough to store them unguessably. */
export function hashValue(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

/**
 * Linking an existing Wise account (contract §4, §6, §10.2-§10.6): the redirect flow with a single-use,
 * session-bound, short-lived `state`; the emailed code where the bank chose it; the callback; the
 * same-person check on the date of birth.
 */
export function linkingSteps(deps: OnboardingDeps) {
  const now = deps.now ?? (() => new Date());

  /** From conflict (or a failed or lost link), send the customer to link: redirect or emailed code. */
  async function begin(
    customer: Customer,
    rec: LinkRecord,
    sessionId: string,
  ): Promise<OnboardingOutcome | 'next'> {
    const method = rec.linkMethod ?? customer.linkMethod ?? deps.settings.linkMethod;
    if (method === 'email') {
      if (rec.state === 'linking') return { kind: 'enter_code' };
      // After the 409 the platform has emailed the person (contract §6); any other way here asks again.
      if (rec.state !== 'conflict') {
        const again = await deps.client.createUser({
          email: customer.email,
          registrationCode: randomBytes(32).toString('base64url'),
          sendAuthorizationCodeAsEmail: true,
        });
        if (again.kind !== 'conflict') {
          return {
            kind: 'failed',
            state: rec.state,
            message: 'Wise has no account for your email any more.',
          };
        }
      }
      const moved = await deps.links.transition(customer.id, rec.state, 'linking', null, now(), {
        linkMethod: 'email',
        lastError: null,
      });
      return moved ? { kind: 'enter_code' } : settledElsewhere(customer.id);
    }

    // Attempts are short-lived; those a day past their expiry are of no use even to explain a refusal.
    await deps.attempts.purge(new Date(now().getTime() - 86_400_000));
    const state = randomBytes(32).toString('base64url');
    const pkce = deps.settings.pkce ? await generatePkce() : null;
    await deps.attempts.create({
      stateHash: hashValue(state),
      customerId: customer.id,
      sessionHash: hashValue(sessionId),
      redirectUri: deps.settings.redirectUri,
      codeVerifier: pkce ? deps.vault.encrypt(customer.id, 'code_verifier', pkce.codeVerifier) : null,
      expiresAt: new Date(now().getTime() + deps.settings.stateTtlSeconds * 1000),
    });
    const moved = await deps.links.transition(customer.id, rec.state, 'linking', null, now(), {
      linkMethod: 'redirect',
      lastError: null,
    });
    if (!moved) return settledElsewhere(customer.id);
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
  async function settledElsewhere(customerId: string): Promise<OnboardingOutcome | 'next'> {
    const current = await deps.links.get(customerId);
    if (current?.leaseUntil && current.leaseUntil > now()) return { kind: 'busy', state: current.state };
    return 'next';
  }

  /** The redirect callback (contract §4 "Callback", §10.3-§10.6), for the browser session it arrived in. */
  async function callback(sessionId: string, params: URLSearchParams): Promise<OnboardingOutcome> {
    const states = params.getAll('state');
    if (states.length !== 1 || !states[0]) return refused('missing');
    const state = states[0];
    const consumed = await deps.attempts.consume(hashValue(state), hashValue(sessionId), now());
    if ('refused' in consumed) return refused(consumed.refused);
    const attempt = consumed.attempt;
    const customer = await deps.customers.get(attempt.customerId);
    if (!customer) return refused('unknown');

    const parsed = deps.client.parseCallback(params, {
      expectedState: state,
      ...(deps.settings.issuer ? { expectedIssuer: deps.settings.issuer } : {}),
    });
    if (parsed.kind === 'rejected') {
      const message =
        parsed.error.reason === 'authorization_error'
          ? describeAuthorizationError(parsed.error.error, parsed.error.errorDescription)
          : 'The answer from Wise was not valid, so we did not connect your account.';
      return fail(customer.id, message, parsed.error.reason);
    }
    const codeVerifier = attempt.codeVerifier
      ? deps.vault.decrypt(customer.id, 'code_verifier', attempt.codeVerifier)
      : undefined;
    return finish(customer, async () => {
      const tokens = await deps.client.exchangeCode({
        code: parsed.code,
        redirectUri: attempt.redirectUri,
        ...(codeVerifier ? { codeVerifier } : {}),
      });
      return { tokens, profile: await deps.client.getProfile(tokens.accessToken, parsed.profileId) };
    });
  }

  /** The emailed-code flow (contract §6): the code the person typed in. */
  async function emailCode(customer: Customer, code: string): Promise<OnboardingOutcome> {
    const typed = code.replace(/[\s-]+/g, '').toUpperCase();
    if (!/^[A-Z0-9]{4,64}$/.test(typed)) {
      return { kind: 'enter_code', message: 'That does not look like a Wise code. Check it and try again.' };
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
            ? 'Your Wise account is already connected, so we did not use that code.'
            : 'We are not waiting for a Wise code from you. Start again from your account page.',
      };
    }
    const outcome = await finish(
      customer,
      async () => {
        const tokens = await deps.client.exchangeCode({ code: typed });
        const profiles = await deps.client.listProfiles(tokens.accessToken);
        return { tokens, profile: profiles.find(isPersonalProfile) ?? profiles[0] };
      },
      true,
    );
    return outcome;
  }

  /**
   * Exchanges and checks under the row's lease, so two callbacks (two tabs) never both link. A personal
   * profile whose date of birth differs from the bank's record is refused and its tokens discarded.
   */
  async function finish(
    customer: Customer,
    obtain: () => Promise<{ tokens: UserTokens; profile: Profile | undefined }>,
    retryable = false,
  ): Promise<OnboardingOutcome> {
    const lease = await deps.links.claim(customer.id, ['linking'], now());
    if (!lease) {
      const current = await deps.links.get(customer.id);
      if (current?.state === 'linked') return { kind: 'linked' };
      return { kind: 'busy', state: current?.state ?? 'none' };
    }
    let obtained: { tokens: UserTokens; profile: Profile | undefined };
    try {
      obtained = await obtain();
    } catch (error) {
      deps.log?.({ customerId: customer.id, event: 'exchange_failed', detail: failureSummary(error) });
      if (retryable && isOAuthError(error, 'invalid_grant')) {
        const message = 'That code did not work: it may be mistyped, used already, or expired. Try again.';
        await deps.links.release(customer.id, lease, { lastError: message });
        return { kind: 'enter_code', message };
      }
      const message = isOAuthError(error, 'invalid_grant')
        ? 'The connection from Wise had expired or was already used. Start again.'
        : 'We could not finish connecting your Wise account just now. Start again in a moment.';
      await deps.links.transition(customer.id, 'linking', 'link_failed', lease, now(), {
        lastError: message,
      });
      return { kind: 'failed', state: 'link_failed', message };
    }
    const { tokens, profile } = obtained;
    const samePerson =
      profile !== undefined &&
      isPersonalProfile(profile) &&
      dateOfBirthMatches(profile, customer.dateOfBirth);
    if (!samePerson) {
      await discard(tokens);
      const message =
        profile && isPersonalProfile(profile)
          ? 'We did not connect this Wise account: its date of birth is not the one we hold for you, so it may ' +
            'belong to someone else. If your details are right, connect the Wise account that is yours.'
          : 'We did not connect this Wise account: choose your personal Wise profile.';
      const to: LinkState = profile && isPersonalProfile(profile) ? 'refused_dob_mismatch' : 'link_failed';
      await deps.links.transition(customer.id, 'linking', to, lease, now(), { lastError: message });
      deps.log?.({ customerId: customer.id, event: 'link_refused', from: 'linking', to });
      return { kind: 'failed', state: to, message };
    }
    await deps.tokens.save(customer.id, tokens);
    await deps.links.transition(customer.id, 'linking', 'linked', lease, now(), {
      wiseProfileId: profile.id,
      ...(typeof profile.userId === 'number' ? { wiseUserId: profile.userId } : {}),
      lastError: null,
    });
    deps.log?.({ customerId: customer.id, event: 'linked', from: 'linking', to: 'linked' });
    return { kind: 'linked' };
  }

  async function discard(tokens: UserTokens): Promise<void> {
    try {
      await deps.client.revoke?.(tokens);
    } catch {
      // Revocation is best effort; the tokens are dropped either way and never stored.
    }
  }

  async function fail(customerId: string, message: string, detail: string): Promise<OnboardingOutcome> {
    const moved = await deps.links.transition(customerId, 'linking', 'link_failed', null, now(), {
      lastError: message,
    });
    deps.log?.({ customerId, event: 'callback_error', detail });
    const current = moved ? 'link_failed' : ((await deps.links.get(customerId))?.state ?? 'none');
    return { kind: 'failed', state: current, message };
  }

  function refused(reason: keyof typeof STATE_REFUSALS): OnboardingOutcome {
    return { kind: 'state_refused', reason, message: STATE_REFUSALS[reason] };
  }

  return { begin, callback, emailCode, linkable: (s: LinkState) => LINKABLE.includes(s) };
}
