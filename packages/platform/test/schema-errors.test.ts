import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { InvalidToken } from '../src/errors/errors.js';
import { parseJsonBody } from '../src/http/json.js';
import { renderError } from '../src/http/render-error.js';
import { AJV_OPTIONS, fieldPath, registerSchemaErrors, validated } from '../src/http/schema-errors.js';

/** An app configured as createApp configures it, with routes whose schemas exercise each rule. */
function appWithRoutes(): FastifyInstance {
  const app = Fastify({ ajv: { customOptions: { ...AJV_OPTIONS, keywords: [...AJV_OPTIONS.keywords] } } });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.setErrorHandler((error, request, reply) => {
    const rendered = renderError(error, request.url, request.id);
    reply.code(rendered.status).headers(rendered.headers).send(rendered.body);
  });
  registerSchemaErrors(app);
  const body = {
    type: 'object',
    required: ['email', 'code'],
    properties: {
      email: { type: 'string' },
      code: { type: 'string', minLength: 4, maxLength: 8 },
      count: { type: ['integer', 'null'] },
      language: {
        type: ['string', 'null'],
        enum: ['EN', 'PT', null],
        'x-error': { code: 'Pattern', message: 'must be EN or PT' },
      },
      delivery: {
        type: 'object',
        required: ['url'],
        properties: { url: { type: 'string', pattern: '^https://' } },
      },
      items: {
        type: 'array',
        maxItems: 3,
        items: { type: 'object', properties: { name: { type: 'string' } } },
      },
    },
  };
  const echo = { schema: { body }, handler: async (request: { body: unknown }) => request.body };
  app.post('/v1/things', {
    schema: { body },
    handler: async (request) => {
      if (request.headers.authorization !== 'Bearer ok') throw new InvalidToken();
      validated(request);
      return request.body;
    },
  });
  // A handler that forgets validated(): the onSend net still refuses the request.
  app.post('/v1/forgetful', echo);
  app.post('/v1/own-root', {
    schema: {
      body: { type: 'object', 'x-error': { code: 'BAD_REQUEST', message: 'The body must be a JSON object' } },
    },
    handler: async (request) => {
      validated(request);
      return {};
    },
  });
  app.get('/v1/list', {
    schema: {
      querystring: {
        type: 'object',
        required: ['profile'],
        properties: { profile: { type: 'string', pattern: '^\\d+$' } },
      },
    },
    handler: async (request) => {
      validated(request);
      return request.query;
    },
  });
  app.post('/oauth/thing', {
    schema: { body },
    handler: async (request) => {
      validated(request);
      return {};
    },
  });
  app.post('/v1/oauth-by-config', {
    schema: { body },
    config: { errorFamily: 'oauth' },
    handler: async (request) => {
      validated(request);
      return {};
    },
  });
  return app;
}

const app = appWithRoutes();
const post = async (url: string, payload: unknown, auth = 'Bearer ok') => {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { authorization: auth, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });
  return { status: res.statusCode, body: res.json() };
};
const entry = (code: string, message: string, path: string, args: unknown[] = []) => ({
  code,
  message,
  path,
  arguments: args,
});

