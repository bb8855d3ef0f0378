import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, type Response, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  brazilianProfile,
  codes,
  createPersonal,
  getAs,
  nextBirthday,
  type Partner,
  type PartnerUser,
  signUp,
} from './support.js';

/**
 * Contract §8's same-person rule on `PUT /v2/profiles/{id}/personal-profile`: Wise's guide "Profile
 * Creation", "Handling duplicate Wise accounts" (https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation):
 * the same names and date of birth on a second user account is a 409 NOT_UNIQUE `path: "person"`, whether
 * the profile is created that person or updated into it; the sandbox person is exempt in sandbox mode.
 */
describe('the same-person rule on personal profile updates', () => {
  let p: TestPlatform;
  let partner: Partner;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());

  async function put(on: TestPlatform, user: PartnerUser, id: number, body: unknown): Promise<Response> {
    const res = await fetch(`${on.url}/v2/profiles/${id}/personal-profile`, {
      method: 'PUT',
      headers: { ...bearer(user.token), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
  }

  /** A signed-up user with a personal profile of `person` and its update window open. */
  async function withProfile(on: TestPlatform, to: Partner, person: Record<string, unknown>) {
    const user = await signUp(on, to);
    const created = await createPersonal(on, user.token, brazilianProfile(person));
    assert.equal(created.status, 200, created.text);
    const id = created.body.id as number;
    const opened = await fetch(`${on.url}/v1/profiles/${id}/update-window`, {
      method: 'POST',
      headers: bearer(user.token),
    });
    assert.equal(opened.status, 204);
    return { user, id };
  }
  const someone = () => ({ firstName: 'Own', lastName: 'Person', dateOfBirth: nextBirthday() });

  test("an update into another account's person is a 409 NOT_UNIQUE person; the profile is unchanged", async () => {
    const taken = { firstName: 'Maria', lastName: 'Silva', dateOfBirth: nextBirthday() };
    await withProfile(p, partner, taken);
    const { user, id } = await withProfile(p, partner, someone());
    const before = await getAs(p, user.token, `/v2/profiles/${id}`);
    for (const names of [taken, { ...taken, firstName: 'MARIA', lastName: 'silva' }]) {
      const res = await put(p, user, id, brazilianProfile(names));
      assert.equal(res.status, 409, res.text);
      assert.deepEqual(codes(res), ['person:NOT_UNIQUE']);
      assert.deepEqual(res.body.errors[0].arguments, ['firstName', 'lastName', 'dateOfBirth']);
    }
    assert.deepEqual((await getAs(p, user.token, `/v2/profiles/${id}`)).body, before.body);
    // Another date of birth is another person.
    const other = await put(p, user, id, brazilianProfile({ ...taken, dateOfBirth: nextBirthday() }));
    assert.equal(other.status, 200, other.text);
  });

  test('an update that keeps the person, or changes only its case, never conflicts', async () => {
    const person = someone();
    const { user, id } = await withProfile(p, partner, person);
    const same = await put(p, user, id, brazilianProfile({ ...person, preferredName: 'Nova' }));
    assert.equal(same.status, 200, same.text);
    const cased = await put(p, user, id, brazilianProfile({ ...person, firstName: 'OWN' }));
    assert.equal(cased.status, 200, cased.text);
    assert.equal((await getAs(p, user.token, `/v2/profiles/${id}`)).body.firstName, 'OWN');
  });

  test('two accounts updating into the same new person at once: one wins, the other gets the 409', async () => {
    for (let round = 0; round < 3; round++) {
      const users = await Promise.all(Array.from({ length: 4 }, () => withProfile(p, partner, someone())));
      const target = { firstName: 'Racing', lastName: `Update${round}`, dateOfBirth: nextBirthday() };
      const outcomes = await Promise.all(
        users.map(({ user, id }) => put(p, user, id, brazilianProfile(target))),
      );
      assert.deepEqual(
        outcomes.map((o) => o.status).sort(),
        [200, 409, 409, 409],
        JSON.stringify(outcomes.map((o) => o.text)),
      );
    }
  });

  test('an update and a create of the same new person at once: one wins', async () => {
    for (let round = 0; round < 3; round++) {
      const { user, id } = await withProfile(p, partner, someone());
      const creator = await signUp(p, partner);
      const target = { firstName: 'Racing', lastName: `Create${round}`, dateOfBirth: nextBirthday() };
      const [updated, created] = await Promise.all([
        put(p, user, id, brazilianProfile(target)),
        createPersonal(p, creator.token, brazilianProfile(target)),
      ]);
      assert.deepEqual(
        [updated.status, created.status].sort(),
        [200, 409],
        `${updated.text} ${created.text}`,
      );
    }
  });

  test('in sandbox mode the sandbox person is exempt; out of it the update is a 409', async () => {
    const testUser = { firstName: 'Test', lastName: 'User', dateOfBirth: '2000-01-01' };
    // The test platform runs in sandbox mode (testPlatformConfig).
    await withProfile(p, partner, testUser);
    const exempt = await withProfile(p, partner, someone());
    assert.equal((await put(p, exempt.user, exempt.id, brazilianProfile(testUser))).status, 200);
    const production = await startTestPlatform({ settings: { sandbox: false } });
    try {
      const bank = await addPartner(production);
      await withProfile(production, bank, testUser);
      const { user, id } = await withProfile(production, bank, someone());
      const res = await put(production, user, id, brazilianProfile(testUser));
      assert.equal(res.status, 409, res.text);
      assert.deepEqual(codes(res), ['person:NOT_UNIQUE']);
    } finally {
      await production.close();
    }
  });
});
