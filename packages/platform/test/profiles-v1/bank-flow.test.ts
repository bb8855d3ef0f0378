import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startTestPlatform, type TestPlatform } from '../support/index.js';
import { ADDRESS_DETAILS, addPartner, getAs, legacyPersonal, postJson, signUp } from './support.js';

/**
 * Wise's legacy bank flow end to end, as Wise's own bank-flow requests send it (contract §8): sign the user
 * up, `POST /v1/profiles` with the 4-field body (no address), `POST /v1/addresses`, then the lists show the
 * address. Oracle: TransferWise's legacy API reference ("User Profiles") and
 * https://docs.wise.com/api-reference/address, https://docs.wise.com/api-reference/profile (the v2 object's
 * `address.id`).
 */
describe('the legacy bank flow: 4-field profile, then the address, then the lists (contract §8)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform();
  });
  after(() => p.close());

  test('every step answers as Wise documents, and both lists show the address', async () => {
    const partner = await addPartner(p);
    const user = await signUp(p, partner);

    const profile = await postJson(`${p.url}/v1/profiles`, legacyPersonal('1977-07-01'), bearer(user.token));
    assert.equal(profile.status, 200, profile.text);
    assert.equal(profile.body.details.primaryAddress, null);

    const address = await postJson(
      `${p.url}/v1/addresses`,
      { profile: profile.body.id, details: ADDRESS_DETAILS },
      bearer(user.token),
    );
    assert.equal(address.status, 200, address.text);
    assert.deepEqual(address.body, {
      id: address.body.id,
      profile: profile.body.id,
      details: ADDRESS_DETAILS,
    });

    const v1 = await getAs(p, user.token, '/v1/profiles');
    assert.deepEqual(v1.body, [
      {
        id: profile.body.id,
        type: 'personal',
        details: {
          firstName: 'Oliver',
          lastName: 'Wilson',
          dateOfBirth: '1977-07-01',
          phoneNumber: '+3725064992',
          avatar: '',
          occupation: 'Software Engineer',
          primaryAddress: address.body.id,
        },
      },
    ]);

    const v2 = await getAs(p, user.token, '/v2/profiles');
    assert.equal(v2.body.length, 1);
    assert.equal(v2.body[0].id, profile.body.id);
    assert.deepEqual(v2.body[0].address, {
      id: address.body.id,
      addressFirstLine: '50 Sunflower Ave',
      city: 'Phoenix',
      countryIso2Code: 'US',
      countryIso3Code: 'usa',
      postCode: '10025',
      stateCode: 'AZ',
    });
    assert.equal(v2.body[0].phoneNumber, '+3725064992');

    assert.deepEqual((await getAs(p, user.token, `/v1/addresses?profile=${profile.body.id}`)).body, [
      address.body,
    ]);
  });
});
