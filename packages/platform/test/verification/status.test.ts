// The verification-status calls a partner reads (https://docs.wise.com/api-reference/profile, "Check profile
// verification status"; https://docs.wise.com/guides/product/kyc/partner-kyc/profile-creation,
// "Checking verification status using the API"; https://docs.wise.com/api-reference/verification,
// "Required Evidences").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, get, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  britishProfile,
  createPersonal,
  grantedToken,
  type Partner,
  postEmpty,
  signUp,
} from './support.js';

describe('POST /v3/profiles/{profileId}/verification-status/bank-transfer', () => {
  let p: TestPlatform;
  let partner: Partner;

  async function customer() {
    const user = await signUp(p, partner);
    const res = await createPersonal(p, user.token, britishProfile());
    assert.equal(res.status, 200, res.text);
    return { ...user, profileId: res.body.id as number };
  }
  const check = (token: string, profileId: number | string, query = '?source_currencies=GBP,USD,EUR') =>
    postEmpty(`${p.url}/v3/profiles/${profileId}/verification-status/bank-transfer${query}`, bearer(token));

  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());

  test('not verified: every route not_verified with 0, in the order asked, and the request id', async () => {
    const c = await customer();
    const res = await check(c.token, c.profileId);
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    // The documented example's fields, casing and types; `request_id` is this request's id.
    assert.deepEqual(res.body, {
      routes: [
        { source_currency: 'GBP', maximum_entitled_amount: 0, current_status: 'not_verified' },
        { source_currency: 'USD', maximum_entitled_amount: 0, current_status: 'not_verified' },
        { source_currency: 'EUR', maximum_entitled_amount: 0, current_status: 'not_verified' },
      ],
      request_id: res.headers.get('x-request-id'),
    });
    const body = res.body as { request_id: string; routes: object[] };
    assert.match(body.request_id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(Object.keys(body.routes[0]!), [
      'source_currency',
      'maximum_entitled_amount',
      'current_status',
    ]);
  });

  test("verified: every route verified with the example's amount 100000", async () => {
    const c = await customer();
    assert.equal(
      (await postEmpty(`${p.url}/v1/simulation/profiles/${c.profileId}/verifications`, bearer(c.token)))
        .status,
      200,
    );
    const res = await check(c.token, c.profileId, '?source_currencies=GBP');
    assert.deepEqual(res.body, {
      routes: [{ source_currency: 'GBP', maximum_entitled_amount: 100000, current_status: 'verified' }],
      request_id: res.headers.get('x-request-id'),
    });
  });

  test('source_currencies: repeated parameters and lower case are read; each currency once', async () => {
    const c = await customer();
    const res = await check(c.token, c.profileId, '?source_currencies=gbp&source_currencies=USD,GBP');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.body.routes.map((r: { source_currency: string }) => r.source_currency),
      ['GBP', 'USD'],
    );
  });

  test('bad source_currencies: 422 on source_currencies, never a 500', async () => {
    const c = await customer();
    for (const [query, code] of [
      ['', 'MISSING'],
      ['?source_currencies=', 'MISSING'],
      ['?source_currencies=,', 'MISSING'],
      ['?source_currencies=POUNDS', 'ERROR'],
      ['?source_currencies=GBP,12', 'ERROR'],
      [
        `?source_currencies=${Array.from({ length: 60 }, (_, i) => `A${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`).join(',')}`,
        'ERROR',
      ],
    ] as const) {
      const res = await check(c.token, c.profileId, query);
      assert.equal(res.status, 422, `${query}: ${res.text}`);
      assert.deepEqual(
        [res.body.errors[0].code, res.body.errors[0].path],
        [code, 'source_currencies'],
        query,
      );
    }
    // A NUL cannot be stored anywhere: the 400 every route gives, naming the parameter (contract "Error bodies").
    const nul = await check(c.token, c.profileId, '?source_currencies=%00%00%00');
    assert.equal(nul.status, 400, nul.text);
    assert.deepEqual(
      [nul.body.errors[0].code, nul.body.errors[0].path],
      ['BAD_REQUEST', 'source_currencies'],
    );
  });

  test('a profile the token was not granted is 404; an application token is 403; no token 401', async () => {
    const c = await customer();
    const d = await customer();
    const narrow = await grantedToken(p, partner.clientId, d.userId, [d.profileId]);
    assert.equal((await check(narrow, c.profileId)).status, 404);
    assert.equal((await check(c.token, 'abc')).status, 404);
    assert.equal((await check(partner.clientToken, c.profileId)).status, 403);
    const anonymous = await postEmpty(
      `${p.url}/v3/profiles/${c.profileId}/verification-status/bank-transfer?source_currencies=GBP`,
    );
    assert.equal(anonymous.status, 401);
  });

  test('GET …/verification-status/required-evidences: nothing is required', async () => {
    const c = await customer();
    const res = await get(
      `${p.url}/v3/profiles/${c.profileId}/verification-status/required-evidences`,
      bearer(c.token),
    );
    assert.equal(res.status, 200, res.text);
    assert.equal(res.text, '{"required_evidences":[]}');
    const d = await customer();
    assert.equal(
      (
        await get(
          `${p.url}/v3/profiles/${d.profileId}/verification-status/required-evidences`,
          bearer(c.token),
        )
      ).status,
      404,
    );
  });
});