describe("http/schema-errors: ajv errors as the contract's Wise validation bodies", () => {
  test('a valid body reaches the handler as sent (no coercion, no defaults, nothing removed)', async () => {
    const sent = { email: 'a@example.com', code: 'abcd', extra: 1, count: null };
    assert.deepEqual(await post('/v1/things', sent), { status: 200, body: sent });
  });

  test('absent and null required fields are NotNull, one entry per field in the order of the properties', async () => {
    const res = await post('/v1/things', { code: null });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      errors: [entry('NotNull', 'must not be null', 'email'), entry('NotNull', 'must not be null', 'code')],
    });
  });

  test("another JSON type is TypeMismatch, and the order is the schema's, not ajv's (required first)", async () => {
    const res = await post('/v1/things', { email: 5, count: '5' });
    assert.deepEqual(res.body, {
      errors: [
        entry('TypeMismatch', 'must be a string', 'email'),
        entry('NotNull', 'must not be null', 'code'),
        entry('TypeMismatch', 'must be an integer', 'count'),
      ],
    });
  });

  test("minLength and maxLength are Size with Wise's arguments [max, min], counted in characters", async () => {
    const short = await post('/v1/things', { email: 'a', code: '😀😀😀' });
    assert.deepEqual(short.body, {
      errors: [entry('Size', 'size must be between 4 and 8', 'code', ['8', '4'])],
    });
    assert.equal((await post('/v1/things', { email: 'a', code: '😀😀😀😀' })).status, 200);
    const long = await post('/v1/things', { email: 'a', code: '123456789' });
    assert.deepEqual(long.body.errors[0].code, 'Size');
  });

  test("a schema's own x-error stands for any violation of it, of type or of value", async () => {
    for (const language of ['XX', 7]) {
      const res = await post('/v1/things', { email: 'a', code: 'abcd', language });
      assert.deepEqual(res.body, { errors: [entry('Pattern', 'must be EN or PT', 'language')] });
    }
  });

  test('nested fields and array items have dotted and indexed paths', async () => {
    const res = await post('/v1/things', {
      email: 'a',
      code: 'abcd',
      delivery: { url: 'http://x' },
      items: [{ name: 'ok' }, { name: 3 }],
    });
    assert.deepEqual(res.body, {
      errors: [
        entry('Pattern', 'must match "^https://"', 'delivery.url'),
        entry('TypeMismatch', 'must be a string', 'items[1].name'),
      ],
    });
    const missing = await post('/v1/things', { email: 'a', code: 'abcd', delivery: {} });
    assert.deepEqual(missing.body, { errors: [entry('NotNull', 'must not be null', 'delivery.url')] });
    assert.equal(fieldPath('/a~1b/0/c~0d'), 'a/b[0].c~d');
  });

  test("a body that is not an object is BAD_REQUEST, with the root schema's x-error where it has one", async () => {
    for (const body of [[1], 'text', 3, null]) {
      assert.deepEqual(await post('/v1/things', body), {
        status: 400,
        body: { errors: [{ code: 'BAD_REQUEST', message: 'The request body must be a JSON object.' }] },
      });
    }
    assert.deepEqual((await post('/v1/own-root', [])).body, {
      errors: [{ code: 'BAD_REQUEST', message: 'The body must be a JSON object' }],
    });
    const noBody = await app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: { authorization: 'Bearer ok' },
    });
    assert.equal(noBody.statusCode, 400);
    assert.equal(noBody.json().errors[0].code, 'BAD_REQUEST');
  });

  test("bad JSON keeps the parser's error", async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: { authorization: 'Bearer ok', 'content-type': 'application/json' },
      payload: '{"email":',
    });
    assert.deepEqual(res.json(), {
      errors: [{ code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' }],
    });
  });

  test('the token is checked before the body: a bad token and a bad body are a 401', async () => {
    const res = await post('/v1/things', {}, 'Bearer wrong');
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'invalid_token');
  });

  test('a handler that forgets validated() still never answers 200 for an invalid body', async () => {
    const res = await post('/v1/forgetful', { code: 'abcd' });
    assert.deepEqual(res, { status: 400, body: { errors: [entry('NotNull', 'must not be null', 'email')] } });
  });

  test('a query parameter is named by its own name', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/list?profile=abc' });
    assert.deepEqual(res.json(), { errors: [entry('Pattern', 'must match "^\\d+$"', 'profile')] });
    assert.deepEqual((await app.inject({ method: 'GET', url: '/v1/list?profile=12' })).json(), {
      profile: '12',
    });
  });
});

describe('http/schema-errors: the OAuth family for /oauth routes and routes that ask for it', () => {
  test('under /oauth/, invalid_request naming the parameter', async () => {
    const res = await post('/oauth/thing', { code: 'abcd' });
    assert.deepEqual(res, {
      status: 400,
      body: { error: 'invalid_request', error_description: 'The parameter email is missing.' },
    });
    const wrong = await post('/oauth/thing', { email: 'a', code: 'ab' });
    assert.equal(wrong.body.error, 'invalid_request');
    assert.match(
      wrong.body.error_description,
      /^The parameter code must NOT have fewer than 4 characters\.$/,
    );
  });

  test('config.errorFamily picks the OAuth family on another path', async () => {
    const res = await post('/v1/oauth-by-config', { email: 'a' });
    assert.deepEqual(res.body, {
      error: 'invalid_request',
      error_description: 'The parameter code is missing.',
    });
  });
});
