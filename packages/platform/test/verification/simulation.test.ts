// Wise's sandbox verification simulation (https://docs.wise.com/api-reference/simulation, "Simulate
// verification state change") and the verification status it moves
// (https://docs.wise.com/api-reference/profile, "Check profile verification status").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newBusinessProfile } from '../../src/profiles/index.js';
import { verificationStateData, verifyProfiles } from '../../src/verification/lifecycle.js';
import { bearer, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  brazilianProfile,
  britishProfile,
  cpf,
  cpfDoc,
  createPersonal,
  grantedToken,
  type Partner,
  postEmpty,
  signUp,
  submitDocument,
} from './support.js';

describe('POST /v1/simulation/profiles/{profileId}/verifications and /v1/simulation/verify-profile', () => {
  let p: TestPlatform;
  let partner: Partner;
  let other: Partner;
  let n = 0;

  async function customer(body: Record<string, unknown> = britishProfile(), of = partner) {
    const user = await signUp(p, of);
    const res = await createPersonal(p, user.token, body);
    assert.equal(res.status, 200, res.text);
    return { ...user, profileId: res.body.id as number };
  }
  const simulate = (token: string, profileId: number | string) =>
    postEmpty(`${p.url}/v1/simulation/profiles/${profileId}/verifications`, bearer(token));
  const status = (token: string, profileId: number) =>
    postEmpty(
      `${p.url}/v3/profiles/${profileId}/verification-status/bank-transfer?source_currencies=GBP,USD,EUR`,
      bearer(token),
    );
  const stateOf = (profileId: number) => p.platform.stores.verifications.profileState(profileId);

  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    other = await addPartner(p);
  });
  after(() => p.close());

  test('a new profile is not verified; the simulation with a user token answers 200 with no content and verifies it', async () => {
    const c = await customer();
    assert.equal(await stateOf(c.profileId), 'not_verified');
    const res = await simulate(c.token, c.profileId);
    assert.equal(res.status, 200);
    assert.equal(res.text, '', '"No content is returned with a 200 response code."');
    assert.equal(await stateOf(c.profileId), 'verified');
    const after = await status(c.token, c.profileId);
    assert.equal(after.status, 200);
    assert.deepEqual(
      after.body.routes.map((r: { current_status: string }) => r.current_status),
      ['verified', 'verified', 'verified'],
    );
  });

  test('an application token verifies a profile its partner is connected to; another partner gets 404', async () => {
    const c = await customer();
    assert.equal((await simulate(other.clientToken, c.profileId)).status, 404);
    assert.equal(await stateOf(c.profileId), 'not_verified');
    const res = await simulate(partner.clientToken, c.profileId);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.text, '');
    assert.equal(await stateOf(c.profileId), 'verified');
  });

  test('verifying twice, or ten times at once: every call 200, one state change', async () => {
    const c = await customer();
    const answers = await Promise.all(Array.from({ length: 10 }, () => simulate(c.token, c.profileId)));
    assert.deepEqual(
      answers.map((a) => [a.status, a.text]),
      Array.from({ length: 10 }, () => [200, '']),
    );
    assert.equal(await stateOf(c.profileId), 'verified');
    assert.equal((await simulate(c.token, c.profileId)).status, 200, 'again: still 200');
    // The state change (and so its profiles#verification-state-change event) happens once: of ten concurrent
    // verifications of a fresh profile, one reports the change.
    const d = await customer();
    const profile = (await p.platform.stores.profiles.findById(d.profileId))!;
    const changed = await Promise.all(
      Array.from({ length: 10 }, () => verifyProfiles(p.platform, [profile])),
    );
    assert.deepEqual(changed.flat(), [d.profileId]);
  });

  test("verify-profile verifies every profile of the token's user; an application token is refused", async () => {
    const c = await customer();
    const business = await p.platform.stores.profiles.create(
      newBusinessProfile(
        c.userId,
        {
          businessName: 'Wilson Ltd',
          registrationNumber: '07209813',
          address: { addressFirstLine: '1 Main St', city: 'London', countryIso3Code: 'GBR' },
        },
        partner.clientId,
      ),
      p.clock.now(),
    );
    if (business === 'conflict') throw new Error('conflict');
    const refused = await postEmpty(`${p.url}/v1/simulation/verify-profile`, bearer(partner.clientToken));
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error, 'insufficient_scope');
    const res = await postEmpty(`${p.url}/v1/simulation/verify-profile`, bearer(c.token));
    assert.equal(res.status, 200, res.text);
    assert.equal(res.text, '');
    assert.equal(await stateOf(c.profileId), 'verified');
    assert.equal(await stateOf(business.id), 'verified');
    assert.equal((await postEmpty(`${p.url}/v1/simulation/verify-profile`, bearer(c.token))).status, 200);
  });

  test('a profile the token was not granted, odd ids, no token: 404 and 401', async () => {
    const c = await customer();
    const d = await customer();
    const narrow = await grantedToken(p, other.clientId, d.userId, [d.profileId]);
    assert.equal((await simulate(narrow, c.profileId)).status, 404);
    for (const id of ['abc', '0', '-1', '99999999999', '3000000']) {
      const res = await simulate(c.token, id);
      assert.equal(res.status, 404, id);
      assert.equal(res.body.errors[0].code, 'NOT_FOUND');
    }
    const anonymous = await postEmpty(`${p.url}/v1/simulation/profiles/${c.profileId}/verifications`);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error, 'invalid_token');
    assert.equal(await stateOf(c.profileId), 'not_verified');
  });

  test('a Brazilian profile is verified once a CPF was accepted for it (contract "Verification")', async () => {
    const c = await customer(
      brazilianProfile({ firstName: 'Test', lastName: 'User', dateOfBirth: '2000-01-01' }),
    );
    const early = await simulate(c.token, c.profileId);
    assert.equal(early.status, 422);
    assert.deepEqual(
      early.body.errors.map((e: { code: string; path: string }) => [e.code, e.path]),
      [['ERROR', 'profileId']],
    );
    assert.equal((await postEmpty(`${p.url}/v1/simulation/verify-profile`, bearer(c.token))).status, 422);
    // A refused CPF does not count.
    const refused = await submitDocument(
      p,
      c.token,
      c.profileId,
      cpfDoc(cpf(`3${String(++n).padStart(8, '0')}`)),
    );
    assert.equal(refused.status, 422);
    assert.equal((await simulate(c.token, c.profileId)).status, 422);
    assert.equal(await stateOf(c.profileId), 'not_verified');
    const accepted = await submitDocument(
      p,
      c.token,
      c.profileId,
      cpfDoc(cpf(`7${String(++n).padStart(8, '0')}`)),
    );
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal((await simulate(c.token, c.profileId)).status, 200);
    assert.equal(await stateOf(c.profileId), 'verified');
  });

  test('not mounted outside sandbox mode: "These features are limited to sandbox only"', async () => {
    const prod = await startTestPlatform({ settings: { sandbox: false } });
    try {
      const res = await postEmpty(`${prod.url}/v1/simulation/profiles/1/verifications`, bearer('x'));
      assert.equal(res.status, 404);
      assert.equal((await postEmpty(`${prod.url}/v1/simulation/verify-profile`)).status, 404);
    } finally {
      await prod.close();
    }
  });

  test("the event's data is the documented one (https://docs.wise.com/guides/developer/webhooks/event-types, profiles#verification-state-change example)", () => {
    assert.equal(
      JSON.stringify(verificationStateData(111, 'verified', new Date('2020-01-01T12:34:56.999Z'))),
      JSON.stringify({
        resource: { type: 'profile', id: 111 },
        current_state: 'verified',
        occurred_at: '2020-01-01T12:34:56Z',
      }),
    );
  });
});
