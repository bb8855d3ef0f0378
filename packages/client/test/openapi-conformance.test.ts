import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type OpenApiDocument, openApiChecker } from '@account-access/platform/testing';
import { type ClientPlatform, startClientPlatform } from './support.js';

// Issue 15: the client calls only what the platform's OpenAPI document has, with bodies its schemas accept.
// Every platform test of this package runs through the same checking fetch (support.ts); this file shows
// it sees the calls and that it would catch a call the document does not have.
describe('the client and the OpenAPI document agree', () => {
  let cp: ClientPlatform;
  let document: OpenApiDocument;
  before(async () => {
    cp = await startClientPlatform('Conforming Bank');
    document = (await (await fetch(`${cp.platform.url}/openapi.json`)).json()) as OpenApiDocument;
  });
  after(() => cp.platform.close());

  test('a new user’s calls are operations of the document, each body validated against it', async () => {
    const email = `conforming-${randomBytes(4).toString('hex')}@example.com`;
    const registrationCode = randomBytes(24).toString('hex');
    await cp.client.createUser({ email, registrationCode, language: 'PT' });
    const tokens = await cp.client.tokensFromRegistrationCode({ email, registrationCode });
    await cp.client.me(tokens.accessToken);
    const seen = cp.calls.map((c) => `${c.method} ${c.template}`);
    for (const call of ['POST /oauth/token', 'POST /v1/user/signup/registration_code', 'GET /v1/me'])
      assert.ok(seen.includes(call), `${call} was made and checked (${seen.join(', ')})`);
    assert.deepEqual(
      cp.calls.filter((c) => c.problems.length > 0),
      [],
    );
  });

  test('the checker refuses a path, a method or a body the document does not have', () => {
    const checker = openApiChecker(document);
    assert.match(
      checker.check({ method: 'GET', path: '/v1/nothing', status: 404 }).problems[0]!,
      /no operation/,
    );
    assert.match(
      checker.check({ method: 'PATCH', path: '/oauth/token', status: 405 }).problems[0]!,
      /no operation/,
    );
    const badToken = checker.check({
      method: 'POST',
      path: '/oauth/token',
      request: { type: 'application/x-www-form-urlencoded', body: { grant_type: 'client_credentials' } },
      status: 200,
      response: { type: 'application/json', body: { access_token: 'x', token_type: 'mac' } },
    });
    assert.equal(badToken.template, '/oauth/token');
    assert.match(badToken.problems.join(' '), /response 200: .*token_type/);
    const noGrant = checker.check({
      method: 'POST',
      path: '/oauth/token',
      request: { type: 'application/x-www-form-urlencoded', body: {} },
      status: 400,
      response: { type: 'application/json', body: { error: 'invalid_request' } },
    });
    assert.match(noGrant.problems.join(' '), /request: .*grant_type/);
    assert.equal(checker.templateOf('/v1/profiles/42'), '/v1/profiles/{id}');
  });
});
