import { ACCOUNT_PATH } from '../../http/hosted.js';
import { profileName } from '../../profiles/index.js';
import { consentPage } from '../../views/consent.js';
import { saveInteraction } from '../flow.js';
import type { Step } from '../policy.js';
import { accountEmail } from './profile.js';

/** Consent naming the partner and the profile; Allow or Deny (contract §4). */
export const consentStep: Step = {
  name: 'consent',
  done: (flow) => flow.interaction.decision !== null,
  async render(flow, flash) {
    const { stores } = flow.platform;
    // The person's own profile is among those the load read (issue 14); another one is read.
    const id = flow.interaction.profileId!;
    const profile = flow.profiles.find((p) => p.id === id) ?? (await stores.profiles.findById(id));
    return consentPage({
      partnerName: flow.client.name,
      profileName: profile ? profileName(profile) : 'Profile',
      profileType: profile?.type ?? 'PERSONAL',
      email: await accountEmail(flow, profile),
      action: flow.paths.step('consent'),
      signOutAction: flow.paths.signOut,
      accountHref: ACCOUNT_PATH,
      csrf: flow.csrf,
      ...(flash?.errors ? { errors: flash.errors } : {}),
    });
  },
  async submit(flow, form) {
    const decision = form.get('decision');
    if (decision !== 'allow' && decision !== 'deny') {
      await saveInteraction(flow, {
        flash: { errors: [{ message: 'Choose Allow or Deny.' }] },
      });
      return;
    }
    await saveInteraction(flow, { decision, flash: null });
  },
};
