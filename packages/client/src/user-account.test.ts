// Users by id and contact email on Wise's example bodies (https://docs.wise.com/api-reference/user), and the
// masked email of both documented create-user 409 forms (the same page, and
// https://docs.wise.com/guides/developer/errors).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseResponseError } from './errors.js';
import { isOAuthError } from './guards.js';
import { fakeFetch, json, type RecordedRequest, text, tokenBody } from './testing/fake-fetch.js';
import { testClient } from './testing/test-client.js';
import { userConflictMasked, userConflictReference, userObject } from './testing/wise-examples.js';

describe('getUser (https://docs.wise.com/api-reference/user)', () => {
  it("GETs /v1/users/{id} with the user token and returns Wise's user object", async () => {
    const { client, requests } = testClient(fakeFetch(json(200, userObject)));
    const user = await client.getUser('user-token', 101);
    assert.deepEqual(user, userObject);
    assert.equal(user.details?.primaryAddress, 111);
    assert.equal(user.details?.address?.countryCode, 'EE');
    assert.equal(requests[0]?.method, 'GET');
    assert.equal(requests[0]?.url, 'http://localhost:4000/v1/users/101');
    assert.equal(requests[0]?.headers.get('authorization'), 'Bearer user-token');
  });

  it('retries a read, reports a bad token, and refuses a body that is not a user', async () => {
    const a = testClient(fakeFetch(text(502, ''), json(200, userObject)));
    assert.equal((await a.client.getUser('t', 101)).id, 101);
    const b = testClient(fakeFetch(json(401, { error: 'invalid_token' })));
    assert.ok(isOAuthError(await b.client.getUser('t', 1).catch((e: unknown) => e), 'invalid_token'));
    const c = testClient(fakeFetch(json(200, { id: '101' })));
    await assert.rejects(c.client.getUser('t', 101), WiseResponseError);
  });
});

describe('contact email (https://docs.wise.com/api-reference/user)', () => {
  it("PUTs Wise's example body and reads the answer; GETs it back", async () => {
    const body = { email: 'new-user@email.com' };
    const { client, requests } = testClient(fakeFetch(json(200, body)));
    assert.equal(await client.setContactEmail('user-token', 101, 'new-user@email.com'), 'new-user@email.com');
    assert.equal(await client.getContactEmail('user-token', 101), 'new-user@email.com');
    assert.deepEqual(
      requests.map((r) => [r.method, r.url, r.json]),
      [
        ['PUT', 'http://localhost:4000/v1/users/101/contact-email', body],
        ['GET', 'http://localhost:4000/v1/users/101/contact-email', undefined],
      ],
    );
  });

  it('refuses an answer without an email', async () => {
    const { client } = testClient(fakeFetch(json(200, { address: 'x' })));
    await assert.rejects(client.getContactEmail('t', 1), WiseResponseError);
  });
});

/** Answers the token endpoint with a client token and the signup with `answer`. */
function signupAnswering(answer: Response) {
  return fakeFetch((request: RecordedRequest) =>
    request.url.endsWith('/oauth/token') ? json(200, tokenBody('cc')) : answer.clone(),
  );
}

describe('createUser 409: the email from either documented form', () => {
  const input = { email: 'existing.user@domain.com', registrationCode: 'r'.repeat(43) };

  it('reads the third argument of the reference page form, not the class name', async () => {
    const { client } = testClient(signupAnswering(json(409, userConflictReference)));
    const result = await client.createUser(input);
    assert.equal(result.kind, 'conflict');
    if (result.kind === 'conflict') assert.equal(result.maskedEmail, 'existing.user@domain.com');
  });

  it("reads the second argument of the errors guide's masked form", async () => {
    const { client } = testClient(signupAnswering(json(409, userConflictMasked)));
    const result = await client.createUser(input);
    assert.equal(result.kind === 'conflict' && result.maskedEmail, 'ma********************@wise.com');
  });

  it('gives undefined when no argument is an email (not the field name, not the class name)', async () => {
    const entry = { code: 'NOT_UNIQUE', message: 'x', path: 'email' };
    for (const args of [
      undefined,
      [],
      ['email'],
      ['email', 'class com.transferwise.fx.api.ApiRegisterCommand'],
    ]) {
      const { client } = testClient(signupAnswering(json(409, { errors: [{ ...entry, arguments: args }] })));
      const result = await client.createUser(input);
      assert.equal(result.kind === 'conflict' && result.maskedEmail, undefined, JSON.stringify(args));
    }
  });
});
