import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { get, postJson, startTestPlatform, type TestPlatform } from '../support/index.js';

const entry = (code: string, message: string, path: string) => ({ code, message, path, arguments: [] });

// Issue 15: the control plane's JSON operations validate through their schemas (sandbox/descriptions.ts),
// in Wise's errors[] family (https://docs.wise.com/guides/developer/errors): one entry per field, with its path.
describe('/_sandbox JSON bodies validated by their schemas', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform();
  });
  after(() => p.close());

  test('a fault with fields of the wrong type: an entry per field, in the schema’s order and words', async () => {
    const res = await postJson(`${p.url}/_sandbox/faults`, {
      count: '1',
      method: 5,
      path: '/health',
      delayMs: 60_001,
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      errors: [
        entry('BAD_REQUEST', 'method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS.', 'method'),
        entry('BAD_REQUEST', 'delayMs must be a whole number from 0 to 60000.', 'delayMs'),
        entry('BAD_REQUEST', 'count must be a whole number from 1 to 10000.', 'count'),
      ],
    });
    assert.deepEqual((await get(`${p.url}/_sandbox/faults`)).body, { faults: [] }, 'nothing was added');
  });

  test('a user state missing or of the wrong type: the route’s own words, at the field’s path', async () => {
    const res = await postJson(`${p.url}/_sandbox/users/1/state`, {
      deactivationType: 'ACCOUNT_CLOSURE',
    });
    assert.deepEqual(res.body, {
      errors: [entry('BAD_REQUEST', 'state must be one of ACTIVE, WITHDRAW_ONLY, DEACTIVATED.', 'state')],
    });
    const typed = await postJson(`${p.url}/_sandbox/users/1/state`, {
      state: 'DEACTIVATED',
      deactivationReason: 7,
    });
    assert.deepEqual(typed.body, {
      errors: [
        entry(
          'BAD_REQUEST',
          'deactivationReason must be a string of 1 to 100 characters.',
          'deactivationReason',
        ),
      ],
    });
  });

  test('a token of the wrong type, and a grant expiry’s flag', async () => {
    const revoke = await postJson(`${p.url}/_sandbox/tokens/revoke`, { accessToken: 42 });
    assert.deepEqual(revoke.body, { errors: [entry('TypeMismatch', 'must be a string', 'accessToken')] });
    const expire = await postJson(`${p.url}/_sandbox/grants/x/expire`, { refreshToken: 'yes' });
    assert.deepEqual(expire.body, { errors: [entry('TypeMismatch', 'must be a boolean', 'refreshToken')] });
  });

  test('a field may keep its own words (x-error): a new user’s email', async () => {
    const res = await postJson(`${p.url}/_sandbox/users`, { email: ['a@example.com'] });
    assert.deepEqual(res.body, {
      errors: [entry('BAD_REQUEST', 'email must be an email address', 'email')],
    });
  });

  test('the clock: a type is the schema’s, exactly one of the two fields is the route’s own rule', async () => {
    const typed = await postJson(`${p.url}/_sandbox/clock`, { advanceSeconds: '60' });
    assert.deepEqual(typed.body, {
      errors: [entry('BAD_REQUEST', 'advanceSeconds must be a whole number of seconds.', 'advanceSeconds')],
    });
    const both = await postJson(`${p.url}/_sandbox/clock`, { advanceSeconds: 60, reset: true });
    assert.equal(both.body.errors[0].path, 'body');
    assert.equal((await get(`${p.url}/_sandbox/clock`)).body.offsetSeconds, 0, 'the clock did not move');
  });

  test('the body not an object: BAD_REQUEST', async () => {
    const res = await postJson(`${p.url}/_sandbox/clock`, [1]);
    assert.deepEqual(res.body, {
      errors: [{ code: 'BAD_REQUEST', message: 'The request body must be a JSON object.' }],
    });
  });
});
