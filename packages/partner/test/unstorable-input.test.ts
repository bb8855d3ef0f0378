import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type RegisteredRoute, registeredRoutes } from '@account-access/kit/testing/routes';
import { startTestPartner } from '../src/testing/index.js';
import { FakeWise } from './support/fake-wise.js';

const REFUSED = /contains characters that are not allowed/;
const urlOf = (route: RegisteredRoute, which: string | null, value: string) =>
  route.url.replace(/:([\w-]+)/g, (_, name: string) => (name === which ? value : '1'));

/**
 * Issue 12, the bank's side: a value PostgreSQL cannot store (NUL, a lone surrogate) anywhere in a request
 * to any of its routes is the plain 400 refusal page, never a 500. The routes are read from the app itself.
 */
describe('the partner refuses values PostgreSQL cannot store, on every route', () => {
  let partner: Awaited<ReturnType<typeof startTestPartner>>;
  let routes: RegisteredRoute[];
  before(async () => {
    partner = await startTestPartner({ client: new FakeWise().client });
    routes = registeredRoutes(partner.app);
  });
  after(() => partner.close());

  const send = async (method: string, path: string, form?: string) => {
    const res = await fetch(`${partner.url}${path}`, {
      method,
      redirect: 'manual',
      ...(form === undefined
        ? {}
        : { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }),
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  test('the walk covers the bank’s pages', () => {
    assert.ok(routes.length >= 8, `${routes.length} routes`);
    assert.ok(routes.some((r) => r.method === 'POST'));
  });

  test('a NUL in a query value or name, or in each path parameter, of every route: the 400 page', async () => {
    for (const route of routes) {
      const targets = [
        `${urlOf(route, null, '')}?code=%00`,
        `${urlOf(route, null, '')}?a%00=1`,
        ...route.params.map((param) => urlOf(route, param, 'a%00b')),
      ];
      for (const target of targets) {
        const res = await send(route.method, target);
        const label = `${route.method} ${target}: ${res.status} ${res.text.slice(0, 120)}`;
        assert.equal(res.status, 400, label);
        assert.match(res.type, /^text\/html/, label);
        assert.match(res.text, REFUSED, label);
      }
    }
  });

  test('a NUL in a form field of every POST route: the 400 page, before the CSRF check', async () => {
    for (const route of routes.filter((r) => r.method === 'POST')) {
      for (const form of ['_csrf=x&customerId=a%00b', 'a%00=1']) {
        const res = await send('POST', urlOf(route, null, ''), form);
        const label = `${route.url} ${form}: ${res.status}`;
        // The webhook receiver reads its body raw and checks its signature first: refused either way.
        if (route.url.includes('webhook')) assert.ok(res.status >= 400 && res.status < 500, label);
        else {
          assert.equal(res.status, 400, label);
          assert.match(res.text, REFUSED, label);
        }
      }
    }
  });

  test('a path that is not UTF-8 is the refusal page, not Fastify’s JSON', async () => {
    const res = await send('GET', '/%ED%A0%80');
    assert.equal(res.status, 400);
    assert.match(res.type, /^text\/html/);
  });
});
