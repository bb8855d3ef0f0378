import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testPartner } from '../src/testing/index.js';
import { createPartnerApp } from '../src/web/app.js';
import { FakeWise } from './support/fake-wise.js';

type P = Awaited<ReturnType<typeof testPartner>>;

/** The cookie a response sets, as `name=value`. */
function cookieOf(res: { headers: Record<string, unknown> }): string | null {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  return typeof first === 'string' ? (first.split(';')[0] ?? null) : null;
}
const csrfIn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

describe('browser sessions: a row only when something is kept in it', () => {
  let p: P;
  let app: FastifyInstance;
  const writes: string[] = [];
  beforeEach(async () => {
    p = await testPartner({ client: new FakeWise().client });
    app = createPartnerApp(p);
    writes.length = 0;
    const sessions = p.stores.sessions;
    for (const name of ['create', 'purge'] as const) {
      const original = sessions[name].bind(sessions) as (...a: never[]) => Promise<never>;
      (sessions as unknown as Record<string, unknown>)[name] = (...args: never[]) => {
        writes.push(name);
        return original(...args);
      };
    }
  });
  afterEach(async () => {
    await app.close();
    await p.close();
  });

  const rows = async () =>
    (await p.db.query<{ n: number }>('select count(*)::int as n from web_sessions')).rows[0]?.n;
  const form = (url: string, fields: Record<string, string>, cookie?: string) => ({
    method: 'POST' as const,
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie } : {}),
    },
    payload: new URLSearchParams(fields).toString(),
  });

  test('a 404, the health check and a signed-out page write nothing and set no cookie', async () => {
    for (const url of ['/no-such-page', '/health', '/account', '/static/app.css']) {
      const res = await app.inject({ url });
      assert.equal(cookieOf(res), null, url);
    }
    assert.deepEqual(writes, []);
    assert.equal(await rows(), 0);
  });

  test('an anonymous form gets a cookie-bound CSRF token without a row; sign-in makes the one row', async () => {
    const front = await app.inject({ url: '/' });
    const anonymous = cookieOf(front);
    assert.match(anonymous ?? '', /^bank_session=[A-Za-z0-9_-]{43}$/);
    assert.match(String(front.headers['set-cookie']), /HttpOnly; SameSite=Lax/);
    assert.equal(await rows(), 0, 'no row for a visitor');
    assert.deepEqual(writes, []);

    const signIn = await app.inject(
      form('/sign-in', { _csrf: csrfIn(front.body), customerId: 'cus-amelia' }, anonymous!),
    );
    assert.equal(signIn.statusCode, 303);
    const signedIn = cookieOf(signIn);
    assert.ok(signedIn && signedIn !== anonymous, 'a new session id on sign-in');
    assert.equal(await rows(), 1);
    assert.deepEqual(writes, ['purge', 'create'], 'expired rows are purged at sign-in');

    const account = await app.inject({ url: '/account', headers: { cookie: signedIn } });
    assert.equal(account.statusCode, 200);
    assert.equal(cookieOf(account), null, 'a session with an id keeps it');
    assert.match(account.body, /Hello, Amelia/);
  });

  test('a form token is refused without its cookie, or with another visitor’s cookie', async () => {
    const mine = await app.inject({ url: '/' });
    const theirs = await app.inject({ url: '/' });
    const token = csrfIn(mine.body);
    const cases = [
      form('/sign-in', { _csrf: token, customerId: 'cus-amelia' }),
      form('/sign-in', { _csrf: token, customerId: 'cus-amelia' }, cookieOf(theirs)!),
    ];
    for (const request of cases) assert.equal((await app.inject(request)).statusCode, 403);
    assert.equal(await rows(), 0);
  });

  test('sign-out deletes the row and leaves only a new anonymous cookie', async () => {
    const front = await app.inject({ url: '/' });
    const signIn = await app.inject(
      form('/sign-in', { _csrf: csrfIn(front.body), customerId: 'cus-amelia' }, cookieOf(front)!),
    );
    const cookie = cookieOf(signIn)!;
    const account = await app.inject({ url: '/account', headers: { cookie } });
    const signOut = await app.inject(form('/sign-out', { _csrf: csrfIn(account.body) }, cookie));
    assert.equal(signOut.statusCode, 303);
    assert.notEqual(cookieOf(signOut), cookie);
    assert.equal(await rows(), 0);
    const after = await app.inject({ url: '/account', headers: { cookie } });
    assert.equal(after.statusCode, 401, 'the old id signs no one in');
  });

  test('an expired session signs no one in, and its id is not taken over by the next sign-in', async () => {
    const front = await app.inject({ url: '/' });
    const signIn = await app.inject(
      form('/sign-in', { _csrf: csrfIn(front.body), customerId: 'cus-amelia' }, cookieOf(front)!),
    );
    const cookie = cookieOf(signIn)!;
    p.clock.advance(8 * 3600 + 1);
    assert.equal((await app.inject({ url: '/account', headers: { cookie } })).statusCode, 401);
    const again = await app.inject({ url: '/', headers: { cookie } });
    const second = await app.inject(
      form('/sign-in', { _csrf: csrfIn(again.body), customerId: 'cus-john' }, cookie),
    );
    assert.notEqual(cookieOf(second), cookie);
    assert.equal(await rows(), 1, 'the expired row was purged at this sign-in');
  });

  test('a callback in a browser without a session is refused and consumes nothing', async () => {
    const res = await app.inject({ url: '/wise/callback?code=abc&state=xyz' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Connection refused/);
    assert.equal(await rows(), 0);
  });
});
