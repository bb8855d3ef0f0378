import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestPlatform, type TestPlatform } from '../support/index.js';
import { addPartner, brazilianProfile, createPersonal, getAs, type Partner, signUp } from './support.js';
import { WISE_PERSONAL_REQUEST, WISE_TIME, wisePersonalResponse } from './wise-examples.js';

// Oracle: https://docs.wise.com/api-reference/profile ("Create a Personal Profile", "Personal Profile Object")
// and https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation ("Handling duplicate Wise accounts").
describe('v2 personal profiles as Wise documents them', () => {
  let p: TestPlatform;
  let partner: Partner;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());

  test("POST /v2/profiles/personal-profile with Wise's example request answers Wise's example response", async () => {
    const user = await signUp(p, partner);
    const res = await createPersonal(p, user.token, WISE_PERSONAL_REQUEST, {
      'X-idempotence-uuid': '054064c9-e01e-49fb-8fd9-b0990b9442f4',
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(typeof res.body.id, 'number');
    assert.deepEqual(res.body, wisePersonalResponse(res.body.id));
  });

  test("GET /v2/profiles and /v2/profiles/{id} answer Wise's Personal Profile Object, field for field", async () => {
    const user = await signUp(p, partner);
    const created = await createPersonal(p, user.token, {
      ...WISE_PERSONAL_REQUEST,
      dateOfBirth: '1977-07-02',
    });
    assert.equal(created.status, 200, created.text);
    const one = await getAs(p, user.token, `/v2/profiles/${created.body.id}`);
    const list = await getAs(p, user.token, '/v2/profiles');
    assert.equal(one.status, 200);
    assert.deepEqual(list.body, [one.body]);
    const b = one.body;
    assert.equal(typeof b.address.id, 'number');
    assert.match(b.createdAt, WISE_TIME);
    assert.match(b.publicId, /^[0-9a-f-]{36}$/);
    const at = p.clock.now().toISOString().slice(0, 19);
    assert.deepEqual(b, {
      type: 'PERSONAL',
      id: created.body.id,
      publicId: b.publicId,
      userId: user.userId,
      address: {
        id: b.address.id,
        addressFirstLine: '50 Sunflower Ave',
        city: 'Phoenix',
        countryIso2Code: 'US',
        countryIso3Code: 'usa',
        postCode: '10025',
        stateCode: 'AZ',
      },
      // The profile's email is the account's; contactDetails are the profile's own.
      email: user.email,
      createdAt: at,
      updatedAt: at,
      avatar: null,
      currentState: 'VISIBLE',
      contactDetails: { email: 'o.wilson@example.com', phoneNumber: '+3725064992' },
      firstName: 'Oliver',
      lastName: 'Wilson',
      preferredName: 'Olivia',
      dateOfBirth: '1977-07-02',
      phoneNumber: '+3725064992',
      secondaryAddresses: [],
      fullName: 'Oliver Wilson',
    });
  });

  test('without X-idempotence-uuid, a profile that already exists is a 409', async () => {
    const user = await signUp(p, partner);
    const body = brazilianProfile();
    assert.equal((await createPersonal(p, user.token, body)).status, 200);
    const again = await createPersonal(p, user.token, body);
    assert.equal(again.status, 409);
    assert.equal(again.body.errors[0].code, 'NOT_UNIQUE');
  });

  test('the same person (names in any case, date of birth) on a second user account is a 409', async () => {
    const first = await signUp(p, partner);
    const second = await signUp(p, partner);
    const body = brazilianProfile({ firstName: 'Beatriz', lastName: 'Lima' });
    assert.equal((await createPersonal(p, first.token, body)).status, 200);
    const dup = await createPersonal(p, second.token, { ...body, firstName: 'BEATRIZ', lastName: 'lima' });
    assert.equal(dup.status, 409);
    assert.deepEqual(dup.body, {
      errors: [
        {
          code: 'NOT_UNIQUE',
          message:
            'A profile with these details already exists on another account: the customer may already have a Wise account to link',
          path: 'person',
          arguments: ['firstName', 'lastName', 'dateOfBirth'],
        },
      ],
    });
    assert.deepEqual(await p.platform.stores.profiles.listByUser(second.userId), []);
    // A key does not get around it, and the failure is not stored under the key.
    const keyed = await createPersonal(p, second.token, body, { 'X-idempotence-uuid': randomUUID() });
    assert.equal(keyed.status, 409);
    // Another date of birth is another person.
    const other = await createPersonal(p, second.token, { ...body, dateOfBirth: '1960-01-01' });
    assert.equal(other.status, 200);
  });

  test('ten parallel creates of one person on ten accounts: one profile, nine 409s', async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => signUp(p, partner)));
    const body = brazilianProfile({ firstName: 'Carla', lastName: 'Dias' });
    const results = await Promise.all(users.map((u) => createPersonal(p, u.token, body)));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, ...Array(9).fill(409)]);
  });

  test("in sandbox mode Wise's sandbox person (Test User, 2000-01-01) may be on many accounts", async () => {
    // https://docs.wise.com/guides/regional/brazil/cpf-cnpj-and-financial-capacity: a sandbox CPF passes only on
    // a profile named Test User born 2000-01-01, so each Brazilian test account is that person.
    const body = brazilianProfile({ firstName: 'Test', lastName: 'User', dateOfBirth: '2000-01-01' });
    for (let i = 0; i < 2; i++) {
      const user = await signUp(p, partner);
      assert.equal((await createPersonal(p, user.token, body)).status, 200);
    }
    const strict = await startTestPlatform({ settings: { sandbox: false } });
    try {
      const other = await addPartner(strict);
      const first = await signUp(strict, other);
      const second = await signUp(strict, other);
      assert.equal((await createPersonal(strict, first.token, body)).status, 200);
      assert.equal((await createPersonal(strict, second.token, body)).status, 409);
    } finally {
      await strict.close();
    }
  });
});
