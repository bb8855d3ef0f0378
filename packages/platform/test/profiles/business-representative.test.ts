import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, postJson, type Response, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  brazilianProfile,
  codes,
  getAs,
  grantedToken,
  type Partner,
  type PartnerUser,
  signUp,
} from './support.js';
import { WISE_BUSINESS_REQUEST, WISE_REPRESENTATIVE } from './wise-examples.js';

// Oracle: https://docs.wise.com/api-reference/profile ("Retrieve the Business Representative of a Business
// Profile", "Update the Business Representative of a Business Profile", "Submit a new Business
// Representative for a Business Profile"). Wise documents the requests; the response object is ours
// (contract §8): the request's fields and the representative's id.

/** "Example Request - Update Details". */
const WISE_UPDATE_DETAILS = {
  updateContext: 'UPDATE_DETAILS',
  contactDetails: { email: 'o.wilson@example.com', phoneNumber: '+3725064992' },
};
/** "Example Request - Transfer of Authorisation" (the same person as the create's example). */
const WISE_TRANSFER = { updateContext: 'TRANSFER_OF_AUTHORISATION', ...WISE_REPRESENTATIVE };

async function send(method: string, url: string, token: string, body?: unknown): Promise<Response> {
  const res = await fetch(url, {
    method,
    headers: { ...bearer(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed } as Response;
}

describe('the business representative (v3, beta)', () => {
  let p: TestPlatform;
  let partner: Partner;
  let registration = 1000;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());
  const path = (id: number | string) => `/v3/profiles/${id}/business-profile/business-representative`;
  const call = (method: string, user: PartnerUser | string, id: number | string, body?: unknown) =>
    send(method, `${p.url}${path(id)}`, typeof user === 'string' ? user : user.token, body);

  /** A business created with its representative's details; returns both ids. */
  async function business(user: PartnerUser, representative: Record<string, unknown>) {
    const res = await postJson(
      `${p.url}/v3/profiles/business-profile`,
      {
        ...WISE_BUSINESS_REQUEST,
        registrationNumber: String(registration++),
        businessRepresentative: representative,
      },
      bearer(user.token),
    );
    assert.equal(res.status, 200, res.text);
    const profiles = await getAs(p, user.token, '/v2/profiles');
    const personal = profiles.body.find((x: { type: string }) => x.type === 'PERSONAL');
    return { businessId: res.body.id as number, personalId: personal.id as number };
  }

  const brazilian = () => {
    const { nationality: _n, externalCustomerId: _e, occupations: _o, ...rest } = brazilianProfile();
    return rest;
  };
  const view = (id: number, person: Record<string, unknown>) => ({
    businessRepresentativeId: id,
    ...person,
    address: { postCode: null, stateCode: null, ...(person['address'] as object) },
  });

  test("PUT Wise's Update Details example changes the contact details only", async () => {
    const user = await signUp(p, partner);
    const person = brazilian();
    const { businessId, personalId } = await business(user, person);
    const res = await call('PUT', user, businessId, WISE_UPDATE_DETAILS);
    assert.equal(res.status, 200, res.text);
    const expected = view(personalId, { ...person, contactDetails: WISE_UPDATE_DETAILS.contactDetails });
    assert.deepEqual(res.body, { ...expected, address: { ...expected.address, countryIso3Code: 'bra' } });
    assert.deepEqual((await call('GET', user, businessId)).body, res.body);
    // The representative is the user's personal profile: its v2 object shows the change too.
    const personal = await getAs(p, user.token, `/v2/profiles/${personalId}`);
    assert.deepEqual(personal.body.contactDetails, WISE_UPDATE_DETAILS.contactDetails);
  });

  test("PUT Wise's Transfer of Authorisation example: the person is replaced, window or not; GET with a token granted only the business answers it", async () => {
    const user = await signUp(p, partner);
    const { businessId, personalId } = await business(user, brazilian());
    const res = await call('PUT', user, businessId, WISE_TRANSFER);
    assert.equal(res.status, 200, res.text);
    // Wise's transfer example is the person of Wise's create example, field for field.
    assert.deepEqual(res.body, { businessRepresentativeId: personalId, ...WISE_REPRESENTATIVE });
    const token = await grantedToken(p, partner.clientId, user.userId, [businessId]);
    const read = await call('GET', token, businessId);
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(read.body, res.body);
  });

  test("POST submits a new person; a person another account has is the creates' 409; parallel transfers to one person: one wins", async () => {
    const user = await signUp(p, partner);
    const { businessId, personalId } = await business(user, brazilian());
    const taken = await signUp(p, partner);
    await business(taken, { ...WISE_REPRESENTATIVE, dateOfBirth: '1977-07-02' });
    const refused = await call('POST', user, businessId, {
      ...WISE_REPRESENTATIVE,
      dateOfBirth: '1977-07-02',
    });
    assert.equal(refused.status, 409, refused.text);
    assert.deepEqual(codes(refused), ['person:NOT_UNIQUE']);
    const person = { ...WISE_REPRESENTATIVE, firstName: 'Olly' };
    const res = await call('POST', user, businessId, person);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { businessRepresentativeId: personalId, ...person });
    assert.deepEqual((await call('GET', user, businessId)).body, res.body);

    const racers = await Promise.all([signUp(p, partner), signUp(p, partner), signUp(p, partner)]);
    const ids = await Promise.all(racers.map((r) => business(r, brazilian())));
    const twin = { ...WISE_REPRESENTATIVE, firstName: 'Racing', dateOfBirth: '1977-07-03' };
    const outcomes = await Promise.all(racers.map((r, i) => call('POST', r, ids[i]!.businessId, twin)));
    assert.deepEqual(outcomes.map((o) => o.status).sort(), [200, 409, 409]);
  });

  test('an UPDATE_DETAILS rename into a person another account has is the same 409, the window open', async () => {
    const user = await signUp(p, partner);
    const { businessId, personalId } = await business(user, brazilian());
    const taken = await signUp(p, partner);
    const other = { ...WISE_REPRESENTATIVE, firstName: 'Renamed', dateOfBirth: '1977-07-04' };
    await business(taken, other);
    const opened = await postJson(`${p.url}/v1/profiles/${personalId}/update-window`, {}, bearer(user.token));
    assert.equal(opened.status, 204, opened.text);
    const before = (await call('GET', user, businessId)).body;
    const refused = await call('PUT', user, businessId, {
      updateContext: 'UPDATE_DETAILS',
      firstName: other.firstName,
      lastName: other.lastName,
      dateOfBirth: other.dateOfBirth,
    });
    assert.equal(refused.status, 409, refused.text);
    assert.deepEqual(codes(refused), ['person:NOT_UNIQUE']);
    assert.deepEqual((await call('GET', user, businessId)).body, before, 'nothing changed');
  });

  test('a representative shared by two businesses: a change through one shows through the other', async () => {
    const user = await signUp(p, partner);
    const { businessId, personalId } = await business(user, brazilian());
    const second = await business(user, { businessRepresentativeId: personalId });
    const res = await call('PUT', user, businessId, {
      updateContext: 'UPDATE_DETAILS',
      preferredName: 'Nina',
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual((await call('GET', user, second.businessId)).body, res.body);
  });

  test('a personal profile, a profile not granted or unknown: 404; no token: 401', async () => {
    const user = await signUp(p, partner);
    const { businessId, personalId } = await business(user, brazilian());
    for (const method of ['GET', 'PUT', 'POST']) {
      const body = method === 'GET' ? undefined : WISE_TRANSFER;
      assert.equal((await call(method, user, personalId, body)).status, 404);
      const other = await grantedToken(p, partner.clientId, user.userId, [personalId]);
      assert.equal((await call(method, other, businessId, body)).status, 404);
      for (const id of ['abc', '0', '99999999999', '2147483000']) {
        assert.equal((await call(method, user, id, body)).status, 404, `${method} ${id}`);
      }
      assert.equal((await send(method, `${p.url}${path(businessId)}`, '', body)).status, 401);
    }
  });

  test('bad input is a 4xx with the field, never a 500', async () => {
    const user = await signUp(p, partner);
    const { businessId } = await business(user, brazilian());
    const put = (body: unknown) => call('PUT', user, businessId, body);
    assert.deepEqual(codes(await put({ contactDetails: {} })), ['updateContext:MISSING']);
    assert.deepEqual(codes(await put({ updateContext: 'NEW' })), ['updateContext:ERROR']);
    assert.deepEqual(codes(await put({ updateContext: 7 })), ['updateContext:ERROR']);
    assert.deepEqual(
      codes(await call('POST', user, businessId, { ...WISE_TRANSFER, updateContext: 'UPDATE_DETAILS' })),
      ['updateContext:ERROR'],
    );
    assert.deepEqual(
      codes(
        await put({ updateContext: 'UPDATE_DETAILS', contactDetails: { email: 'nope', phoneNumber: '12' } }),
      ),
      ['contactDetails.email:ERROR', 'contactDetails.phoneNumber:ERROR'],
    );
    assert.deepEqual(codes(await put({ updateContext: 'UPDATE_DETAILS', contactDetails: 'x' })), [
      'contactDetails:UNEXPECTED',
    ]);
    // Identity fields follow the personal update's window rule (contract §8).
    const closed = await put({ updateContext: 'UPDATE_DETAILS', firstName: 'Maria' });
    assert.equal(closed.status, 409);
    assert.deepEqual(codes(closed), ['firstName:UPDATE_WINDOW_CLOSED']);
    const transfer = await put({ updateContext: 'TRANSFER_OF_AUTHORISATION' });
    assert.equal(transfer.status, 422);
    for (const field of [
      'firstName:MISSING',
      'lastName:MISSING',
      'preferredName:MISSING',
      'dateOfBirth:MISSING',
    ]) {
      assert.ok(codes(transfer).includes(field), `${field} in ${transfer.text}`);
    }
    for (const body of [[], 'text', 42, null]) {
      const res = await put(body);
      assert.ok(res.status >= 400 && res.status < 500, `${JSON.stringify(body)}: ${res.status}`);
    }
    const raw = await fetch(`${p.url}${path(businessId)}`, {
      method: 'PUT',
      headers: { ...bearer(user.token), 'content-type': 'application/json' },
      body: '{"updateContext":',
    });
    assert.equal(raw.status, 400);
    // Nothing above changed the representative.
    assert.equal((await call('GET', user, businessId)).body.firstName, 'Ana');
  });

  test('parallel PUTs of different fields: every write is kept', async () => {
    const user = await signUp(p, partner);
    const { businessId } = await business(user, brazilian());
    const bodies = [
      { preferredName: 'Nina' },
      { contactDetails: { email: 'nina@example.com' } },
      { contactDetails: { phoneNumber: '+5511912345678' } },
      { address: { postCode: '01310-100' } },
    ];
    // The address is an identity field: open the representative's window for it.
    const personalId = (await call('GET', user, businessId)).body.businessRepresentativeId;
    assert.equal(
      (await send('POST', `${p.url}/v1/profiles/${personalId}/update-window`, user.token)).status,
      204,
    );
    const results = await Promise.all(
      bodies.map((b) => call('PUT', user, businessId, { updateContext: 'UPDATE_DETAILS', ...b })),
    );
    for (const r of results) assert.equal(r.status, 200, r.text);
    const now = (await call('GET', user, businessId)).body;
    assert.equal(now.preferredName, 'Nina');
    assert.deepEqual(now.contactDetails, { email: 'nina@example.com', phoneNumber: '+5511912345678' });
    assert.equal(now.address.postCode, '01310-100');
    assert.equal(now.address.city, 'São Paulo');
  });
});
