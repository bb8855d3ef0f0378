import { checkPassword } from '../../auth/login.js';
import { FORGOT_PASSWORD_PATH } from '../../http/hosted.js';
import { attemptError } from '../../views/attempt-errors.js';
import { loginPage } from '../../views/login.js';
import { type Flow, saveInteraction } from '../flow.js';
import type { Step } from '../policy.js';
import { federatedButtons, loggedIn, renderConfirmLink, submitConfirmLink } from './federated.js';

const INVALID = 'The email or password is not right. Check them and try again.';
const WRONG_PERSON =
  'This link was sent to a different account. Log in with the email address the link was sent to.';

/** The address an emailed link or claim was for, filled in for the person. */
async function expectedEmail(flow: Flow): Promise<string | undefined> {
  const id = flow.interaction.expectedUserId;
  return id === null ? undefined : (await flow.platform.stores.users.findById(id))?.email;
}

/** Email and password (contract §4). The answer is the same whether or not the email has an account. */
export const loginStep: Step = {
  name: 'login',
  done: (flow) => flow.interaction.userId !== null && flow.interaction.passwordAt !== null,
  whenDone: {
    title: 'You are already logged in',
    message: 'You logged in a moment ago. Continue where you left off, or sign out to use another account.',
  },
  async render(flow, flash) {
    // Issue 16: a provider's identity matched this account; its password links them (never silently).
    if (flow.interaction.pendingIdentity) return renderConfirmLink(flow, flash?.errors);
    const email = flash?.values?.['email'] ?? (await expectedEmail(flow));
    return loginPage({
      partnerName: flow.client.name,
      action: flow.paths.step('login'),
      csrf: flow.csrf,
      forgotHref: FORGOT_PASSWORD_PATH,
      ...(email ? { email } : {}),
      ...(flash?.errors ? { errors: flash.errors } : {}),
      federated: federatedButtons(flow),
    });
  },
  async submit(flow, form) {
    if (flow.interaction.pendingIdentity) return submitConfirmLink(flow, form);
    const { platform, interaction } = flow;
    const email = form.get('email')?.trim() ?? '';
    const password = form.get('password') ?? '';
    const errors = [
      ...(email ? [] : [{ field: 'email', message: 'Enter your email address.' }]),
      ...(password ? [] : [{ field: 'password', message: 'Enter your password.' }]),
    ];
    if (errors.length) {
      await saveInteraction(flow, { flash: { errors, values: { email } } });
      return;
    }
    // The slots a right password holds are given back by the write that records the login (issue 14).
    const result = await checkPassword(platform, email, password, flow.request.ip, true);
    if (!result.ok) {
      await saveInteraction(flow, {
        flash: { errors: [attemptError('email', INVALID, result)], values: { email } },
      });
      return;
    }
    if (interaction.expectedUserId !== null && result.userId !== interaction.expectedUserId) {
      // Contract §6: an emailed link is for the person it was sent to, whoever else knows a password.
      await saveInteraction(
        flow,
        { flash: { errors: [{ field: 'email', message: WRONG_PERSON }], values: { email } } },
        { refund: result.held },
      );
      return;
    }
    await loggedIn(flow, result.userId, result.needsSecondFactor, result.held);
  },
};
