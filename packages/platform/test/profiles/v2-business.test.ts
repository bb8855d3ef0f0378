import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  basic,
  bearer,
  linkAccount,
  PageClient,
  PERSONAL,
  postForm,
  postJson,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';
import {
  addPartner,
  brazilianProfile,
  codes,
  createPersonal,
  getAs,
  grantedToken,
  type Partner,
  signUp,
} from './support.js';
import { WISE_BUSINESS_REQUEST, WISE_REPRESENTATIVE, WISE_TIME } from './wise-examples.js';

const LONDON = {
  addressFirstLine: '1 A road',
  city: 'London',
  countryIso2Code: 'GB',
  countryIso3Code: 'gbr',
  postCode: '11111',
  stateCode: null,
};

/** Wise's "Business Profile Object" (https://docs.wise.com/api-reference/profile) for WISE_BUSINESS_REQUEST. */
function expectedBusiness(body: Record<string, unknown>, userId: number, email: string, at: string) {
  return {
    type: 'BUSINESS',
    id: body['id'],
    publicId: body['publicId'],
    userId,
    // The address's id (contract §8): a number, the one `GET /v1/addresses` knows it by.
    address: { id: (body['address'] as { id: number }).id, ...LONDON },
    email,
    createdAt: at,
    updatedAt: at,
    currentState: 'VISIBLE',
    contactDetails: { email: 'biz-acct@abcl.com', phoneNumber: null },
    businessName: 'ABC Logistics Ltd',
    registrationNumber: '12144939',
    descriptionOfBusiness: null,
    webpage: 'https://abc-logistics.com',
    companyType: 'LIMITED',
    businessFreeFormDescription: 'Biz free form desc',
    firstLevelCategory: 'CONSULTING_IT_BUSINESS_SERVICES',
    secondLevelCategory: 'DESIGN',
    operationalAddresses: [LONDON],
    fullName: 'ABC Logistics Ltd',
  };
}

