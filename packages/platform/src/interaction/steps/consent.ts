import { ACCOUNT_PATH } from '../../http/hosted.js';
import { profileName } from '../../profiles/index.js';
import { consentPage } from '../../views/consent.js';
import type { Step } from '../policy.js';

/** Consent naming the partner and the profile; Allow or Deny (contract §4). */
export const consentStep: Step = {
  name: 'consent',
  done: (flow) => flow.interaction.decision !== null,
  async render(flow, flash) {
    const { stores } = flow.platform;
    const profile = await stores.profiles.findById(flow.interaction.profileId!);
    const user = await stores.users.findById(flow.interaction.userId!);
    return consentPage({
      partnerName: flow.client.name,
      profileName: profile ? profileName(profile) : 'Profile',
      profileType: profile?.type ?? 'PERSONAL',
      email: user?.email ?? '',
      action: flow.paths.step('consent'),
      signOutAction: flow.paths.signOut,
      accountHref: ACCOUNT_PATH,
      csrf: flow.csrf,
      ...(flash?.errors ? { errors: flash.errors } : {}),
    });
  },
  async submit(flow, form) {
    const decision = form.get('decision');
    const interactions = flow.platform.stores.interactions;
    if (decision !== 'allow' && decision !== 'deny') {
      await interactions.update(flow.interaction.uid, {
        flash: { errors: [{ message: 'Choose Allow or Deny.' }] },
      });
      return;
    }
    await interactions.update(flow.interaction.uid, { decision, flash: null });
  },
};
