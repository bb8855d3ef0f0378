import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  brazilianProfile,
  createPersonal,
  type Partner,
  type PartnerUser,
  signUp,
} from './support.js';
import { WISE_BUSINESS_REQUEST } from './wise-examples.js';

/** Sends raw text, so bodies that are not JSON objects reach the routes too. */
async function raw(method: string, url: string, token: string, text: string) {
  const res = await fetch(url, {
    method,
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: text,
  });
  return { status: res.status, body: await res.text() };
}

// Bad input on the v2 business and update routes is a contract 4xx, never a 500 (contract "Error bodies").
describe('v2 business and update routes: bad input is a 4xx', () => {
  let p: TestPlatform;
  let partner: Partner;
  let user: PartnerUser;
  let personalId: number;
  let businessId: number;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    user = await signUp(p, partner);
    personalId = (await createPersonal(p, user.token, brazilianProfile())).body.id;
    const res = await raw(
      'POST',
      `${p.url}/v3/profiles/business-profile`,
      user.token,
      JSON.stringify(WISE_BUSINESS_REQUEST),
    );
    businessId = JSON.parse(res.body).id;
  });
  after(() => p.close());

  const weird: unknown[] = [null, 1, 'x', true, [], {}, [null], { a: 1 }, '\u0000', 'x'.repeat(10_000)];

  test('every business field given every wrong type', async () => {
    const fields = [
      'businessName',
      'registrationNumber',
      'companyType',
      'companyRole',
      'address',
      'operationalAddresses',
      'businessRepresentative',
      'actorEmail',
      'webpage',
    ];
    for (const field of fields) {
      for (const value of weird) {
        const body = JSON.stringify({ ...WISE_BUSINESS_REQUEST, registrationNumber: 'r', [field]: value });
        const res = await raw('POST', `${p.url}/v3/profiles/business-profile`, user.token, body);
        assert.ok(res.status < 500, `${field}=${JSON.stringify(value)}: ${res.status}`);
      }
    }
    const rep = { businessRepresentativeId: { x: 1 } };
    const res = await raw(
      'POST',
      `${p.url}/v3/profiles/business-profile`,
      user.token,
      JSON.stringify({ ...WISE_BUSINESS_REQUEST, businessRepresentative: rep }),
    );
    assert.equal(res.status, 422);
  });

  test('updates with bodies that are not objects, fields of every wrong type, odd ids', async () => {
    const paths = [
      `/v2/profiles/${personalId}/personal-profile`,
      `/v2/profiles/${businessId}/business-profile`,
    ];
    for (const path of paths) {
      for (const text of ['', 'null', '[]', '"x"', '{', '1']) {
        const res = await raw('PUT', `${p.url}${path}`, user.token, text);
        assert.ok(res.status >= 400 && res.status < 500, `${path} ${text}: ${res.status}`);
      }
      for (const field of ['firstName', 'address', 'contactDetails', 'occupations', 'id', 'businessName']) {
        for (const value of weird) {
          const body = JSON.stringify({ ...brazilianProfile(), id: businessId, [field]: value });
          const res = await raw('PUT', `${p.url}${path}`, user.token, body);
          assert.ok(res.status < 500, `${path} ${field}=${JSON.stringify(value)}: ${res.status} ${res.body}`);
        }
      }
    }
    for (const id of ['abc', '-1', '1e3', '99999999999']) {
      for (const method of ['POST', 'DELETE']) {
        const res = await raw(method, `${p.url}/v1/profiles/${id}/update-window`, user.token, '{}');
        assert.equal(res.status, 404, `${method} ${id}`);
      }
    }
  });
});
