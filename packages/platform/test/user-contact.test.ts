import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  addPartner,
  brazilianProfile,
  createPersonal,
  type Partner,
  type PartnerUser,
  signUp,
} from './profiles/support.js';
import { bearer, get, startTestPlatform, type TestPlatform } from './support/index.js';

/**
 * `GET /v1/users/{userId}`, `PUT` and `GET /v1/users/{userId}/contact-email`, compared with Wise's examples:
 * https://docs.wise.com/api-reference/user.
 */
async function put(url: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const USER_NOT_FOUND = { errors: [{ code: 'NOT_FOUND', message: 'User not found' }] };

describe('GET /v1/users/{userId}', () => {
  let p: TestPlatform;
  let partner: Partner;
  let user: PartnerUser;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    user = await signUp(p, partner, 'new.user@example.com');
  });
  after(() => p.close());

  test('the user object, details null before a personal profile (Wise: as create-user answers)', async () => {
    const res = await get(`${p.url}/v1/users/${user.userId}`, bearer(user.token));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      id: user.userId,
      name: null,
      email: 'new.user@example.com',
      active: true,
      details: null,
    });
  });

  test("with a personal profile: the personal profile's info, as GET /v1/me gives it", async () => {
    const created = await createPersonal(p, user.token, brazilianProfile({ dateOfBirth: '1990-05-17' }));
    assert.ok(created.status === 200 || created.status === 201, JSON.stringify(created.body));
    const res = await get(`${p.url}/v1/users/${user.userId}`, bearer(user.token));
    const me = await get(`${p.url}/v1/me`, bearer(user.token));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, me.body);
    // The profile's current address, by the id `GET /v2/profiles` shows for it.
    const [profile] = (await get(`${p.url}/v2/profiles`, bearer(user.token))).body as {
      address: { id: number };
    }[];
    assert.equal(typeof profile?.address.id, 'number');
    // Wise's "User Object" example, field for field (avatar: none on the platform).
    assert.deepEqual(res.body, {
      id: user.userId,
      name: 'Ana Souza',
      email: 'new.user@example.com',
      active: true,
      details: {
        firstName: 'Ana',
        lastName: 'Souza',
        phoneNumber: '+5511987654321',
        occupation: 'Software Engineer',
        address: {
          city: 'São Paulo',
          countryCode: 'BR',
          postCode: '01304-001',
          state: 'SP',
          firstLine: 'Rua Augusta 1500',
        },
        dateOfBirth: '1990-05-17',
        avatar: null,
        primaryAddress: profile?.address.id,
      },
    });
  });

  test("another user's id, or no user id at all: 404, as an unknown user", async () => {
    const other = await signUp(p, partner);
    for (const id of [other.userId, 1, 99999999999, 'abc', '1e3']) {
      const res = await get(`${p.url}/v1/users/${id}`, bearer(user.token));
      assert.equal(res.status, 404, String(id));
      assert.deepEqual(res.body, USER_NOT_FOUND);
    }
  });

  test('a client token: 403; no token: 401', async () => {
    const client = await get(`${p.url}/v1/users/${user.userId}`, bearer(partner.clientToken));
    assert.equal(client.status, 403);
    assert.equal(client.body.error, 'insufficient_scope');
    const none = await get(`${p.url}/v1/users/${user.userId}`);
    assert.equal(none.status, 401);
    assert.equal(none.body.error, 'invalid_token');
  });
});

describe('PUT and GET /v1/users/{userId}/contact-email', () => {
  let p: TestPlatform;
  let partner: Partner;
  let user: PartnerUser;
  let url: string;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
    user = await signUp(p, partner, 'dummy-4711@bank.example');
    url = `${p.url}/v1/users/${user.userId}/contact-email`;
  });
  after(() => p.close());

  test('before any PUT: 404 (ours: Wise documents no empty answer)', async () => {
    const res = await get(url, bearer(user.token));
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, {
      errors: [{ code: 'NOT_FOUND', message: 'No contact email has been set for this user' }],
    });
  });

  test("PUT answers Wise's example body; GET gives it back", async () => {
    const res = await put(url, { email: 'new-user@email.com' }, bearer(user.token));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { email: 'new-user@email.com' });
    const read = await get(url, bearer(user.token));
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, { email: 'new-user@email.com' });
  });

  test('a second PUT replaces it; the account email is unchanged', async () => {
    assert.equal((await put(url, { email: 'second@email.com' }, bearer(user.token))).status, 200);
    assert.deepEqual((await get(url, bearer(user.token))).body, { email: 'second@email.com' });
    const me = await get(`${p.url}/v1/me`, bearer(user.token));
    assert.equal(me.body.email, 'dummy-4711@bank.example');
  });

  test('parallel PUTs: each answers 200 and one of them is stored', async () => {
    const emails = Array.from({ length: 8 }, (_, i) => `parallel${i}@email.com`);
    const results = await Promise.all(emails.map((email) => put(url, { email }, bearer(user.token))));
    assert.deepEqual(
      results.map((r) => r.status),
      emails.map(() => 200),
    );
    const stored = (await get(url, bearer(user.token))).body.email;
    assert.ok(emails.includes(stored), stored);
  });

  test('validated as create-user validates emails: 400 NotNull / TypeMismatch, 422 invalid', async () => {
    const missing = await put(url, {}, bearer(user.token));
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body, {
      errors: [{ code: 'NotNull', message: 'must not be null', path: 'email', arguments: [] }],
    });
    const wrongType = await put(url, { email: 42 }, bearer(user.token));
    assert.equal(wrongType.status, 400);
    assert.deepEqual(wrongType.body, {
      errors: [{ code: 'TypeMismatch', message: 'must be a string', path: 'email', arguments: [] }],
    });
    // The 422 of https://docs.wise.com/guides/developer/errors (create user, malformed email).
    const invalid = await put(url, { email: 'not-an-email' }, bearer(user.token));
    assert.equal(invalid.status, 422);
    assert.equal(invalid.body.errors.length, 1);
    assert.deepEqual(
      { ...invalid.body.errors[0], arguments: invalid.body.errors[0].arguments.length },
      { code: 'ERROR', message: 'Please provide a valid email', path: 'email', arguments: 2 },
    );
    const long = await put(url, { email: `${'a'.repeat(250)}@email.com` }, bearer(user.token));
    assert.equal(long.status, 422);
    const notJson = await put(url, 'email=a@b.c', { ...bearer(user.token), 'content-type': 'text/plain' });
    assert.equal(notJson.status, 415);
    const nul = await put(url, { email: 'a\u0000@email.com' }, bearer(user.token));
    assert.equal(nul.status, 400);
    assert.match((await get(url, bearer(user.token))).body.email, /^parallel\d@email\.com$/);
  });

  test("another user's contact email: 404 for both calls, nothing written", async () => {
    const other = await signUp(p, partner);
    const otherUrl = `${p.url}/v1/users/${other.userId}/contact-email`;
    const written = await put(otherUrl, { email: 'intruder@email.com' }, bearer(user.token));
    assert.equal(written.status, 404);
    assert.deepEqual(written.body, USER_NOT_FOUND);
    assert.deepEqual((await get(otherUrl, bearer(user.token))).body, USER_NOT_FOUND);
    assert.equal((await get(otherUrl, bearer(other.token))).status, 404);
    assert.equal(await p.platform.stores.contactEmails.get(other.userId), null);
  });

  test('a client token: 403', async () => {
    const res = await put(url, { email: 'x@email.com' }, bearer(partner.clientToken));
    assert.equal(res.status, 403);
    assert.equal(res.body.error, 'insufficient_scope');
  });
});
