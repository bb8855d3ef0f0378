import { profileName } from '../../profiles/index.js';
import { profilePage } from '../../views/profile.js';
import type { Flow } from '../flow.js';
import type { Step } from '../policy.js';
import { readNewProfile } from './profile-form.js';

async function ownProfiles(flow: Flow) {
  return flow.platform.stores.profiles.listByUser(flow.interaction.userId!);
}

/** Create or select ONE profile: the grant covers only that one (contract §4). */
export const profileStep: Step = {
  name: 'profile',
  done: (flow) => flow.interaction.profileId !== null,
  // Until Allow or Deny, the chosen profile is only a choice: Back may change it (issue 13).
  revisit: (flow) => flow.interaction.decision === null,
  async render(flow, flash) {
    const profiles = await ownProfiles(flow);
    const user = await flow.platform.stores.users.findById(flow.interaction.userId!);
    return profilePage({
      partnerName: flow.client.name,
      email: user?.email ?? '',
      action: flow.paths.step('profile'),
      signOutAction: flow.paths.signOut,
      csrf: flow.csrf,
      profiles: profiles.map((p) => ({ id: p.id, type: p.type, name: profileName(p) })),
      canCreatePersonal: !profiles.some((p) => p.type === 'PERSONAL'),
      ...(flash?.values ? { values: flash.values } : {}),
      ...(flash?.errors ? { errors: flash.errors } : {}),
    });
  },
  async submit(flow, form) {
    const { platform, interaction } = flow;
    const interactions = platform.stores.interactions;
    const chosen = form.get('profileId');
    if (chosen !== undefined) {
      const profile = (await ownProfiles(flow)).find((p) => String(p.id) === chosen);
      if (!profile) {
        await interactions.update(interaction.uid, {
          flash: { errors: [{ field: 'profileId', message: 'Choose one of your profiles.' }] },
        });
        return;
      }
      await interactions.update(interaction.uid, { profileId: profile.id, flash: null });
      return;
    }
    const user = await platform.stores.users.findById(interaction.userId!);
    const read = readNewProfile(form, interaction.userId!, user?.email ?? '', platform.now());
    if ('problems' in read) {
      await interactions.update(interaction.uid, { flash: { errors: read.problems, values: read.values } });
      return;
    }
    const created = await platform.stores.profiles.create(read.profile, platform.now());
    if (created === 'conflict') {
      await interactions.update(interaction.uid, {
        flash: {
          errors: [{ field: 'profileId', message: 'You already have a personal profile. Choose it above.' }],
        },
      });
      return;
    }
    await interactions.update(interaction.uid, { profileId: created.id, flash: null });
  },
};
