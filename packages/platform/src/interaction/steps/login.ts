import { checkPassword } from '../../auth/login.js';
import { loginPage } from '../../views/login.js';
import type { Step } from '../policy.js';
import { startBrowserSession } from './session.js';

const INVALID = 'The email or password is not right. Check them and try again.';
const THROTTLED = 'Too many attempts. Wait 15 minutes, then try again.';

/** Email and password (contract §4). The answer is the same whether or not the email has an account. */
export const loginStep: Step = {
  name: 'login',
  done: (flow) => flow.interaction.userId !== null && flow.interaction.passwordAt !== null,
  async render(flow, flash) {
    return loginPage({
      partnerName: flow.client.name,
      action: flow.paths.step('login'),
      csrf: flow.csrf,
      ...(flash?.values?.['email'] ? { email: flash.values['email'] } : {}),
      ...(flash?.errors ? { errors: flash.errors } : {}),
    });
  },
  async submit(flow, form) {
    const { platform, interaction } = flow;
    const email = form.get('email')?.trim() ?? '';
    const password = form.get('password') ?? '';
    const errors = [
      ...(email ? [] : [{ field: 'email', message: 'Enter your email address.' }]),
      ...(password ? [] : [{ field: 'password', message: 'Enter your password.' }]),
    ];
    if (errors.length) {
      await platform.stores.interactions.update(interaction.uid, { flash: { errors, values: { email } } });
      return;
    }
    const result = await checkPassword(platform, email, password, flow.request.ip);
    if (!result.ok) {
      const message = result.reason === 'throttled' ? THROTTLED : INVALID;
      await platform.stores.interactions.update(interaction.uid, {
        flash: { errors: [{ field: 'email', message }], values: { email } },
      });
      return;
    }
    const now = platform.now();
    await platform.stores.interactions.update(interaction.uid, {
      userId: result.userId,
      passwordAt: now,
      secondFactorAt: result.needsSecondFactor ? null : now,
      flash: null,
    });
    if (!result.needsSecondFactor) await startBrowserSession(flow, result.userId);
  },
};
