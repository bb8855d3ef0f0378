// The events each state change publishes, read through a recorder in place of `publishEvent` (interfaces.md;
// the webhooks part delivers them): https://docs.wise.com/guides/developer/webhooks/event-types.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Stores } from '../../src/store/stores.js';
import {
  changeUserState,
  occurredAt,
  type Publish,
  setVerification,
  verifyProfiles,
} from '../../src/verification/lifecycle.js';
import type { PlatformEvent } from '../../src/webhooks/publish.js';
import { startTestPlatform, type TestPlatform } from '../support/index.js';
import { addPartner, britishProfile, createPersonal, type Partner, signUp } from './support.js';

/** Records each event published, and fails on demand (to prove the state change rolls back with it). */
function recorder(fail = false): { events: PlatformEvent[]; publish: Publish } {
  const events: PlatformEvent[] = [];
  return {
    events,
    publish: async (_stores: Stores, event: PlatformEvent) => {
      if (fail) throw new Error('the event could not be enqueued');
      events.push(event);
    },
  };
}

describe('published events: one per state change, with the documented data', () => {
  let p: TestPlatform;
  let partner: Partner;

  async function customer() {
    const user = await signUp(p, partner);
    const res = await createPersonal(p, user.token, britishProfile());
    assert.equal(res.status, 200, res.text);
    return { userId: user.userId, profile: (await p.platform.stores.profiles.findById(res.body.id))! };
  }

  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());

  test('ten concurrent verifications: one profiles#verification-state-change, data as the example', async () => {
    const c = await customer();
    const r = recorder();
    await Promise.all(Array.from({ length: 10 }, () => verifyProfiles(p.platform, [c.profile], r.publish)));
    assert.deepEqual(r.events, [
      {
        type: 'profiles#verification-state-change',
        userId: c.userId,
        profileId: c.profile.id,
        data: {
          resource: { type: 'profile', id: c.profile.id },
          current_state: 'verified',
          occurred_at: occurredAt(p.clock.now()),
        },
      },
    ]);
    assert.match(String(r.events[0]!.data['occurred_at']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Back to not_verified (trusted verification removed): one more event, with that state.
    await setVerification(p.platform, [c.profile], 'not_verified', r.publish);
    await setVerification(p.platform, [c.profile], 'not_verified', r.publish);
    assert.deepEqual(
      r.events.map((e) => e.data['current_state']),
      ['verified', 'not_verified'],
    );
  });

  test('an event that cannot be published rolls the state change back', async () => {
    const c = await customer();
    await assert.rejects(verifyProfiles(p.platform, [c.profile], recorder(true).publish));
    assert.equal(await p.platform.stores.verifications.profileState(c.profile.id), 'not_verified');
    await assert.rejects(
      changeUserState(
        p.platform,
        c.userId,
        { state: 'DEACTIVATED', deactivationType: null, deactivationReason: null },
        recorder(true).publish,
      ),
    );
    assert.equal(await p.platform.stores.verifications.userState(c.userId), 'ACTIVE');
    assert.equal((await p.platform.stores.users.findById(c.userId))?.active, true, 'tokens and account kept');
  });

  test('ten concurrent deactivations: one users#state-change, data as the example', async () => {
    const c = await customer();
    const r = recorder();
    const change = {
      state: 'DEACTIVATED',
      deactivationType: 'ACCOUNT_CLOSURE',
      deactivationReason: 'REQUESTED_BY_CUSTOMER_CS',
    } as const;
    await Promise.all(
      Array.from({ length: 10 }, () => changeUserState(p.platform, c.userId, change, r.publish)),
    );
    assert.deepEqual(r.events, [
      {
        type: 'users#state-change',
        userId: c.userId,
        profileId: null,
        data: {
          resource: { id: c.userId, type: 'user' },
          previous_state: 'ACTIVE',
          current_state: 'DEACTIVATED',
          deactivation_type: 'ACCOUNT_CLOSURE',
          deactivation_reason: 'REQUESTED_BY_CUSTOMER_CS',
          occurred_at: occurredAt(p.clock.now()),
        },
      },
    ]);
  });
});
