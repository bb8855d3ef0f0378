import { profileName } from '../../profiles/index.js';
import type { ProfileRecord } from '../../store/profiles.js';
import { profilePage } from '../../views/profile.js';
import { type Flow, saveInteraction } from '../flow.js';
import type { Step } from '../policy.js';
import { readNewProfile } from './profile-form.js';

/** The person's profiles, as the page's load read them (issue 14: no read of their own). */
async function ownProfiles(flow: Flow) {
  return flow.profiles;
}

/**
 * The email of the person logged in to the flow: read with their profile when there is one (issue 14: no
 * second read), else from the account.
 */
export async function accountEmail(flow: Flow, profile: ProfileRecord | null | undefined): Promise<string> {
  const userId = flow.interaction.userId!;
  if (profile && profile.userId === userId) return profile.accountEmail;
  return (await flow.platform.stores.users.findById(userId))?.email ?? '';
}

/** Create or select ONE profile: the grant covers only that one (contract §4). */
export const profileStep: Step = {
  name: 'profile',
  done: (flow) => flow.interaction.profileId !== null,
  // Until Allow or Deny, the chosen profile is only a choice: Back may change it (issue 13).
  revisit: (flow) => flow.interaction.decision === null,
  async render(flow, flash) {
    const profiles = await ownProfiles(flow);
    return profilePage({
      partnerName: flow.client.name,
      email: await accountEmail(flow, profiles[0]),
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
    const chosen = form.get('profileId');
    if (chosen !== undefined) {
      const profile = (await ownProfiles(flow)).find((p) => String(p.id) === chosen);
      if (!profile) {
        await saveInteraction(flow, {
          flash: { errors: [{ field: 'profileId', message: 'Choose one of your profiles.' }] },
        });
        return;
      }
      await saveInteraction(flow, { profileId: profile.id, flash: null });
      return;
    }
    const user = await platform.stores.users.findById(interaction.userId!);
    const read = readNewProfile(form, interaction.userId!, user?.email ?? '', platform.now());
    if ('problems' in read) {
      await saveInteraction(flow, { flash: { errors: read.problems, values: read.values } });
      return;
    }
    const created = await platform.stores.profiles.create(read.profile, platform.now());
    if (created === 'conflict') {
      await saveInteraction(flow, {
        flash: {
          errors: [{ field: 'profileId', message: 'You already have a personal profile. Choose it above.' }],
        },
      });
      return;
    }
    await saveInteraction(flow, { profileId: created.id, flash: null });
  },
};
