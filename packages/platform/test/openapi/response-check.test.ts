import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.js';
import { createPlatform } from '../../src/context.js';
import { FakeClock, testDatabase, testPlatformConfig } from '../support/index.js';

type Db = Awaited<ReturnType<typeof testDatabase>>;

/** The app with two extra routes whose schema says `{ id: integer }`, one answering what it says. */
function appWith(db: Db, mode: 'test' | 'development'): FastifyInstance {
  const app = createApp(createPlatform(testPlatformConfig({ mode }), db, new FakeClock().now));
  const schema = {
    response: {
      200: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
      404: {
        description: 'Not found',
        content: { 'application/json': { schema: { type: 'object', required: ['errors'] } } },
      },
    },
  };
  app.get('/check/right', { schema }, async () => ({ id: 7, extra: 'kept' }));
  app.get('/check/wrong', { schema }, async () => ({ id: 'seven' }));
  app.get('/check/missing', { schema }, async (_request, reply) => reply.code(404).send({ nothing: true }));
  return app;
}

describe('responses are checked against their route’s schema in test mode (issue 15)', () => {
  let db: Db;
  before(async () => {
    db = await testDatabase();
  });
  after(() => db.close());

  test('a body that matches goes out as the handler wrote it: a schema never drops a property', async () => {
    const app = appWith(db, 'test');
    try {
      const res = await app.inject('/check/right');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { id: 7, extra: 'kept' });
    } finally {
      await app.close();
    }
  });

  test('a body that does not match is a 500 naming the route, the status and what differs', async () => {
    const app = appWith(db, 'test');
    try {
      const wrong = await app.inject('/check/wrong');
      assert.equal(wrong.statusCode, 500);
      assert.match(
        wrong.json().error_description,
        /200 response of GET \/check\/wrong .*body\/id must be integer/,
      );
      const missing = await app.inject('/check/missing');
      assert.equal(missing.statusCode, 500, 'an OpenAPI response object is read through its content');
      assert.match(missing.json().error_description, /404 response of GET \/check\/missing .*'errors'/);
    } finally {
      await app.close();
    }
  });

  test('outside test mode nothing is checked', async () => {
    const app = appWith(db, 'development');
    try {
      const wrong = await app.inject('/check/wrong');
      assert.equal(wrong.statusCode, 200);
      assert.deepEqual(wrong.json(), { id: 'seven' });
    } finally {
      await app.close();
    }
  });
});
