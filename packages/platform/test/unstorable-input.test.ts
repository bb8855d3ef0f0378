import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type RegisteredRoute, registeredRoutes } from '@account-access/kit/testing/routes';
import { startTestPlatform, type TestPlatform } from './support/index.js';

const BACKEND = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';
/** The pages a person reads answer the hosted error page (contract §4, §6, §7). */
const HOSTED = /^\/(oauth\/(authorize|interaction|email-code)|account)(\/|$)/;

/** The route's URL with `value` (already percent-encoded) as parameter `which`, every other one `1`. */
const urlOf = (route: RegisteredRoute, which: string | null, value: string) =>
  route.url.replace(/:([\w-]+)/g, (_, name: string) => (name === which ? value : '1'));

/**
 * Issue 12: a value PostgreSQL cannot store (NUL, a lone surrogate) in a path parameter, query value, header
 * or body of ANY route is a 400 in the route's family with a clear message, never a 500. The routes are read
 * from the app itself, so a route added later is walked too.
 */
describe(`values PostgreSQL cannot store, on every route (${BACKEND})`, () => {
  let p: TestPlatform;
  let routes: RegisteredRoute[];
  before(async () => {
    p = await startTestPlatform();
    routes = registeredRoutes(p.app);
  });
  after(() => p.close());

  const send = async (method: string, path: string, body?: { type: string; text: string }) => {
    const res = await fetch(`${p.url}${path}`, {
      method,
      redirect: 'manual',
      ...(body ? { headers: { 'content-type': body.type }, body: body.text } : {}),
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  /** A 400 of the route's family whose message says what was refused. */
  function assertRefused(
    route: RegisteredRoute,
    res: { status: number; type: string; text: string },
    what: RegExp,
  ) {
    const label = `${route.method} ${route.url}: ${res.status} ${res.type} ${res.text.slice(0, 120)}`;
    assert.equal(res.status, 400, label);
    if (HOSTED.test(route.url)) {
      assert.match(res.type, /^text\/html/, label);
      assert.match(res.text, /Please try again/, label);
    } else if (route.url.startsWith('/oauth/')) {
      assert.equal(JSON.parse(res.text).error, 'invalid_request', label);
    } else {
      assert.equal(JSON.parse(res.text).errors[0].code, 'BAD_REQUEST', label);
    }
    assert.match(res.text, what, label);
  }

  test('the walk covers the routes the issue names, and many more', () => {
    const names = routes.map((r) => `${r.method} ${r.url}`);
    for (const named of [
      'GET /oauth/interaction/:uid',
      'GET /_sandbox/outbox',
      'POST /_sandbox/users/:email/reclaim',
    ])
      assert.ok(names.includes(named), named);
    assert.ok(routes.length > 50, `${routes.length} routes`);
  });

  test('the three calls of the issue: 400, not 500', async () => {
    const page = await send('GET', '/oauth/interaction/%00');
    assert.equal(page.status, 400);
    assert.match(page.text, /The path parameter uid contains characters that are not allowed/);
    const outbox = await send('GET', '/_sandbox/outbox?to=%00');
    assert.equal(outbox.status, 400);
    assert.equal(JSON.parse(outbox.text).errors[0].path, 'to');
    const reclaim = await send('POST', '/_sandbox/users/%00/reclaim');
    assert.equal(reclaim.status, 400);
    assert.match(JSON.parse(reclaim.text).errors[0].message, /path parameter email/);
  });

  test('a NUL in each path parameter of every route', async () => {
    for (const route of routes) {
      for (const param of route.params) {
        const res = await send(route.method, urlOf(route, param, `a%00b`));
        // Routes sharing a node may name the parameter differently (`:id|:profileId`): any name will do.
        assertRefused(route, res, /path parameter \w+ contains characters that are not allowed/);
      }
    }
  });

  test('a NUL in a query value of every route (a repeated one too), and in a query name', async () => {
    // The authorize endpoint checks its own query: a NUL after a known client is an error redirect to it
    // (RFC 6749 §4.1.2.1), asserted in authorize.test.ts; without one it is a page, never a 500.
    for (const route of routes.filter((r) => r.url.startsWith('/oauth/authorize'))) {
      const res = await send(route.method, `${route.url}?client_id=a%00b`);
      assert.equal(res.status, 400);
      assert.match(res.type, /^text\/html/);
    }
    for (const route of routes.filter((r) => !r.url.startsWith('/oauth/authorize'))) {
      const base = urlOf(route, null, '');
      // A lone surrogate cannot be percent-encoded in valid UTF-8; its bytes stay undecoded text (storable).
      for (const query of ['to=%00', 'clientId=x%00', 'q=ok&q=%00']) {
        assertRefused(route, await send(route.method, `${base}?${query}`), /query parameter \w+ contains/);
      }
      assertRefused(route, await send(route.method, `${base}?a%00=1`), /query parameter contains/);
    }
  });

  test('a path that is not UTF-8 (a lone surrogate, %FF) is a 400 in the family, on every route with a parameter', async () => {
    for (const route of routes.filter((r) => r.params.length > 0)) {
      for (const bad of ['%ED%A0%80', '%FF']) {
        assertRefused(route, await send(route.method, urlOf(route, route.params[0]!, bad)), /not valid/);
      }
    }
  });

  test('a NUL or a lone surrogate in a JSON or form body of every route that takes one: a 4xx, never a 500', async () => {
    const bodies = [
      { type: 'application/json', text: '{"email":"a\\u0000b","name":"x"}' },
      { type: 'application/json', text: '{"email":"a\\ud800b"}' },
      { type: 'application/x-www-form-urlencoded', text: 'email=a%00b&grant_type=client_credentials' },
    ];
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      for (const body of bodies) {
        const res = await send(route.method, urlOf(route, null, ''), body);
        const label = `${route.method} ${route.url} ${body.text}: ${res.status} ${res.text.slice(0, 200)}`;
        assert.ok(res.status >= 400 && res.status < 500, label);
        if (res.status === 400 && route.url.startsWith('/oauth/') && !HOSTED.test(route.url))
          assert.equal(JSON.parse(res.text).error, 'invalid_request', label);
      }
    }
  });

  test('a header with a NUL never reaches a route: refused before it, never a 500', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(p.url).port), '127.0.0.1', () => {
        socket.write(
          'GET /_sandbox/outbox HTTP/1.1\r\nHost: x\r\nX-Probe: a\u0000b\r\nConnection: close\r\n\r\n',
        );
      });
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 4\d\d /);
  });
});
