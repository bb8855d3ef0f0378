import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '@account-access/db';
import {
  basic,
  get,
  postForm,
  postJson,
  startTestPlatform,
  type TestPlatform,
  testDatabase,
} from './support/index.js';
import { addPartner, type TestPartner } from './support/partner.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('HTTP basics', () => {
  let p: TestPlatform;
  let partner: TestPartner;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());

  test('a date-versioned prefix is accepted and ignored: /2026Q3/oauth/token', async () => {
    const res = await postForm(
      `${p.url}/2026Q3/oauth/token`,
      { grant_type: 'client_credentials' },
      { authorization: partner.auth },
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.token_type, 'bearer');
    const exists = await postJson(
      `${p.url}/2025Q1/v1/users/exists`,
      { email: 'a@example.com' },
      { authorization: `Bearer ${res.body.access_token}` },
    );
    assert.equal(exists.status, 200);
    assert.deepEqual(exists.body, { exists: false });
  });

  // https://docs.wise.com/guides/developer/global-versioning: a version is a released quarter.
  test("a quarter not yet released (by the platform clock): 404 in the path's family", async () => {
    const oauth = await postForm(
      `${p.url}/2099Q4/oauth/token`,
      { grant_type: 'client_credentials' },
      { authorization: partner.auth },
    );
    assert.equal(oauth.status, 404);
    assert.deepEqual(oauth.body, {
      error: 'invalid_request',
      error_description: 'There is no POST /2099Q4/oauth/token.',
    });
    const api = await postJson(`${p.url}/2027Q1/v1/users/exists`, { email: 'a@example.com' });
    assert.equal(api.status, 404);
    assert.deepEqual(api.body, {
      errors: [{ code: 'NOT_FOUND', message: 'There is no POST /2027Q1/v1/users/exists.' }],
    });
    const current = await postForm(
      `${p.url}/2026Q4/oauth/token`,
      { grant_type: 'client_credentials' },
      { authorization: partner.auth },
    );
    assert.equal(current.status, 200);
  });

  test('a quarter is served once the clock reaches it', async () => {
    const q = await startTestPlatform();
    try {
      const other = await addPartner(q);
      const send = () =>
        postForm(
          `${q.url}/2027Q1/oauth/token`,
          { grant_type: 'client_credentials' },
          { authorization: other.auth },
        );
      assert.equal((await send()).status, 404);
      q.clock.advance(39 * 24 * 3600); // 2026-11-23 → 2027-01-01
      assert.equal((await send()).status, 200);
    } finally {
      await q.close();
    }
  });

  // https://docs.wise.com/guides/developer/errors/users names POST /user/signup/registration_code under a version.
  test("POST /{version}/user/signup/registration_code is create-user, Wise's v1 body", async () => {
    const token = await partner.clientToken();
    const res = await postJson(
      `${p.url}/2026Q3/user/signup/registration_code`,
      { email: 'versioned@example.com', registrationCode: 'v'.repeat(32), language: 'EN' },
      { authorization: `Bearer ${token}` },
    );
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      id: res.body.id,
      name: null,
      email: 'versioned@example.com',
      active: true,
      details: null,
    });
    const again = await postJson(
      `${p.url}/2026Q4/user/signup/registration_code`,
      { email: 'versioned@example.com', registrationCode: 'v'.repeat(32) },
      { authorization: `Bearer ${token}` },
    );
    assert.equal(again.status, 409);
    assert.deepEqual(again.body, {
      errors: [
        {
          code: 'NOT_UNIQUE',
          message: "You're already a member. Please login",
          path: 'email',
          arguments: ['email', 've*******@example.com'],
        },
      ],
    });
    const unversioned = await postJson(
      `${p.url}/user/signup/registration_code`,
      { email: 'plain@example.com', registrationCode: 'v'.repeat(32) },
      { authorization: `Bearer ${token}` },
    );
    assert.equal(unversioned.status, 404);
  });

  test('an unknown route: 404 in the validation family', async () => {
    const res = await get(`${p.url}/v1/nothing-here?x=1`);
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, {
      errors: [{ code: 'NOT_FOUND', message: 'There is no GET /v1/nothing-here.' }],
    });
  });

  test('an unknown route under /oauth: 404 in the OAuth family', async () => {
    const res = await get(`${p.url}/oauth/nothing`);
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, {
      error: 'invalid_request',
      error_description: 'There is no GET /oauth/nothing.',
    });
  });

  test('GET on the token endpoint: 404, not a 500', async () => {
    const res = await get(`${p.url}/oauth/token`);
    assert.equal(res.status, 404);
    assert.equal(res.body.error, 'invalid_request');
  });

  test('odd URLs: a 4xx, never a 500', async () => {
    for (const path of [
      '/v1/%zz',
      '/oauth/%E0%A4%A',
      '/%00',
      '/2026Q3',
      '/2026Q3/',
      '/v1/me/%2e%2e/users/exists',
    ]) {
      const res = await get(`${p.url}${path}`);
      assert.ok(res.status >= 400 && res.status < 500, `${path}: ${res.status}`);
      assert.equal(typeof res.body, 'object', path);
    }
  });

  test('every response carries a fresh x-request-id; a client-sent one is not trusted', async () => {
    const a = await get(`${p.url}/health`, { 'x-request-id': 'mine' });
    const b = await get(`${p.url}/health`);
    assert.equal(a.status, 200);
    assert.deepEqual(a.body, { status: 'ok' });
    assert.match(a.headers.get('x-request-id') ?? '', UUID);
    assert.match(b.headers.get('x-request-id') ?? '', UUID);
    assert.notEqual(a.headers.get('x-request-id'), b.headers.get('x-request-id'));
    const err = await get(`${p.url}/nope`);
    assert.match(err.headers.get('x-request-id') ?? '', UUID);
  });
});

describe('an unexpected error', () => {
  let real: Database;
  let p: TestPlatform;
  before(async () => {
    real = await testDatabase();
    // A database that fails the way a broken server would, with internals in the message.
    const failing: Database = {
      ...real,
      query: async () => {
        throw new Error('relation "secret_internal_table" does not exist at SELECT * FROM clients');
      },
    };
    p = await startTestPlatform({ db: failing });
  });
  after(async () => {
    await p.close();
    await real.close();
  });

  test('renders a 500 whose body holds only the request id (validation family)', async () => {
    const res = await postJson(
      `${p.url}/v1/users/exists`,
      { email: 'a@example.com' },
      { authorization: 'Bearer abc' },
    );
    assert.equal(res.status, 500);
    const id = res.headers.get('x-request-id');
    assert.match(id ?? '', UUID);
    assert.deepEqual(res.body, {
      errors: [{ code: 'INTERNAL_ERROR', message: `Something went wrong on our side. Request id: ${id}` }],
    });
    assert.ok(!res.text.includes('secret_internal_table'));
  });

  test('renders a 500 whose body holds only the request id (OAuth family)', async () => {
    const res = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'client_credentials' },
      { authorization: basic('a', 'b') },
    );
    assert.equal(res.status, 500);
    const id = res.headers.get('x-request-id');
    assert.deepEqual(res.body, {
      error: 'server_error',
      error_description: `Something went wrong on our side. Request id: ${id}`,
    });
    assert.ok(!res.text.includes('SELECT'));
  });
});
