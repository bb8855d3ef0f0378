import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, type Response, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  brazilianProfile,
  codes,
  createPersonal,
  getAs,
  grantedToken,
  type Partner,
  type PartnerUser,
  signUp,
} from './support.js';
import { WISE_BUSINESS_REQUEST, WISE_PERSONAL_REQUEST, wisePersonalResponse } from './wise-examples.js';

/** Wise's "Update a Personal Profile" Example Request (https://docs.wise.com/api-reference/profile). */
const { externalCustomerId: _e, ...WISE_UPDATE_REQUEST } = WISE_PERSONAL_REQUEST;

async function send(method: string, url: string, token: string, body?: unknown): Promise<Response> {
  const res = await fetch(url, {
    method,
    headers: { ...bearer(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: text ? JSON.parse(text) : undefined,
  } as Response;
}

// Oracle: https://docs.wise.com/api-reference/profile ("Update a Personal Profile", "Update a Business
// Profile", "Open/Close an update window") and https://docs.wise.com/guides/product/kyc/partner-kyc/updating-profiles.
describe('profile updates and the update window', () => {
  let p: TestPlatform;
  let partner: Partner;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());
  const put = (user: PartnerUser, path: string, body: unknown) =>
    send('PUT', `${p.url}${path}`, user.token, body);
  const window = (user: PartnerUser, id: number, method: 'POST' | 'DELETE') =>
    send(method, `${p.url}/v1/profiles/${id}/update-window`, user.token);

  async function personalOf(user: PartnerUser, body = brazilianProfile()): Promise<number> {
    const res = await createPersonal(p, user.token, body);
    assert.equal(res.status, 200, res.text);
    return res.body.id;
  }

  test("open the window, PUT Wise's example request, close: the profile is Wise's example", async () => {
    const user = await signUp(p, partner);
    const id = await personalOf(user, {
      ...WISE_PERSONAL_REQUEST,
      firstName: 'Olly',
      dateOfBirth: '1977-06-30',
    });
    const opened = await window(user, id, 'POST');
    assert.equal(opened.status, 204);
    assert.equal(opened.text, '');
    p.clock.advance(3600);
    const res = await put(user, `/v2/profiles/${id}/personal-profile`, WISE_UPDATE_REQUEST);
    assert.equal(res.status, 200, res.text);
    // The externalCustomerId was not in the update body: it keeps its value.
    assert.deepEqual(res.body, wisePersonalResponse(id));
    assert.equal((await window(user, id, 'DELETE')).status, 204);
    const read = await getAs(p, user.token, `/v2/profiles/${id}`);
    assert.equal(read.body.fullName, 'Oliver Wilson');
    assert.equal(read.body.dateOfBirth, '1977-07-01');
    assert.equal(read.body.updatedAt, p.clock.now().toISOString().slice(0, 19));
    assert.notEqual(read.body.updatedAt, read.body.createdAt);
  });

  test('without an open window, identity fields are a 409 per field; contact details may change', async () => {
    const user = await signUp(p, partner);
    const body = brazilianProfile();
    const id = await personalOf(user, body);
    const refused = await put(user, `/v2/profiles/${id}/personal-profile`, {
      ...body,
      firstName: 'Outra',
      address: { ...(body['address'] as object), city: 'Campinas' },
    });
    assert.equal(refused.status, 409);
    assert.deepEqual(codes(refused), ['address:UPDATE_WINDOW_CLOSED', 'firstName:UPDATE_WINDOW_CLOSED']);
    assert.equal(
      refused.body.errors.find((e: { path: string }) => e.path === 'firstName').arguments[0],
      'firstName',
    );
    const contact = { email: 'new.ana@example.com', phoneNumber: '+5511900000000' };
    const allowed = await put(user, `/v2/profiles/${id}/personal-profile`, {
      ...body,
      contactDetails: contact,
    });
    assert.equal(allowed.status, 200, allowed.text);
    assert.deepEqual(allowed.body.details.contactDetails, contact);
    assert.equal(allowed.body.details.firstName, 'Ana');
    // Once the window is closed again, the identity is locked again.
    assert.equal((await window(user, id, 'POST')).status, 204);
    assert.equal((await window(user, id, 'POST')).status, 204);
    assert.equal((await window(user, id, 'DELETE')).status, 204);
    assert.equal(
      (await put(user, `/v2/profiles/${id}/personal-profile`, { ...body, firstName: 'X' })).status,
      409,
    );
  });

  test('bad bodies are the 422s of the create; wrong ids and types are 404s', async () => {
    const user = await signUp(p, partner);
    const body = brazilianProfile();
    const id = await personalOf(user, body);
    const bad = await put(user, `/v2/profiles/${id}/personal-profile`, {
      ...body,
      dateOfBirth: '2023-02-29',
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(codes(bad), ['dateOfBirth:ERROR']);
    assert.equal((await put(user, `/v2/profiles/${id}/business-profile`, { id })).status, 404);
    assert.equal((await put(user, '/v2/profiles/abc/personal-profile', body)).status, 404);
    assert.equal((await window(user, 2999999, 'POST')).status, 404);
    const stranger = await signUp(p, partner);
    assert.equal((await put(stranger, `/v2/profiles/${id}/personal-profile`, body)).status, 404);
    assert.equal((await window(stranger, id, 'POST')).status, 404);
    assert.equal(
      (await send('PUT', `${p.url}/v2/profiles/${id}/personal-profile`, partner.clientToken, body)).status,
      403,
    );
  });

  test("business update: Wise's example body; the id must match; left-out fields keep their values", async () => {
    const user = await signUp(p, partner);
    await personalOf(user);
    const created = await send(
      'POST',
      `${p.url}/v3/profiles/business-profile`,
      user.token,
      WISE_BUSINESS_REQUEST,
    );
    assert.equal(created.status, 200, created.text);
    const id: number = created.body.id;
    const path = `/v2/profiles/${id}/business-profile`;
    assert.deepEqual(codes(await put(user, path, { webpage: 'https://x.example' })), ['id:MISSING']);
    assert.deepEqual(codes(await put(user, path, { id: '1', webpage: 'https://x.example' })), ['id:ERROR']);
    // Wise's "Update a Business Profile" Example Request, with this profile's id.
    const { companyRole: _r, externalCustomerId: _x, actorEmail: _a, ...wiseUpdate } = WISE_BUSINESS_REQUEST;
    const same = await put(user, path, { ...wiseUpdate, id: String(id) });
    assert.equal(same.status, 200, same.text);
    const { updatedAt: _u1, ...before } = created.body;
    const { updatedAt: _u2, ...after } = same.body;
    assert.deepEqual(after, before);
    const partial = await put(user, path, { id, businessFreeFormDescription: 'Freight and storage' });
    assert.equal(partial.status, 200, partial.text);
    assert.equal(partial.body.businessFreeFormDescription, 'Freight and storage');
    assert.equal(partial.body.webpage, 'https://abc-logistics.com');
    assert.deepEqual(partial.body.operationalAddresses, created.body.operationalAddresses);
    const rename = await put(user, path, { id, businessName: 'XYZ Logistics Ltd' });
    assert.deepEqual(codes(rename), ['businessName:UPDATE_WINDOW_CLOSED']);
    assert.equal((await window(user, id, 'POST')).status, 204);
    assert.equal(
      (await put(user, path, { id, businessName: 'XYZ Logistics Ltd' })).body.fullName,
      'XYZ Logistics Ltd',
    );
  });

  test('parallel updates of different fields: every one applied, none lost', async () => {
    const user = await signUp(p, partner);
    await personalOf(user);
    const created = await send(
      'POST',
      `${p.url}/v3/profiles/business-profile`,
      user.token,
      WISE_BUSINESS_REQUEST,
    );
    const id: number = created.body.id;
    const path = `/v2/profiles/${id}/business-profile`;
    const fields = ['webpage', 'businessFreeFormDescription', 'descriptionOfBusiness', 'firstLevelCategory'];
    const results = await Promise.all(
      fields.map((field, i) => put(user, path, { id, [field]: `value-${i}` })),
    );
    for (const r of results) assert.equal(r.status, 200, r.text);
    const read = (await getAs(p, user.token, `/v2/profiles/${id}`)).body;
    fields.forEach((field, i) => {
      assert.equal(read[field], `value-${i}`, field);
    });
    const stored = await p.platform.stores.profiles.findById(id);
    assert.equal(stored?.version, 1 + fields.length);
  });

  test('ten parallel personal updates: each applied once, in turn', async () => {
    const user = await signUp(p, partner);
    const body = brazilianProfile();
    const id = await personalOf(user, body);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        put(user, `/v2/profiles/${id}/personal-profile`, { ...body, preferredName: `Nick${i}` }),
      ),
    );
    for (const r of results) assert.equal(r.status, 200, r.text);
    const stored = await p.platform.stores.profiles.findById(id);
    assert.equal(stored?.version, 11);
    assert.match(stored?.preferredName ?? '', /^Nick\d$/);
  });

  test('an authorization-code token updates only the profile it was granted', async () => {
    const user = await signUp(p, partner);
    const body = brazilianProfile();
    const id = await personalOf(user, body);
    const other = await grantedToken(p, partner.clientId, user.userId, []);
    const res = await send('PUT', `${p.url}/v2/profiles/${id}/personal-profile`, other, body);
    assert.equal(res.status, 404);
  });
});
