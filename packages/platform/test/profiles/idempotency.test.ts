import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { bearer, postJson, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  addPartner,
  brazilianProfile,
  codes,
  createPersonal,
  getAs,
  type Partner,
  signUp,
} from './support.js';

describe('X-idempotence-uuid on profile creation (contract §8)', () => {
  let p: TestPlatform;
  let partner: Partner;
  before(async () => {
    p = await startTestPlatform();
    partner = await addPartner(p);
  });
  after(() => p.close());

  test('the same key returns the first response again, byte for byte, and creates one profile', async () => {
    const user = await signUp(p, partner);
    const key = randomUUID();
    const body = brazilianProfile();
    const first = await createPersonal(p, user.token, body, { 'X-idempotence-uuid': key });
    assert.equal(first.status, 200);
    p.clock.advance(60);
    const second = await createPersonal(p, user.token, body, {
      'x-idempotence-uuid': key.toUpperCase(),
    });
    assert.equal(second.status, 200);
    assert.equal(second.text, first.text);
    assert.equal((await p.platform.stores.profiles.listByUser(user.userId)).length, 1);
    // Without the key, a second creation is the 409 of contract §8 (https://docs.wise.com/api-reference/profile:
    // "If the X-idempotence-uuid header is not provided and a Profile already exists ... 409").
    const third = await createPersonal(p, user.token, body);
    assert.equal(third.status, 409);
    assert.deepEqual(third.body, {
      errors: [
        {
          code: 'NOT_UNIQUE',
          message: 'A personal profile already exists for this user',
          path: 'type',
          arguments: ['type', 'PERSONAL'],
        },
      ],
    });
    // A new key does not bypass the one-personal-profile rule either.
    const fourth = await createPersonal(p, user.token, body, {
      'X-idempotence-uuid': randomUUID(),
    });
    assert.equal(fourth.status, 409);
  });

  test('key order in the body does not matter; a different body under the same key is a 422', async () => {
    const user = await signUp(p, partner);
    const key = randomUUID();
    const body = brazilianProfile();
    const first = await createPersonal(p, user.token, body, { 'X-idempotence-uuid': key });
    assert.equal(first.status, 200);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await createPersonal(p, user.token, reordered, { 'X-idempotence-uuid': key });
    assert.equal(again.text, first.text);
    const changed = await createPersonal(p, user.token, brazilianProfile({ firstName: 'Outra' }), {
      'X-idempotence-uuid': key,
    });
    assert.equal(changed.status, 422);
    assert.deepEqual(codes(changed), ['X-idempotence-uuid:IDEMPOTENCY_KEY_REUSED']);
  });

  test('keys are per user: two users may use the same key', async () => {
    const key = randomUUID();
    const a = await signUp(p, partner);
    const b = await signUp(p, partner);
    const ra = await createPersonal(p, a.token, brazilianProfile(), { 'X-idempotence-uuid': key });
    const rb = await createPersonal(p, b.token, brazilianProfile(), { 'X-idempotence-uuid': key });
    assert.equal(ra.status, 200);
    assert.equal(rb.status, 200);
    assert.notEqual(ra.body.id, rb.body.id);
    assert.equal((await getAs(p, b.token, `/v2/profiles/${rb.body.id}`)).body.userId, b.userId);
  });

  test('a failed request is not stored: the same key works once the body is valid', async () => {
    const user = await signUp(p, partner);
    const key = randomUUID();
    const bad = await createPersonal(p, user.token, brazilianProfile({ dateOfBirth: '2023-02-29' }), {
      'X-idempotence-uuid': key,
    });
    assert.equal(bad.status, 422);
    const { rows } = await p.db.query('select 1 from idempotency_keys where user_id = $1', [user.userId]);
    assert.equal(rows.length, 0);
  });

  test('a key that is not a UUID is a 422 on the header', async () => {
    const user = await signUp(p, partner);
    const res = await createPersonal(p, user.token, brazilianProfile(), {
      'X-idempotence-uuid': 'not-a-uuid',
    });
    assert.equal(res.status, 422);
    assert.deepEqual(codes(res), ['X-idempotence-uuid:ERROR']);
    assert.deepEqual(await p.platform.stores.profiles.listByUser(user.userId), []);
  });

  test('ten concurrent requests with one key create one profile and all answer the same body', async () => {
    const user = await signUp(p, partner);
    const key = randomUUID();
    const body = brazilianProfile();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => createPersonal(p, user.token, body, { 'X-idempotence-uuid': key })),
    );
    for (const r of results) {
      assert.equal(r.status, 200);
      assert.equal(r.text, results[0]!.text);
    }
    assert.equal(results[0]!.body.type, 'personal');
    assert.equal((await p.platform.stores.profiles.listByUser(user.userId)).length, 1);
  });

  test('the legacy POST /v1/profiles honours the key too, and the v1 and v2 routes do not share a response', async () => {
    const user = await signUp(p, partner);
    const key = randomUUID();
    const body = { type: 'personal', details: brazilianProfile() };
    const first = await postJson(`${p.url}/v1/profiles`, body, {
      ...bearer(user.token),
      'X-idempotence-uuid': key,
    });
    const second = await postJson(`${p.url}/v1/profiles`, body, {
      ...bearer(user.token),
      'X-idempotence-uuid': key,
    });
    assert.equal(first.status, 200);
    assert.equal(second.text, first.text);
    const v2 = await createPersonal(p, user.token, brazilianProfile(), { 'X-idempotence-uuid': key });
    assert.equal(v2.status, 422);
    assert.deepEqual(codes(v2), ['X-idempotence-uuid:IDEMPOTENCY_KEY_REUSED']);
  });
});
