// https://docs.wise.com/api-reference/profile, "Remove trusted verification from a profile".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startTestPlatform, type TestPlatform } from '../support/index.js';
import { addPartner, britishProfile, createPersonal, type Partner, postEmpty, signUp } from './support.js';

describe('DELETE /v3/profiles/{profileId}/trusted-verification', () => {
  let p: TestPlatform;
  let partner: Partner;
  let other: Partner;

  const remove = (token: string, profileId: number | string) =>
    fetch(`${p.url}/v3/profiles/${profileId}/trusted-verification`, {
      method: 'DELETE',
      headers: bearer(token),
    });
  async function verifiedCustomer() {
    const user = await signUp(p, partner);
    const res = await createPersonal(p, user.token, britishProfile());
    assert.equal(res.status, 200, res.text);
    const profileId = res.body.id as number;
    const sim = await postEmpty(
      `${p.url}/v1/simulation/profiles/${profileId}/verifications`,
      bearer(user.token),
    );
    assert.equal(sim.status, 200);
    return { ...user, profileId };
  }

  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    other = await addPartner(p);
  });
  after(() => p.close());

  test('the creating partner: 204 No Content, the profile is not_verified again; again: 204, no change', async () => {
    const c = await verifiedCustomer();
    const res = await remove(partner.clientToken, c.profileId);
    assert.equal(res.status, 204);
    assert.equal(await res.text(), '');
    assert.equal(await p.platform.stores.verifications.profileState(c.profileId), 'not_verified');
    assert.ok(await p.platform.stores.profiles.findById(c.profileId), 'not deleted');
    assert.equal((await remove(partner.clientToken, c.profileId)).status, 204);
  });

  test("another partner's profile, odd ids: 404; a user token: 403; no change", async () => {
    const c = await verifiedCustomer();
    assert.equal((await remove(other.clientToken, c.profileId)).status, 404);
    for (const id of ['abc', '0', '99999999999'])
      assert.equal((await remove(partner.clientToken, id)).status, 404, id);
    assert.equal((await remove(c.token, c.profileId)).status, 403);
    assert.equal(await p.platform.stores.verifications.profileState(c.profileId), 'verified');
  });
});
