import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newBusinessProfile } from '../../src/profiles/index.js';
import { bearer, postJson, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  brazilianProfile,
  createPersonal,
  getAs,
  grantedToken,
  type Partner,
  type PartnerUser,
  signUp,
} from './support.js';

describe('profiles: create, read back, token scoping (contract §8)', () => {
  let p: TestPlatform;
  let partner: Partner;
  let other: Partner;
  let user: PartnerUser;
  let personalId: number;
  let created: unknown;
  let businessId: number;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    other = await addPartner(p);
    user = await signUp(p, partner);
    const res = await createPersonal(p, user.token, brazilianProfile({ dateOfBirth: '1990-05-17' }));
    assert.equal(res.status, 200, res.text);
    personalId = res.body.id;
    created = res.body;
    const business = await p.platform.stores.profiles.create(
      newBusinessProfile(
        user.userId,
        {
          businessName: 'Souza Tecnologia Ltda',
          registrationNumber: '11222333000181',
          companyType: 'LIMITED',
          companyRole: 'OWNER',
          descriptionOfBusiness: 'Software',
          webpage: 'https://souza.example',
          address: {
            addressFirstLine: 'Av. Paulista 1000',
            city: 'São Paulo',
            countryIso3Code: 'BRA',
            stateCode: 'SP',
          },
        },
        null,
      ),
      p.clock.now(),
    );
    assert.notEqual(business, 'conflict');
    businessId = business === 'conflict' ? 0 : business.id;
  });
  after(() => p.close());

  test('POST and GET /v2/profiles/{id} answer the exact v2 personal shape', async () => {
    const res = await getAs(p, user.token, `/v2/profiles/${personalId}`);
    assert.equal(res.status, 200);
    assert.equal((created as { id: number }).id, personalId);
    // Wise's v2 times: to the second, no zone (https://docs.wise.com/api-reference/profile).
    const now = p.clock.now().toISOString().slice(0, 19);
    assert.deepEqual(res.body, {
      type: 'PERSONAL',
      id: personalId,
      publicId: res.body.publicId,
      userId: user.userId,
      address: {
        id: res.body.address.id,
        addressFirstLine: 'Rua Augusta 1500',
        city: 'São Paulo',
        countryIso2Code: 'BR',
        countryIso3Code: 'bra',
        postCode: '01304-001',
        stateCode: 'SP',
      },
      email: user.email,
      createdAt: now,
      updatedAt: now,
      avatar: null,
      currentState: 'VISIBLE',
      contactDetails: { email: 'ana.souza@example.com', phoneNumber: '+5511987654321' },
      firstName: 'Ana',
      lastName: 'Souza',
      preferredName: 'Aninha',
      dateOfBirth: '1990-05-17',
      phoneNumber: '+5511987654321',
      secondaryAddresses: [],
      fullName: 'Ana Souza',
    });
    assert.match(res.body.publicId, /^[0-9a-f-]{36}$/);
  });

  test('the partner-created profile is listed for its registration-code tokens; the seeded business is not', async () => {
    const v2 = await getAs(p, user.token, '/v2/profiles');
    assert.deepEqual(
      v2.body.map((x: { id: number }) => x.id),
      [personalId],
    );
    const v1 = await getAs(p, user.token, '/v1/profiles');
    assert.deepEqual(v1.body, [
      {
        id: personalId,
        type: 'personal',
        // TransferWise's legacy reference, "User Profiles": the address by its id (contract §8).
        details: {
          firstName: 'Ana',
          lastName: 'Souza',
          dateOfBirth: '1990-05-17',
          phoneNumber: '+5511987654321',
          avatar: '',
          occupation: 'Software Engineer',
          primaryAddress: (await getAs(p, user.token, `/v2/profiles/${personalId}`)).body.address.id,
        },
      },
    ]);
  });

  test('a profile the token was not granted is a 404, like one that does not exist', async () => {
    const hidden = await getAs(p, user.token, `/v2/profiles/${businessId}`);
    const missing = await getAs(p, user.token, '/v2/profiles/2999999');
    assert.equal(hidden.status, 404);
    assert.equal(missing.status, 404);
    assert.deepEqual(hidden.body, missing.body);
    assert.equal((await getAs(p, user.token, `/v1/profiles/${businessId}`)).status, 404);
  });

  test('ids that cannot be profile ids are 404s, never 500s', async () => {
    for (const id of [
      'abc',
      '-1',
      '0',
      '1.5',
      '1e3',
      '99999999999',
      '2147483648',
      '%20',
      '00000000002000001x',
    ]) {
      const res = await getAs(p, user.token, `/v2/profiles/${id}`);
      assert.equal(res.status, 404, id);
      assert.equal(res.body.errors[0].code, 'NOT_FOUND');
    }
  });

  test("another partner's token for the same person sees nothing", async () => {
    const foreign = await grantedToken(p, other.clientId, user.userId, [], 'registration_code');
    assert.deepEqual((await getAs(p, foreign, '/v2/profiles')).body, []);
    assert.equal((await getAs(p, foreign, `/v2/profiles/${personalId}`)).status, 404);
    assert.equal((await getAs(p, foreign, '/v1/me')).body.details, null);
  });

  test('an authorization-code grant sees exactly the profiles it names, with the business shape', async () => {
    const token = await grantedToken(p, other.clientId, user.userId, [businessId]);
    const list = await getAs(p, token, '/v2/profiles');
    assert.equal(list.status, 200);
    assert.equal(list.body.length, 1);
    const b = list.body[0];
    assert.equal(b.type, 'BUSINESS');
    assert.equal(b.id, businessId);
    assert.equal(b.businessName, 'Souza Tecnologia Ltda');
    assert.equal(b.registrationNumber, '11222333000181');
    assert.equal(b.companyType, 'LIMITED');
    // Wise's v2 business object has no companyRole (it is a request field); v1 keeps it.
    assert.equal(b.companyRole, undefined);
    assert.equal(b.currentState, 'VISIBLE');
    assert.equal(b.fullName, 'Souza Tecnologia Ltda');
    assert.equal(b.address.countryIso3Code, 'bra');
    assert.equal(b.firstName, undefined);
    assert.equal((await getAs(p, token, `/v2/profiles/${personalId}`)).status, 404);
    const v1 = await getAs(p, token, '/v1/profiles');
    assert.equal(v1.body[0].type, 'business');
    assert.equal(v1.body[0].details.name, 'Souza Tecnologia Ltda');
    // The personal profile was not granted, so /v1/me does not reveal it (ours).
    assert.equal((await getAs(p, token, '/v1/me')).body.details, null);
  });

  test('GET /v1/me fills details from the personal profile', async () => {
    const me = await getAs(p, user.token, '/v1/me');
    assert.equal(me.status, 200);
    assert.deepEqual(me.body, {
      id: user.userId,
      name: 'Ana Souza',
      email: user.email,
      active: true,
      details: {
        firstName: 'Ana',
        lastName: 'Souza',
        phoneNumber: '+5511987654321',
        occupation: 'Software Engineer',
        address: {
          firstLine: 'Rua Augusta 1500',
          city: 'São Paulo',
          countryCode: 'BR',
          postCode: '01304-001',
          state: 'SP',
        },
        dateOfBirth: '1990-05-17',
        avatar: null,
        primaryAddress: (await getAs(p, user.token, `/v2/profiles/${personalId}`)).body.address.id,
      },
    });
  });

  test('GET /v1/me before any profile: name and details null', async () => {
    const fresh = await signUp(p, partner);
    const me = await getAs(p, fresh.token, '/v1/me');
    assert.equal(me.body.name, null);
    assert.equal(me.body.details, null);
  });

  test('a second personal profile for the same person is a 409, through v2 and v1', async () => {
    const again = await createPersonal(p, user.token, brazilianProfile({ firstName: 'Outra' }));
    assert.equal(again.status, 409);
    assert.equal(again.body.errors[0].code, 'NOT_UNIQUE');
    const legacy = await postJson(
      `${p.url}/v1/profiles`,
      { type: 'personal', details: brazilianProfile() },
      bearer(user.token),
    );
    assert.equal(legacy.status, 409);
    assert.equal((await p.platform.stores.profiles.listByUser(user.userId)).length, 2);
  });

  test('legacy POST /v1/profiles creates a personal profile and answers the v1 shape', async () => {
    const fresh = await signUp(p, partner);
    const res = await postJson(
      `${p.url}/v1/profiles`,
      {
        type: 'personal',
        details: {
          firstName: 'João',
          lastName: 'Pereira',
          dateOfBirth: '1985-01-31',
          phoneNumber: '+5521998765432',
          address: {
            addressFirstLine: 'Rua 2',
            city: 'Rio de Janeiro',
            countryIso3Code: 'BRA',
            stateCode: 'RJ',
          },
        },
      },
      bearer(fresh.token),
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.type, 'personal');
    assert.equal(res.body.details.firstName, 'João');
    assert.equal(res.body.details.dateOfBirth, '1985-01-31');
    const v2 = await getAs(p, fresh.token, `/v2/profiles/${res.body.id}`);
    // The legacy body has no contact email: the user's own is used.
    assert.deepEqual(v2.body.contactDetails, { email: fresh.email, phoneNumber: '+5521998765432' });
  });

  test('profile routes need a user token', async () => {
    assert.equal((await getAs(p, partner.clientToken, '/v2/profiles')).status, 403);
    assert.equal((await getAs(p, 'nope', '/v2/profiles')).status, 401);
    const res = await createPersonal(p, partner.clientToken, brazilianProfile());
    assert.equal(res.status, 403);
  });
});