// Oracle: https://docs.wise.com/api-reference/profile ("Create a Business Profile", v3 beta, and the
// "Business Profile Object"); the v2 path from https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation.
describe('business profiles created by API', () => {
  let p: TestPlatform;
  let partner: Partner;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());
  const createBusiness = (token: string, body: unknown, version = 'v3', headers = {}) =>
    postJson(`${p.url}/${version}/profiles/business-profile`, body, { ...bearer(token), ...headers });

  test("v3 with Wise's example request: the business object; listed on v1 and v2", async () => {
    const user = await signUp(p, partner);
    assert.equal((await createPersonal(p, user.token, brazilianProfile())).status, 200);
    const res = await createBusiness(user.token, WISE_BUSINESS_REQUEST);
    assert.equal(res.status, 200, res.text);
    assert.match(res.body.createdAt, WISE_TIME);
    const at = p.clock.now().toISOString().slice(0, 19);
    assert.deepEqual(res.body, expectedBusiness(res.body, user.userId, user.email, at));
    const v2 = await getAs(p, user.token, '/v2/profiles');
    assert.deepEqual(
      v2.body.map((x: { type: string }) => x.type),
      ['PERSONAL', 'BUSINESS'],
    );
    assert.deepEqual(v2.body[1], res.body);
    assert.deepEqual((await getAs(p, user.token, `/v2/profiles/${res.body.id}`)).body, res.body);
    const v1 = await getAs(p, user.token, '/v1/profiles');
    assert.equal(v1.body[1].id, res.body.id);
    assert.equal(v1.body[1].type, 'business');
    assert.equal(v1.body[1].details.name, 'ABC Logistics Ltd');
    assert.equal(v1.body[1].details.companyRole, 'OWNER');
  });

  test('the v2 path is the same call; a second identical business without a key is a 409', async () => {
    const user = await signUp(p, partner);
    assert.equal((await createPersonal(p, user.token, brazilianProfile())).status, 200);
    const res = await createBusiness(user.token, WISE_BUSINESS_REQUEST, 'v2');
    assert.equal(res.status, 200, res.text);
    const at = p.clock.now().toISOString().slice(0, 19);
    assert.deepEqual(res.body, expectedBusiness(res.body, user.userId, user.email, at));
    const again = await createBusiness(user.token, WISE_BUSINESS_REQUEST, 'v3');
    assert.equal(again.status, 409);
    assert.deepEqual(codes(again), ['businessName:NOT_UNIQUE']);
    // Wise: "there might be more than one business profile": another business is fine.
    const other = await createBusiness(user.token, { ...WISE_BUSINESS_REQUEST, registrationNumber: '999' });
    assert.equal(other.status, 200);
  });

  test('with one X-idempotence-uuid, ten parallel creates make one business and answer the same', async () => {
    const user = await signUp(p, partner);
    assert.equal((await createPersonal(p, user.token, brazilianProfile())).status, 200);
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        createBusiness(user.token, WISE_BUSINESS_REQUEST, 'v3', { 'X-idempotence-uuid': key }),
      ),
    );
    for (const r of results) {
      assert.equal(r.status, 200);
      assert.equal(r.text, results[0]!.text);
    }
    const all = await p.platform.stores.profiles.listByUser(user.userId);
    assert.equal(all.filter((x) => x.type === 'BUSINESS').length, 1);
  });

  test('the representative: required without a personal profile; its details create it; an id must be it', async () => {
    const user = await signUp(p, partner);
    const none = await createBusiness(user.token, WISE_BUSINESS_REQUEST);
    assert.equal(none.status, 422);
    assert.deepEqual(codes(none), ['businessRepresentative:MISSING']);
    const badId = await createBusiness(user.token, {
      ...WISE_BUSINESS_REQUEST,
      businessRepresentative: { businessRepresentativeId: 123 },
    });
    assert.deepEqual(codes(badId), ['businessRepresentative.businessRepresentativeId:ERROR']);
    const invalid = await createBusiness(user.token, {
      ...WISE_BUSINESS_REQUEST,
      businessName: '',
      businessRepresentative: { ...WISE_REPRESENTATIVE, dateOfBirth: 'soon' },
    });
    assert.equal(invalid.status, 422);
    assert.deepEqual(codes(invalid), ['businessName:MISSING', 'businessRepresentative.dateOfBirth:ERROR']);
    assert.deepEqual(await p.platform.stores.profiles.listByUser(user.userId), []);
    const rep = { ...WISE_REPRESENTATIVE, dateOfBirth: '1977-07-03' };
    const res = await createBusiness(user.token, { ...WISE_BUSINESS_REQUEST, businessRepresentative: rep });
    assert.equal(res.status, 200, res.text);
    const list = (await getAs(p, user.token, '/v2/profiles')).body;
    assert.deepEqual(
      list.map((x: { type: string; fullName: string }) => [x.type, x.fullName]),
      [
        ['PERSONAL', 'Oliver Wilson'],
        ['BUSINESS', 'ABC Logistics Ltd'],
      ],
    );
    const byId = await createBusiness(user.token, {
      ...WISE_BUSINESS_REQUEST,
      registrationNumber: '2',
      businessRepresentative: { businessRepresentativeId: list[0].id },
    });
    assert.equal(byId.status, 200, byId.text);
    const twice = await createBusiness(user.token, {
      ...WISE_BUSINESS_REQUEST,
      registrationNumber: '3',
      businessRepresentative: rep,
    });
    assert.equal(twice.status, 409);
  });

  test('companyType OTHER needs businessFreeFormDescription and webpage; bad fields are 422s', async () => {
    const user = await signUp(p, partner);
    assert.equal((await createPersonal(p, user.token, brazilianProfile())).status, 200);
    const { businessFreeFormDescription: _d, webpage: _w, ...rest } = WISE_BUSINESS_REQUEST;
    const res = await createBusiness(user.token, { ...rest, companyType: 'OTHER' });
    assert.equal(res.status, 422);
    assert.deepEqual(codes(res), ['businessFreeFormDescription:MISSING', 'webpage:MISSING']);
    const bad = await createBusiness(user.token, {
      ...WISE_BUSINESS_REQUEST,
      companyType: 'PLC',
      operationalAddresses: [{ city: 'Leeds' }],
    });
    assert.deepEqual(codes(bad), [
      'companyType:ERROR',
      'operationalAddresses[0].addressFirstLine:MISSING',
      'operationalAddresses[0].countryIso3Code:MISSING',
    ]);
  });

  test('a business created by API is chosen on the hosted pages, and the callback names it', async () => {
    const client = await p.addClient({ name: 'Example Bank', redirectUris: ['https://bank.example/cb'] });
    const person = { email: `${randomUUID()}@example.com`, password: 'a long enough passphrase' };
    const userId = await seedPerson(p, { ...person, profiles: [{ ...PERSONAL, dateOfBirth: '1955-05-05' }] });
    const token = await grantedToken(p, client.clientId, userId, [], 'registration_code');
    const created = await createBusiness(token, WISE_BUSINESS_REQUEST);
    assert.equal(created.status, 200, created.text);
    const browser = new PageClient(p.url);
    const callback = await linkAccount(p, browser, {
      client,
      redirectUri: 'https://bank.example/cb',
      ...person,
      profileId: created.body.id,
    });
    assert.equal(callback.searchParams.get('profileId'), String(created.body.id));
    const tokens = await postForm(
      `${p.url}/oauth/token`,
      {
        grant_type: 'authorization_code',
        client_id: client.clientId,
        code: callback.searchParams.get('code')!,
        redirect_uri: 'https://bank.example/cb',
      },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    assert.equal(tokens.status, 200, tokens.text);
    const granted = await getAs(p, tokens.body.access_token, `/v2/profiles/${created.body.id}`);
    assert.equal(granted.status, 200);
    assert.equal(granted.body.businessName, 'ABC Logistics Ltd');
  });
});
