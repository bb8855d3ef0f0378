import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  ADDRESS_DETAILS,
  addPartner,
  codes,
  getAs,
  LEGACY_BUSINESS,
  legacyPersonal,
  type Partner,
  type PartnerUser,
  postJson,
  signUp,
} from './support.js';

/**
 * `/v1/addresses` (contract §8). Oracle: https://docs.wise.com/api-reference/address (the address object,
 * its request) and https://docs.wise.com/guides/developer/errors, "Create Address" (the 422 body).
 */
describe('/v1/addresses: addresses with ids, the profile\u2019s current address (contract §8)', () => {
  let p: TestPlatform;
  let partner: Partner;
  let user: PartnerUser;
  let profileId: number;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    user = await signUp(p, partner);
    profileId = (await postJson(`${p.url}/v1/profiles`, legacyPersonal(), bearer(user.token))).body.id;
  });
  after(() => p.close());

  const post = (token: string, body: unknown) => postJson(`${p.url}/v1/addresses`, body, bearer(token));

  test('POST answers Wise\u2019s address object; GET by id and the list answer the same', async () => {
    const res = await post(user.token, { profile: profileId, details: ADDRESS_DETAILS });
    assert.equal(res.status, 200, res.text);
    // https://docs.wise.com/api-reference/address, "Address Object".
    const expected = {
      id: res.body.id,
      profile: profileId,
      details: {
        country: 'US',
        state: 'AZ',
        city: 'Phoenix',
        postCode: '10025',
        firstLine: '50 Sunflower Ave',
        occupations: [{ code: 'Software Engineer', format: 'FREE_FORM' }],
      },
    };
    assert.deepEqual(res.body, expected);
    assert.ok(Number.isInteger(res.body.id));
    assert.deepEqual((await getAs(p, user.token, `/v1/addresses/${res.body.id}`)).body, expected);
    assert.deepEqual((await getAs(p, user.token, `/v1/addresses?profile=${profileId}`)).body, [expected]);
  });

  test('the address becomes the profile\u2019s: v2 `address` with its id, v1 `primaryAddress`, /v1/me', async () => {
    const res = await post(user.token, {
      profile: profileId,
      details: { country: 'gb', city: 'London', postCode: 'EC2N 1HQ', firstLine: '56 Shoreditch High St' },
    });
    assert.equal(res.status, 200, res.text);
    const v2 = (await getAs(p, user.token, `/v2/profiles/${profileId}`)).body;
    assert.deepEqual(v2.address, {
      id: res.body.id,
      addressFirstLine: '56 Shoreditch High St',
      city: 'London',
      countryIso2Code: 'GB',
      countryIso3Code: 'gbr',
      postCode: 'EC2N 1HQ',
      stateCode: null,
    });
    const v1 = (await getAs(p, user.token, `/v1/profiles/${profileId}`)).body;
    assert.equal(v1.details.primaryAddress, res.body.id);
    assert.equal((await getAs(p, user.token, '/v1/me')).body.details.primaryAddress, res.body.id);
    const list = (await getAs(p, user.token, `/v1/addresses?profile=${profileId}`)).body;
    assert.equal(list.at(-1).id, res.body.id, 'the older addresses stay listed, oldest first');
    assert.deepEqual(res.body.details.occupations, ADDRESS_DETAILS.occupations, 'the person\u2019s, kept');
  });

  test('missing fields: Wise\u2019s 422 body exactly', async () => {
    for (const details of [{}, undefined]) {
      const res = await post(user.token, { profile: profileId, details });
      assert.equal(res.status, 422);
      // https://docs.wise.com/guides/developer/errors, "Create Address", "422 - Missing Required Fields".
      assert.deepEqual(res.body, {
        errors: [
          {
            code: 'MISSING',
            message: 'Please specify Address',
            path: 'addressFirstLine',
            arguments: ['addressFirstLine'],
          },
          {
            code: 'MISSING',
            message: 'Property [addressCity] cannot be blank',
            path: 'addressCity',
            arguments: ['addressCity'],
          },
          {
            code: 'MISSING',
            message: 'Property [addressCountryCode] cannot be blank',
            path: 'addressCountryCode',
            arguments: ['addressCountryCode'],
          },
        ].sort((a, b) => order(a.path) - order(b.path)),
      });
    }
  });

  test('the state Wise requires for US, CA, BR, AU; occupations for CA and US-NM; a bad country', async () => {
    const details = (over: Record<string, unknown>) => ({
      profile: profileId,
      details: { ...ADDRESS_DETAILS, ...over },
    });
    assert.deepEqual(codes(await post(user.token, details({ state: undefined }))), ['addressState:MISSING']);
    assert.deepEqual(codes(await post(user.token, details({ state: 'ZZ' }))), ['addressState:ERROR']);
    assert.deepEqual(codes(await post(user.token, details({ state: 'NM', occupations: [] }))), [
      'occupations:MISSING',
    ]);
    assert.deepEqual(
      codes(await post(user.token, details({ country: 'CA', state: 'ON', occupations: null }))),
      ['occupations:MISSING'],
    );
    assert.deepEqual(codes(await post(user.token, details({ country: 'XX' }))), ['addressCountryCode:ERROR']);
    assert.deepEqual(codes(await post(user.token, details({ country: 'GB', state: 'AZ' }))), [
      'addressState:UNEXPECTED',
    ]);
    assert.equal((await post(user.token, details({ state: 'us-az' }))).body.details.state, 'AZ');
  });

  test('a business profile\u2019s address: no occupations needed', async () => {
    await postJson(`${p.url}/v1/profiles`, LEGACY_BUSINESS, bearer(user.token));
    const business = (await getAs(p, user.token, '/v1/profiles')).body.find(
      (x: { type: string }) => x.type === 'business',
    );
    const res = await post(user.token, {
      profile: business.id,
      details: { country: 'CA', state: 'ON', city: 'Toronto', firstLine: '1 King St W', postCode: 'M5H 1A1' },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(
      (await getAs(p, user.token, `/v1/profiles/${business.id}`)).body.details.primaryAddress,
      res.body.id,
    );
  });

  test('another user\u2019s profile or address, or no such id: 404; a missing profile: 422', async () => {
    const other = await signUp(p, partner);
    const mine = await post(user.token, { profile: profileId, details: ADDRESS_DETAILS });
    assert.equal((await post(other.token, { profile: profileId, details: ADDRESS_DETAILS })).status, 404);
    assert.equal((await getAs(p, other.token, `/v1/addresses/${mine.body.id}`)).status, 404);
    assert.equal((await getAs(p, other.token, `/v1/addresses?profile=${profileId}`)).status, 404);
    for (const id of ['abc', '-1', '0', '1e99', '99999999999', '1999999999']) {
      assert.equal((await getAs(p, user.token, `/v1/addresses/${id}`)).status, 404, id);
    }
    assert.deepEqual(codes(await post(user.token, { details: ADDRESS_DETAILS })), ['profile:MISSING']);
    assert.deepEqual(codes(await post(user.token, { profile: 'me', details: ADDRESS_DETAILS })), [
      'profile:UNEXPECTED',
    ]);
    assert.equal((await getAs(p, user.token, '/v1/addresses')).status, 422);
    const untouched = (await getAs(p, user.token, `/v2/profiles/${profileId}`)).body.address.id;
    assert.equal(untouched, mine.body.id, 'the refused requests changed nothing');
  });

  test('wrong types and oversized values are 4xx, never 500', async () => {
    const bad: unknown[] = [
      { profile: profileId, details: { ...ADDRESS_DETAILS, firstLine: 'x'.repeat(5000) } },
      { profile: profileId, details: { ...ADDRESS_DETAILS, city: ['Phoenix'] } },
      { profile: profileId, details: { ...ADDRESS_DETAILS, postCode: 10025 } },
      { profile: profileId, details: { ...ADDRESS_DETAILS, occupations: 'engineer' } },
      { profile: profileId, details: { ...ADDRESS_DETAILS, occupations: [{ code: 7 }] } },
      { profile: profileId, details: 'US' },
      { profile: 1.5, details: ADDRESS_DETAILS },
      { profile: 1e300, details: ADDRESS_DETAILS },
      [],
    ];
    for (const body of bad) {
      const res = await post(user.token, body);
      assert.ok(res.status >= 400 && res.status < 500, `${res.status} ${res.text}`);
    }
  });

  test('ten parallel POSTs for one profile: ten addresses, the profile shows exactly one, whole', async () => {
    const fresh = await signUp(p, partner);
    const id = (await postJson(`${p.url}/v1/profiles`, legacyPersonal(), bearer(fresh.token))).body.id;
    const sent = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(fresh.token, { profile: id, details: { ...ADDRESS_DETAILS, firstLine: `${i} Sunflower Ave` } }),
      ),
    );
    assert.ok(sent.every((r) => r.status === 200));
    const v2 = (await getAs(p, fresh.token, `/v2/profiles/${id}`)).body;
    const current = sent.find((r) => r.body.id === v2.address.id);
    assert.ok(current, 'the current address is one of those posted');
    assert.equal(v2.address.addressFirstLine, current!.body.details.firstLine);
    const list = (await getAs(p, fresh.token, `/v1/addresses?profile=${id}`)).body;
    assert.equal(list.length, 10);
  });
});

