import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { wiseTime } from '../../src/webhooks/event-types.js';
import { personalProfile } from '../store/support.js';
import { bearer, get, postJson, startTestPlatform, type TestPlatform } from '../support/index.js';
import { type LinkedPartner, linkedPartner } from './support.js';

/** The create request of https://docs.wise.com/api-reference/webhook "Create Application Webhook Subscription". */
const WISE_REQUEST = {
  name: 'Webhook Subscription #1',
  trigger_on: 'transfers#state-change',
  delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
};

/** Wise's example responses on that page, verbatim: the oracle for fields, casing, types and forms. */
const WISE_CREATED = {
  id: '72195556-e5cb-495e-a010-b37a4f2a3043',
  name: 'Webhook Subscription #1',
  delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
  trigger_on: 'transfers#state-change',
  scope: { domain: 'application', id: '<your client key>' },
  created_by: { type: 'application', id: '<your client ID>' },
  created_at: '2019-10-10T13:55:57Z',
};
/** "List Application Webhook Subscriptions", first entry. */
const WISE_LISTED = {
  id: 'e889e085-3677-4110-be26-3e9160ac9f25',
  name: '#1 subscription',
  delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
  trigger_on: 'transfers#state-change',
  created_by: { type: 'application', id: '<your client ID>' },
  scope: { domain: 'application', id: '<your client key>' },
};
/** "Retrieve Profile Webhook Subscription". */
const WISE_PROFILE = {
  id: 'f215f353-35fd-405b-b27f-4fd603c905ed',
  name: 'Webhook Subscription #1',
  delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
  trigger_on: 'balances#credit',
  scope: { domain: 'profile', id: '<profile ID>' },
  created_by: { type: 'user', id: '<your user ID>' },
  created_at: '2008-09-15T15:53:00Z',
};

