import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  brazilianProfile,
  codes,
  getAs,
  LEGACY_BUSINESS,
  legacyPersonal,
  type Partner,
  postJson,
  signUp,
} from './support.js';

/**
 * Legacy `POST /v1/profiles` (contract §8). Oracle: TransferWise's legacy API reference, "User Profiles"
 * (request and response bodies), and https://docs.wise.com/guides/developer/errors, "Create Personal
 * Profile" (its 400 and 422 bodies).
 */
describe('legacy POST /v1/profiles: Wise\u2019s bank-flow bodies (contract §8)', () => {
  let p: TestPlatform;
  let partner: Partner;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());

  const create = (token: string, body: unknown) => postJson(`${p.url}/v1/profiles`, body, bearer(token));

  test('the 4-field personal body creates a profile without an address; Wise\u2019s response body', async () => {
    const user = await signUp(p, partner);
    const res = await create(user.token, legacyPersonal('1977-07-01'));
    assert.equal(res.status, 200, res.text);
    // TransferWise's legacy reference, "Create (Personal)", example response.
    const expected = {
      id: res.body.id,
      type: 'personal',
      details: {
        firstName: 'Oliver',
        lastName: 'Wilson',
        dateOfBirth: '1977-07-01',
        phoneNumber: '+3725064992',
        avatar: '',
        occupation: '',
        primaryAddress: null,
      },
    };
    assert.deepEqual(res.body, expected);
    assert.equal(typeof res.body.id, 'number');
    assert.deepEqual((await getAs(p, user.token, `/v1/profiles/${res.body.id}`)).body, expected);
    assert.deepEqual((await getAs(p, user.token, '/v1/profiles')).body, [expected]);
    const stored = await p.platform.stores.profiles.findById(res.body.id);
    assert.equal(stored?.address, null);
    assert.equal(stored?.email, user.email, 'the contact email is the user\u2019s');
  });

  test('a business body after the personal one; Wise\u2019s response body; listed beside it', async () => {
    const user = await signUp(p, partner);
    const personal = await create(user.token, legacyPersonal());
    const res = await create(user.token, LEGACY_BUSINESS);
    assert.equal(res.status, 200, res.text);
    // TransferWise's legacy reference, "Create (Business)", example response.
    const expected = {
      id: res.body.id,
      type: 'business',
      details: {
        name: 'ABC Logistics Ltd',
        registrationNumber: '12144939',
        acn: null,
        abn: null,
        arbn: null,
        companyType: 'LIMITED',
        companyRole: 'OWNER',
        descriptionOfBusiness: 'Information and communication',
        webpage: 'https://abc-logistics.com',
        primaryAddress: null,
      },
    };
    assert.deepEqual(res.body, expected);
    assert.deepEqual((await getAs(p, user.token, '/v1/profiles')).body, [personal.body, expected]);
    const v2 = (await getAs(p, user.token, `/v2/profiles/${res.body.id}`)).body;
    assert.equal(v2.type, 'BUSINESS');
    assert.equal(v2.businessName, 'ABC Logistics Ltd');
  });

  test('Australian company numbers are kept', async () => {
    const user = await signUp(p, partner);
    await create(user.token, legacyPersonal());
    const details = { ...LEGACY_BUSINESS.details, acn: '000 000 019', abn: '51 824 753 556', arbn: null };
    const res = await create(user.token, { type: 'business', details });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([res.body.details.acn, res.body.details.abn], ['000 000 019', '51 824 753 556']);
  });

  test('a business profile before any personal one is refused (Wise: personal profile first always)', async () => {
    const user = await signUp(p, partner);
    const res = await create(user.token, LEGACY_BUSINESS);
    assert.equal(res.status, 422);
    assert.deepEqual(codes(res), ['type:ERROR']);
    assert.deepEqual(await p.platform.stores.profiles.listByUser(user.userId), []);
  });

  test('a second personal profile is a 409', async () => {
    const user = await signUp(p, partner);
    assert.equal((await create(user.token, legacyPersonal())).status, 200);
    const again = await create(user.token, legacyPersonal());
    assert.equal(again.status, 409);
    assert.deepEqual(codes(again), ['type:NOT_UNIQUE']);
  });

  test('a type other than personal or business: Wise\u2019s 400 body exactly', async () => {
    const user = await signUp(p, partner);
    for (const type of ['robot', 'PERSONALS', 7, ['personal']]) {
      const res = await create(user.token, { type, details: legacyPersonal().details });
      assert.equal(res.status, 400, String(type));
      // https://docs.wise.com/guides/developer/errors, "400 - Bad Profile Type".
      assert.deepEqual(res.body, {
        errors: [{ code: 'BAD_REQUEST', message: 'Could not resolve type id', arguments: [] }],
      });
    }
    // Where the page is silent, the validation family (ours).
    const noType = await create(user.token, { details: legacyPersonal().details });
    assert.equal(noType.status, 422);
    assert.deepEqual(codes(noType), ['type:MISSING']);
  });

  test('no details: Wise\u2019s 400 body exactly; details of the wrong type a 422 (ours)', async () => {
    const user = await signUp(p, partner);
    for (const details of [undefined, null]) {
      const res = await create(user.token, { type: 'personal', details });
      assert.equal(res.status, 400);
      // https://docs.wise.com/guides/developer/errors, "400 - Missing Details".
      assert.deepEqual(res.body, {
        errors: [{ code: 'BAD_REQUEST', message: 'Missing details property', arguments: [] }],
      });
    }
    for (const details of [[1], 'text', 5]) {
      const res = await create(user.token, { type: 'personal', details });
      assert.equal(res.status, 422, JSON.stringify(details));
      assert.deepEqual(codes(res), ['details:UNEXPECTED']);
    }
  });

  test('field errors at the paths Wise shows (no details. prefix), every one at once', async () => {
    const user = await signUp(p, partner);
    // https://docs.wise.com/guides/developer/errors, "422 - Validation Errors": firstName, lastName MISSING,
    // dateOfBirth ERROR, phoneNumber refused.
    const res = await create(user.token, {
      type: 'personal',
      details: { firstName: ' ', dateOfBirth: '01/07/1977', phoneNumber: '+123' },
    });
    assert.equal(res.status, 422);
    const got = codes(res);
    assert.deepEqual(
      got.filter((c) => !c.startsWith('phoneNumber:')),
      ['dateOfBirth:ERROR', 'firstName:MISSING', 'lastName:MISSING'],
    );
    assert.ok(
      got.some((c) => c.startsWith('phoneNumber:')),
      got.join(),
    );
    const noPhone = await create(user.token, {
      type: 'personal',
      details: { ...legacyPersonal().details, phoneNumber: undefined },
    });
    assert.deepEqual(codes(noPhone), ['phoneNumber:MISSING']);
    const business = await create(user.token, { type: 'business', details: { registrationNumber: 5 } });
    assert.deepEqual(codes(business), ['name:MISSING', 'registrationNumber:UNEXPECTED']);
    assert.deepEqual(await p.platform.stores.profiles.listByUser(user.userId), []);
  });

  test('wrong types, oversized and odd values are 4xx, never 500', async () => {
    const user = await signUp(p, partner);
    const bad: unknown[] = [
      { type: 'personal', details: { ...legacyPersonal().details, firstName: 'x'.repeat(10_000) } },
      { type: 'personal', details: { ...legacyPersonal().details, firstName: 42 } },
      { type: 'personal', details: { ...legacyPersonal().details, dateOfBirth: '2999-01-01' } },
      { type: 'personal', details: { ...legacyPersonal().details, phoneNumber: { n: 1 } } },
      { type: 'business', details: { ...LEGACY_BUSINESS.details, companyType: 'EMPIRE' } },
      { type: 'business', details: { ...LEGACY_BUSINESS.details, webpage: 'w'.repeat(600) } },
      [],
      'null',
    ];
    for (const body of bad) {
      const res = await create(user.token, body);
      assert.ok(res.status >= 400 && res.status < 500, `${res.status} ${res.text}`);
    }
    const client = await postJson(`${p.url}/v1/profiles`, legacyPersonal(), bearer(partner.clientToken));
    assert.equal(client.status, 403, 'a client token cannot create profiles');
  });

  test('the v2 field names under details are still taken (earlier partners of the platform)', async () => {
    const user = await signUp(p, partner);
    const res = await create(user.token, { type: 'personal', details: brazilianProfile() });
    assert.equal(res.status, 200, res.text);
    const v2 = (await getAs(p, user.token, `/v2/profiles/${res.body.id}`)).body;
    assert.equal(v2.address.addressFirstLine, 'Rua Augusta 1500');
    assert.equal(res.body.details.primaryAddress, v2.address.id);
  });
});
