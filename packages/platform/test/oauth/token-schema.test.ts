import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FormParams } from '../../src/http/form.js';
import { formValidatorCompiler } from '../../src/http/form-schema.js';
import type { Grant } from '../../src/oauth/grants/grant.js';
import { GRANTS } from '../../src/oauth/grants/index.js';
import { tokenBodySchema, tokenSchemaError } from '../../src/oauth/token-body.js';
import { basic, get, postForm, startTestPlatform, type TestPlatform } from '../support/index.js';

type Branch = { title: string; required: string[]; properties: Record<string, { enum?: string[] }> };

// Issue 15: the token request's form is validated by its schema, built from the grant table (RFC 6749 §5.2
// bodies; Wise's "Missing grant type", https://docs.wise.com/api-reference/user-tokens, 400 example).
describe('POST /oauth/token validated by the grants’ schema', () => {
  let p: TestPlatform;
  let auth: { authorization: string };
  before(async () => {
    p = await startTestPlatform();
    const client = await p.addClient();
    auth = { authorization: basic(client.clientId, client.clientSecret) };
  });
  after(() => p.close());

  const token = (form: Record<string, string>, headers = auth) =>
    postForm(`${p.url}/oauth/token`, form, headers);

  test('each grant’s each required parameter, when missing, is invalid_request naming it', async () => {
    let checked = 0;
    for (const grant of GRANTS.values()) {
      for (const missing of grant.parameters.required) {
        const form: Record<string, string> = { grant_type: grant.grantType };
        for (const name of grant.parameters.required) if (name !== missing) form[name] = 'some-value';
        const res = await token(form);
        assert.equal(res.status, 400, `${grant.grantType} without ${missing}`);
        assert.deepEqual(res.body, {
          error: 'invalid_request',
          error_description: `The parameter ${missing} is missing.`,
        });
        checked++;
      }
    }
    assert.ok(checked >= 5, `every grant's parameters (${checked})`);
  });

  test('the form is checked before the client: wrong credentials and a missing code are a 400', async () => {
    const res = await token(
      { grant_type: 'authorization_code', redirect_uri: 'https://bank.example/cb' },
      { authorization: basic('nobody', 'wrong') },
    );
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: 'invalid_request',
      error_description: 'The parameter code is missing.',
    });
  });

  test('an unknown grant_type is unsupported_grant_type, whatever else is missing', async () => {
    const res = await token({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code' });
    assert.deepEqual(res.body, {
      error: 'unsupported_grant_type',
      error_description: 'The grant type urn:ietf:params:oauth:grant-type:device_code is not supported.',
    });
  });

  test('/openapi.json’s token body is one branch per grant, with its parameters and required ones', async () => {
    const doc = (await get(`${p.url}/openapi.json`)).body;
    const body = doc.paths['/oauth/token'].post.requestBody.content;
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data']) {
      const schema = body[type].schema as { oneOf: Branch[]; discriminator: { propertyName: string } };
      assert.equal(schema.discriminator.propertyName, 'grant_type');
      assert.deepEqual(
        schema.oneOf.map((b) => b.properties['grant_type']?.enum?.[0]),
        [...GRANTS.keys()],
      );
      for (const grant of GRANTS.values()) {
        const branch = schema.oneOf.find((b) => b.title === grant.grantType)!;
        for (const name of Object.keys(grant.parameters.properties))
          assert.ok(branch.properties[name], `${grant.grantType}: ${name} in ${type}`);
        assert.deepEqual(branch.required, ['grant_type', ...grant.parameters.required]);
      }
    }
    const registration = body['application/x-www-form-urlencoded'].schema.oneOf.find(
      (b: Branch) => b.title === 'registration_code',
    );
    assert.deepEqual(registration.required, ['grant_type', 'client_id', 'email', 'registration_code']);
  });
});

describe('oauth/token-body: a new grant is described and validated by being in the table', () => {
  const deviceCode: Grant = {
    grantType: 'urn:ietf:params:oauth:grant-type:device_code',
    parameters: {
      properties: { device_code: { type: 'string', description: 'RFC 8628 §3.4' } },
      required: ['device_code'],
    },
    handler: () => Promise.reject(new Error('not run')),
  };
  const validate = formValidatorCompiler({
    schema: tokenBodySchema([...GRANTS.values(), deviceCode]),
    method: 'POST',
    url: '/oauth/token',
    httpPart: 'body',
  }) as ((data: unknown) => boolean) & { errors: never[] };
  const error = (form: string) => {
    if (validate(new FormParams(form))) return null;
    const e = tokenSchemaError(validate.errors, 'body') as Error & { code: string };
    return `${e.code}: ${e.message}`;
  };

  test('its parameters are required of it, and of no other grant', () => {
    assert.equal(
      error('grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code'),
      'invalid_request: The parameter device_code is missing.',
    );
    assert.equal(
      error('grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=x'),
      null,
    );
    assert.equal(error('grant_type=client_credentials'), null);
    assert.equal(
      error('grant_type=password'),
      'unsupported_grant_type: The grant type password is not supported.',
    );
    assert.equal(error('grant_type=&code=x'), 'invalid_request: Missing grant type');
  });

  test('an empty parameter is an omitted one (RFC 6749 §3.2); unknown parameters are ignored', () => {
    assert.equal(
      error('grant_type=refresh_token&refresh_token='),
      'invalid_request: The parameter refresh_token is missing.',
    );
    assert.equal(error('grant_type=refresh_token&refresh_token=r&scope=transfers&x=1'), null);
  });
});
