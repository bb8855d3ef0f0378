import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiseResponseError } from './errors.js';
import { isValidationError, isWiseApiError } from './guards.js';
import { fakeFetch, json, text } from './testing/fake-fetch.js';
import { testClient } from './testing/test-client.js';

const cpf = { type: 'CPF_CNPJ', uniqueIdentifier: '938.936.652-69' } as const;

describe('createVerificationDocument', () => {
  it('POSTs the document for the profile with the user token and reports success', async () => {
    const { client, requests } = testClient(fakeFetch(json(200, { errorMessage: null, success: true })));
    const result = await client.createVerificationDocument('user-token', 101, { ...cpf, firstName: 'Ana' });
    assert.deepEqual(result, { kind: 'accepted' });
    assert.equal(requests[0]?.url, 'http://localhost:4000/v1/profiles/101/verification-documents');
    assert.equal(requests[0]?.headers.get('authorization'), 'Bearer user-token');
    assert.deepEqual(requests[0]?.json, { ...cpf, firstName: 'Ana' });
  });

  it('takes an empty 2xx body as success', async () => {
    const { client } = testClient(fakeFetch(new Response(null, { status: 204 })));
    assert.deepEqual(await client.createVerificationDocument('t', 101, cpf), { kind: 'accepted' });
  });

  it('returns a checker rejection as a typed result', async () => {
    for (const status of [422, 200]) {
      const { client } = testClient(
        fakeFetch(json(status, { errorMessage: 'NAME_MISMATCH', success: false })),
      );
      assert.deepEqual(await client.createVerificationDocument('t', 101, cpf), {
        kind: 'rejected',
        errorMessage: 'NAME_MISMATCH',
        status,
      });
    }
  });

  it('throws a malformed document (bad CPF check digits) as a validation error', async () => {
    const body = {
      errors: [{ code: 'ERROR', message: 'invalid CPF', path: 'uniqueIdentifier', arguments: [] }],
    };
    const { client } = testClient(fakeFetch(json(422, body)));
    const error = await client.createVerificationDocument('t', 101, cpf).catch((e: unknown) => e);
    assert.ok(isValidationError(error, 'ERROR', 'uniqueIdentifier'));
  });

  it('throws server failures, whatever their body, and does not retry them', async () => {
    for (const response of [text(502, '<html>'), json(500, { errorMessage: 'boom', success: false })]) {
      const { client, requests } = testClient(fakeFetch(response, json(200, { success: true })));
      const error = await client.createVerificationDocument('t', 101, cpf).catch((e: unknown) => e);
      assert.ok(isWiseApiError(error) && error.status >= 500);
      assert.equal(requests.length, 1);
    }
  });

  it('rejects a 2xx body it cannot read', async () => {
    const { client } = testClient(fakeFetch(text(200, 'OK')));
    await assert.rejects(client.createVerificationDocument('t', 101, cpf), WiseResponseError);
  });
});