/** The order the validator reports the three fields in. */
const order = (path: string) => ['addressFirstLine', 'addressCity', 'addressCountryCode'].indexOf(path);

/**
 * `GET`/`POST /v1/address-requirements`. Oracle: https://docs.wise.com/api-reference/address, "Retrieve
 * address requirements dynamically" (the field object, the four top-level fields, state for US, occupation
 * for US-NM).
 */
describe('/v1/address-requirements (contract §8)', () => {
  let p: TestPlatform;
  let user: PartnerUser;
  before(async () => {
    p = await startTestPlatform();
    user = await signUp(p, await addPartner(p));
  });
  after(() => p.close());

  const keys = (body: { fields: { group: { key: string }[] }[] }[]) =>
    body[0]!.fields.map((f) => f.group[0]!.key);
  const ask = (details: unknown) =>
    postJson(`${p.url}/v1/address-requirements`, { details }, bearer(user.token));

  test('GET: the four fields, each in Wise\u2019s field object; the country a select of every country', async () => {
    const res = await getAs(p, user.token, '/v1/address-requirements');
    assert.equal(res.status, 200);
    assert.equal(res.body[0].type, 'address');
    assert.deepEqual(keys(res.body), ['country', 'city', 'postCode', 'firstLine']);
    const country = res.body[0].fields[0];
    assert.equal(country.name, 'Country');
    assert.deepEqual(Object.keys(country.group[0]).sort(), [
      'displayFormat',
      'example',
      'key',
      'maxLength',
      'minLength',
      'refreshRequirementsOnChange',
      'required',
      'type',
      'validationAsync',
      'validationRegexp',
      'valuesAllowed',
    ]);
    assert.equal(country.group[0].type, 'select');
    assert.equal(country.group[0].refreshRequirementsOnChange, true);
    assert.deepEqual(country.group[0].valuesAllowed[0], { key: 'AF', name: 'Afghanistan' });
    assert.ok(country.group[0].valuesAllowed.some((v: { key: string }) => v.key === 'AX'));
    // "City" as Wise's example shows it.
    assert.deepEqual(res.body[0].fields[1].group[0].valuesAllowed, null);
    assert.equal(res.body[0].fields[1].group[0].example, 'London');
  });

  test('POST: US adds the state (refresh on change), NM adds the occupation; GB adds neither', async () => {
    assert.deepEqual(keys((await ask({ country: 'US' })).body), [
      'country',
      'city',
      'postCode',
      'firstLine',
      'state',
    ]);
    const us = (await ask({ country: 'US' })).body[0].fields[4].group[0];
    assert.equal(us.refreshRequirementsOnChange, true);
    assert.ok(us.valuesAllowed.some((v: { key: string }) => v.key === 'NM'));
    assert.deepEqual(keys((await ask({ country: 'US', state: 'AL' })).body).length, 5);
    assert.deepEqual(keys((await ask({ country: 'US', state: 'NM' })).body).at(-1), 'occupations[0].code');
    assert.deepEqual(keys((await ask({ country: 'GB' })).body), ['country', 'city', 'postCode', 'firstLine']);
    for (const details of [undefined, 'US', { country: 7 }, { country: 'XX' }]) {
      const res = await ask(details);
      assert.equal(res.status, 200);
      assert.equal(keys(res.body).length, 4);
    }
  });
});
