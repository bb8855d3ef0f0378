import { checkSecondFactor } from '../../auth/login.js';
import { attemptError, WRONG_CODE } from '../../views/attempt-errors.js';
import { secondFactorPage } from '../../views/second-factor.js';
import { saveInteraction } from '../flow.js';
import type { Step } from '../policy.js';
import { startBrowserSession } from './session.js';

/** TOTP, when the person has turned it on (RFC 6238; contract §4). */
export const secondFactorStep: Step = {
  name: 'second-factor',
  done: (flow) => flow.interaction.secondFactorAt !== null,
  whenDone: {
    title: 'Your security code was accepted',
    message: 'There is no need to enter another code. Continue where you left off.',
  },
  async render(flow, flash) {
    return secondFactorPage({
      partnerName: flow.client.name,
      action: flow.paths.step('second-factor'),
      signOutAction: flow.paths.signOut,
      csrf: flow.csrf,
      ...(flash?.errors ? { errors: flash.errors } : {}),
    });
  },
  async submit(flow, form) {
    const { platform, interaction } = flow;
    const userId = interaction.userId!;
    const code = form.get('code') ?? '';
    const user = await platform.stores.users.findById(userId);
    if (!code) {
      const message = 'Enter the 6-digit code from your authenticator app.';
      await saveInteraction(flow, {
        flash: { errors: [{ field: 'code', message }] },
      });
      return;
    }
    const result = await checkSecondFactor(platform, userId, user?.email ?? '', code);
    if (!result.ok) {
      await saveInteraction(flow, {
        flash: { errors: [attemptError('code', WRONG_CODE, result)] },
      });
      return;
    }
    await saveInteraction(flow, {
      secondFactorAt: platform.now(),
      flash: null,
    });
    await startBrowserSession(flow, userId);
  },
};