/** The same keys at every level, with values of the same JSON types, as Wise's example. */
function assertShape(actual: unknown, example: unknown, path = '$'): void {
  if (example === null || typeof example !== 'object') {
    assert.equal(typeof actual, typeof example, path);
    return;
  }
  assert.ok(actual !== null && typeof actual === 'object', path);
  assert.deepEqual(Object.keys(actual as object).sort(), Object.keys(example).sort(), path);
  for (const [k, v] of Object.entries(example))
    assertShape((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
}

const call = (method: string, url: string, token: string) =>
  fetch(url, { method, headers: bearer(token) }).then(async (r) => ({
    status: r.status,
    text: await r.text(),
  }));

let p: TestPlatform;
let bank: LinkedPartner;
let other: LinkedPartner;
before(async () => {
  p = await startTestPlatform();
  bank = await linkedPartner(p, 'Bank One');
  other = await linkedPartner(p, 'Bank Two');
});
after(() => p.close());

describe('application subscriptions (https://docs.wise.com/api-reference/webhook)', () => {
  const base = () => `${p.url}/v3/applications/${bank.clientId}/subscriptions`;

  test("create, get, list and delete answer Wise's documented bodies", async () => {
    const created = await postJson(base(), WISE_REQUEST, bearer(bank.clientToken));
    assert.equal(created.status, 201);
    assert.match(created.body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Wise's example response, with our ids: scope.id is the client key, created_by.id the client id.
    const expected = {
      id: created.body.id,
      name: 'Webhook Subscription #1',
      delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
      trigger_on: 'transfers#state-change',
      scope: { domain: 'application', id: bank.clientId },
      created_by: { type: 'application', id: bank.clientId },
      created_at: wiseTime(p.clock.now()),
    };
    assert.deepEqual(created.body, expected);
    assertShape(created.body, WISE_CREATED);
    assert.match(
      created.body.created_at,
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
      'Wise form: 2019-10-10T13:55:57Z',
    );

    const fetched = await get(`${base()}/${created.body.id}`, bearer(bank.clientToken));
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, expected);

    // "List Application Webhook Subscriptions": the example entries carry no created_at.
    const { created_at: _, ...listed } = expected;
    const list = await get(base(), bearer(bank.clientToken));
    assert.deepEqual(list.body, [listed]);
    assertShape(list.body[0], WISE_LISTED);
    assert.deepEqual(
      (await get(`${p.url}/v3/applications/${other.clientId}/subscriptions`, bearer(other.clientToken))).body,
      [],
    );

    const deleted = await call('DELETE', `${base()}/${created.body.id}`, bank.clientToken);
    assert.deepEqual(deleted, { status: 204, text: '' }, '"No Content"');
    assert.equal((await get(`${base()}/${created.body.id}`, bearer(bank.clientToken))).status, 404);
    assert.equal((await call('DELETE', `${base()}/${created.body.id}`, bank.clientToken)).status, 404);
    assert.deepEqual((await get(base(), bearer(bank.clientToken))).body, []);
  });

  test("another client's key is a 404 like an unknown one; a user token is 403; no token is 401", async () => {
    const mine = await postJson(base(), WISE_REQUEST, bearer(bank.clientToken));
    const theirs = `${p.url}/v3/applications/${bank.clientId}/subscriptions`;
    const asOther = await postJson(theirs, WISE_REQUEST, bearer(other.clientToken));
    assert.equal(asOther.status, 404);
    assert.equal(asOther.body.errors[0].code, 'NOT_FOUND');
    assert.equal((await get(`${theirs}/${mine.body.id}`, bearer(other.clientToken))).status, 404);
    assert.equal((await call('DELETE', `${theirs}/${mine.body.id}`, other.clientToken)).status, 404);
    assert.equal(
      (await get(`${theirs}/${mine.body.id}`, bearer(bank.clientToken))).status,
      200,
      'still there',
    );
    assert.equal((await postJson(base(), WISE_REQUEST, bearer(bank.userToken))).status, 403);
    assert.equal((await postJson(base(), WISE_REQUEST)).status, 401);
    assert.equal((await get(`${base()}/not-a-uuid`, bearer(bank.clientToken))).status, 404);
  });

  test('the four event types the platform publishes are application-level', async () => {
    for (const trigger_on of [
      'profiles#verification-state-change',
      'profiles#cdd-check-state-change',
      'users#state-change',
      'kyc-reviews#state-change',
    ]) {
      const res = await postJson(base(), { ...WISE_REQUEST, trigger_on }, bearer(bank.clientToken));
      assert.equal(res.status, 201, trigger_on);
    }
    // event-types page: balances#credit is profile-level only.
    const profileOnly = await postJson(
      base(),
      { ...WISE_REQUEST, trigger_on: 'balances#credit' },
      bearer(bank.clientToken),
    );
    assert.equal(profileOnly.status, 422);
    assert.equal(profileOnly.body.errors[0].path, 'trigger_on');
  });
});

describe('profile subscriptions (https://docs.wise.com/api-reference/webhook)', () => {
  let profileId: number;
  before(async () => {
    const made = await p.platform.stores.profiles.create(
      personalProfile(bank.userId, bank.clientId),
      p.clock.now(),
    );
    assert.notEqual(made, 'conflict');
    profileId = (made as { id: number }).id;
  });
  const base = () => `${p.url}/v3/profiles/${profileId}/subscriptions`;

  test("create, get, list and delete answer Wise's documented bodies (scope profile, created by the user)", async () => {
    const created = await postJson(base(), WISE_REQUEST, bearer(bank.userToken));
    assert.equal(created.status, 201);
    // "Retrieve Profile Webhook Subscription": scope {domain: profile, id: <profile ID>}, created_by user.
    const expected = {
      id: created.body.id,
      name: 'Webhook Subscription #1',
      delivery: { version: '2.0.0', url: 'https://your.webhook.url/12345' },
      trigger_on: 'transfers#state-change',
      scope: { domain: 'profile', id: String(profileId) },
      created_by: { type: 'user', id: String(bank.userId) },
      created_at: wiseTime(p.clock.now()),
    };
    assert.deepEqual(created.body, expected);
    assertShape(created.body, WISE_PROFILE);
    assert.deepEqual((await get(`${base()}/${created.body.id}`, bearer(bank.userToken))).body, expected);
    const { created_at: _, ...listed } = expected;
    assert.deepEqual((await get(base(), bearer(bank.userToken))).body, [listed]);
    assert.equal((await call('DELETE', `${base()}/${created.body.id}`, bank.userToken)).status, 204);
    assert.deepEqual((await get(base(), bearer(bank.userToken))).body, []);
  });

  test('application-only event types are refused; a profile not granted is a 404; a client token is 403', async () => {
    const appOnly = await postJson(
      base(),
      { ...WISE_REQUEST, trigger_on: 'profiles#verification-state-change' },
      bearer(bank.userToken),
    );
    assert.equal(appOnly.status, 422);
    assert.deepEqual(appOnly.body.errors[0].path, 'trigger_on');
    assert.equal((await postJson(base(), WISE_REQUEST, bearer(other.userToken))).status, 404);
    assert.equal(
      (await postJson(`${p.url}/v3/profiles/abc/subscriptions`, WISE_REQUEST, bearer(bank.userToken))).status,
      404,
    );
    assert.equal((await postJson(base(), WISE_REQUEST, bearer(bank.clientToken))).status, 403);
    // Test notifications are application-level only ("Profile-based subscriptions do not currently support").
    const made = await postJson(base(), WISE_REQUEST, bearer(bank.userToken));
    assert.equal(
      (await postJson(`${base()}/${made.body.id}/test-notifications`, {}, bearer(bank.userToken))).status,
      404,
    );
  });
});
