import { hasSecondFactor } from '../../auth/login.js';
import { checkNewPassword, PASSWORD_PROBLEMS } from '../../auth/password-rules.js';
import { hashPassword } from '../../auth/passwords.js';
import { claimPasswordPage } from '../../views/password.js';
import { saveInteraction } from '../flow.js';
import type { Step } from '../policy.js';
import { startBrowserSession } from './session.js';

/**
 * Contract §7 claim: the person a partner opened an account for chooses a password, which reclaims the
 * account (the registration_code grant fails from then on). Only in an interaction begun with a
 * claim_account_code; a person who signed out of it logs in as usual instead.
 */
export const claimPasswordStep: Step = {
  name: 'secure-account',
  done: (flow) =>
    flow.interaction.entry !== 'claim' ||
    flow.interaction.passwordAt !== null ||
    flow.interaction.userId === null,
  whenDone: {
    title: 'Your password is already set',
    message: 'You chose a password for your account a moment ago. Continue where you left off.',
  },
  async render(flow, flash) {
    const user = await flow.platform.stores.users.findById(flow.interaction.userId!);
    return claimPasswordPage({
      partnerName: flow.client.name,
      action: flow.paths.step('secure-account'),
      csrf: flow.csrf,
      email: user?.email ?? '',
      ...(flash?.errors ? { errors: flash.errors } : {}),
    });
  },
  async submit(flow, form) {
    const { platform, interaction } = flow;
    const password = form.get('password') ?? '';
    const problem = checkNewPassword(password, form.get('confirmPassword') ?? '');
    if (problem) {
      await saveInteraction(flow, {
        flash: { errors: [{ ...PASSWORD_PROBLEMS[problem] }] },
      });
      return;
    }
    const userId = interaction.userId!;
    const now = platform.now();
    await platform.stores.passwordResets.setPasswordAndReclaim(
      userId,
      await hashPassword(password, platform.config.passwordHashCost),
      now,
    );
    const credentials = await platform.stores.credentials.findById(userId);
    const needsSecondFactor = credentials !== null && hasSecondFactor(platform, credentials);
    await saveInteraction(flow, {
      passwordAt: now,
      secondFactorAt: needsSecondFactor ? null : now,
      flash: null,
    });
    if (!needsSecondFactor) await startBrowserSession(flow, userId);
  },
};
