import { checkSecondFactor } from '../../auth/login.js';
import { secondFactorPage } from '../../views/second-factor.js';
import type { Step } from '../policy.js';
import { startBrowserSession } from './session.js';

/** TOTP, when the person has turned it on (RFC 6238; contract §4). */
export const secondFactorStep: Step = {
  name: 'second-factor',
  done: (flow) => flow.interaction.secondFactorAt !== null,
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
    const result = code
      ? await checkSecondFactor(platform, userId, user?.email ?? '', code, flow.request.ip)
      : ({ ok: false, reason: 'empty' } as const);
    if (!result.ok) {
      const message =
        result.reason === 'empty'
          ? 'Enter the 6-digit code from your authenticator app.'
          : result.reason === 'throttled'
            ? 'Too many attempts. Wait 15 minutes, then try again.'
            : 'That code is not right, or was already used. Enter the newest code from your app.';
      await platform.stores.interactions.update(interaction.uid, {
        flash: { errors: [{ field: 'code', message }] },
      });
      return;
    }
    await platform.stores.interactions.update(interaction.uid, {
      secondFactorAt: platform.now(),
      flash: null,
    });
    await startBrowserSession(flow, userId);
  },
};
