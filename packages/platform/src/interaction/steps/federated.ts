import { checkPassword } from '../../auth/login.js';
import { confirmLink, type FederatedOutcome } from '../../federated/accounts.js';
import { embeddedUserAgent } from '../../http/embedded-browser.js';
import type { FormParams } from '../../http/form.js';
import type { CounterKey } from '../../store/attempt-counters.js';
import { attemptError } from '../../views/attempt-errors.js';
import { confirmLinkPage, FEDERATED_MESSAGES as SAY } from '../../views/federated.js';
import { type Flow, saveInteraction } from '../flow.js';
import { browserSession } from './session.js';

const INVALID = 'The password is not right. Check it and try again.';

/** The login page's "Continue with …" buttons: none configured, or in a WebView (as Google refuses them). */
export function federatedButtons(flow: Flow): { name: string; action: string }[] {
  if (embeddedUserAgent(flow.request.headers['user-agent']) !== null) return [];
  return flow.platform.config.oidcProviders.map((p) => ({
    name: p.name,
    action: `${flow.paths.page}/federated/${encodeURIComponent(p.id)}`,
  }));
}

/** A message on the login page (post/redirect/get): nothing else changes. */
export async function sayOnLogin(flow: Flow, message: string): Promise<void> {
  await saveInteraction(flow, { flash: { errors: [{ message }] } });
}

/**
 * The login step passed for `userId` (a password, or a provider's identity): 2FA next when the account has it.
 * One statement records it, gives back the password attempt's `held` slots and starts the session (issue 14).
 */
export async function loggedIn(
  flow: Flow,
  userId: number,
  needsSecondFactor: boolean,
  held: readonly CounterKey[] = [],
): Promise<void> {
  const now = flow.platform.now();
  await saveInteraction(
    flow,
    {
      userId,
      passwordAt: now,
      secondFactorAt: needsSecondFactor ? null : now,
      pendingIdentity: null,
      flash: null,
    },
    { refund: held, ...(needsSecondFactor ? {} : { session: browserSession(flow, userId) }) },
  );
}

/** Applies what a validated provider identity means for this interaction (federated/accounts.ts). */
export async function applyFederatedOutcome(flow: Flow, providerName: string, outcome: FederatedOutcome) {
  const expected = flow.interaction.expectedUserId;
  switch (outcome.kind) {
    case 'signed-in':
      // Contract §6: an emailed link is for the person it was sent to, whoever else can sign in.
      if (expected !== null && outcome.userId !== expected) return sayOnLogin(flow, SAY.wrongPerson());
      return loggedIn(flow, outcome.userId, outcome.needsSecondFactor);
    case 'confirm':
      if (expected !== null && outcome.pending.userId !== expected)
        return sayOnLogin(flow, SAY.wrongPerson());
      return saveInteraction(flow, {
        pendingIdentity: outcome.pending,
        flash: null,
      });
    case 'unverified':
      return sayOnLogin(flow, SAY.unverified(providerName));
    case 'no-account':
      return sayOnLogin(flow, SAY.noAccount(providerName, outcome.email));
    case 'no-password':
      return sayOnLogin(flow, SAY.noPassword(providerName, outcome.email));
    case 'inactive':
      return sayOnLogin(flow, SAY.inactive());
    case 'linked-elsewhere':
      return sayOnLogin(flow, SAY.linkedElsewhere(providerName));
  }
}

const providerName = (flow: Flow, id: string) =>
  flow.platform.config.oidcProviders.find((p) => p.id === id)?.name ?? id;

/** The login step's page while an identity waits for its account's password. */
export function renderConfirmLink(flow: Flow, errors: { message: string; field?: string }[] | undefined) {
  const pending = flow.interaction.pendingIdentity!;
  return confirmLinkPage({
    partnerName: flow.client.name,
    providerName: providerName(flow, pending.provider),
    email: pending.email,
    action: flow.paths.step('login'),
    csrf: flow.csrf,
    ...(errors ? { errors } : {}),
  });
}

/** Its form: the password links the identity and logs in; `cancel` drops the identity, nothing linked. */
export async function submitConfirmLink(flow: Flow, form: FormParams): Promise<void> {
  const { platform, interaction } = flow;
  const pending = interaction.pendingIdentity!;
  if (form.get('cancel')) {
    await saveInteraction(flow, { pendingIdentity: null, flash: null });
    return;
  }
  const password = form.get('password') ?? '';
  const fail = (message: string, field = 'password') =>
    saveInteraction(flow, { flash: { errors: [{ field, message }] } });
  if (!password) return fail('Enter your password.');
  const result = await checkPassword(platform, pending.email, password, flow.request.ip);
  if (!result.ok) {
    await saveInteraction(flow, {
      flash: { errors: [attemptError('password', INVALID, result)] },
    });
    return;
  }
  if (result.userId !== pending.userId) return fail(INVALID);
  if (!(await confirmLink(platform, pending))) {
    await saveInteraction(flow, { pendingIdentity: null });
    return sayOnLogin(flow, SAY.linkedElsewhere(providerName(flow, pending.provider)));
  }
  await loggedIn(flow, result.userId, result.needsSecondFactor);
}
