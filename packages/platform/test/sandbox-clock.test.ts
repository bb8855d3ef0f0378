import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { readClock } from '../src/sandbox/clock.js';
import { purgeExpired } from '../src/server.js';
import { clientToken, registrationCode, signup } from './mail/helpers.js';
import {
  actionOf,
  authorizeUrl,
  basic,
  bearer,
  csrfOf,
  flowPageOf,
  get,
  linkAccount,
  PageClient,
  PERSONAL,
  postForm,
  postJson,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from './support/index.js';

const REDIRECT = 'https://bank.example/callback';
const HOUR = 3600;

/** Issue 11 "virtual time": GET/POST /_sandbox/clock moves the platform's time for everything. */
describe('sandbox clock (issue 11)', () => {
  let p: TestPlatform;
  let client: { clientId: string; clientSecret: string };
  const person = { email: 'ada@example.com', password: 'correct horse battery staple' };
  let n = 0;

  const clock = () => get(`${p.url}/_sandbox/clock`);
  const advance = (seconds: unknown, url = p.url) =>
    postJson(`${url}/_sandbox/clock`, { advanceSeconds: seconds });
  const token = (form: Record<string, string>) =>
    postForm(`${p.url}/oauth/token`, form, { authorization: basic(client.clientId, client.clientSecret) });
  const ahead = (seconds: number) => new Date(p.clock.now().getTime() + seconds * 1000).toISOString();

  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient({ redirectUris: [REDIRECT] });
    await seedPerson(p, { ...person, profiles: [PERSONAL] });
  });
  beforeEach(async () => {
    assert.equal((await postJson(`${p.url}/_sandbox/clock`, { reset: true })).status, 200);
  });
  after(() => p.close());

  test('GET answers the platform time and offset; advance adds up; reset goes back to real time', async () => {
    assert.deepEqual((await clock()).body, { now: ahead(0), offsetSeconds: 0 });
    const moved = await advance(90);
    assert.equal(moved.status, 200);
    assert.deepEqual(moved.body, { now: ahead(90), offsetSeconds: 90 });
    assert.deepEqual((await advance(10)).body, { now: ahead(100), offsetSeconds: 100 });
    assert.deepEqual((await clock()).body, { now: ahead(100), offsetSeconds: 100 });
    assert.deepEqual(await readClock(p.platform), { now: new Date(ahead(100)), offsetSeconds: 100 });
    const reset = await postJson(`${p.url}/_sandbox/clock`, { reset: true });
    assert.deepEqual(reset.body, { now: ahead(0), offsetSeconds: 0 });
    assert.deepEqual((await clock()).body, { now: ahead(0), offsetSeconds: 0 });
  });

  test('concurrent advances all count: 20 × 60 s is 20 minutes', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => advance(60)));
    assert.ok(answers.every((a) => a.status === 200));
    const offsets = answers.map((a) => a.body.offsetSeconds as number).sort((a, b) => a - b);
    assert.deepEqual(
      offsets,
      Array.from({ length: 20 }, (_, i) => (i + 1) * 60),
      'each saw its own step',
    );
    assert.equal((await clock()).body.offsetSeconds, 1200);
  });

  test('the clock never moves backwards, and bad bodies are a 400 with a clear message', async () => {
    await advance(60);
    for (const [body, path] of [
      [{ advanceSeconds: -60 }, 'advanceSeconds'],
      [{ advanceSeconds: 0 }, 'advanceSeconds'],
      [{ advanceSeconds: 1.5 }, 'advanceSeconds'],
      [{ advanceSeconds: '60' }, 'advanceSeconds'],
      [{ advanceSeconds: 1e12 }, 'advanceSeconds'],
      [{ reset: false }, 'reset'],
      [{ advanceSeconds: 60, reset: true }, 'body'],
      [{}, 'body'],
      [{ offsetSeconds: 5 }, 'body'],
    ] as const) {
      const res = await postJson(`${p.url}/_sandbox/clock`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.errors[0].path, path, JSON.stringify(body));
      assert.ok(res.body.errors[0].message.length > 10);
    }
    const backwards = await advance(-1);
    assert.match(backwards.body.errors[0].message, /only moves forward/);
    const notJson = await postJson(`${p.url}/_sandbox/clock`, [1]);
    assert.equal(notJson.status, 400);
    assert.equal((await clock()).body.offsetSeconds, 60, 'nothing applied');
    // 100 years at a time, 1000 years at most in all: dates stay storable.
    for (let i = 0; i < 9; i++) assert.equal((await advance(100 * 365 * 24 * HOUR)).status, 200);
    const tooFar = await advance(100 * 365 * 24 * HOUR);
    assert.equal(tooFar.status, 400);
    assert.match(tooFar.body.errors[0].message, /reset/);
  });

  test('past 30 minutes an authorization code no longer exchanges', async () => {
    const code = async () =>
      (
        await linkAccount(p, new PageClient(p.url), { client, redirectUri: REDIRECT, ...person })
      ).searchParams.get('code')!;
    const fresh = await code();
    await advance(29 * 60);
    assert.equal(
      (await token({ grant_type: 'authorization_code', code: fresh, redirect_uri: REDIRECT })).status,
      200,
    );
    const stale = await code();
    await advance(30 * 60);
    const res = await token({ grant_type: 'authorization_code', code: stale, redirect_uri: REDIRECT });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_grant');
    assert.match(res.body.error_description, /expired/);
  });

  test('past 12 hours an access token is 401 and the refresh token still works', async () => {
    const email = `clock${++n}@example.com`;
    const code = registrationCode();
    assert.equal(
      (await signup(p, await clientToken(p, client), { email, registrationCode: code })).status,
      200,
    );
    const tokens = await token({
      grant_type: 'registration_code',
      client_id: client.clientId,
      email,
      registration_code: code,
    });
    assert.equal(tokens.status, 200);
    const me = (t: string) => get(`${p.url}/v1/me`, bearer(t));
    assert.equal((await me(tokens.body.access_token)).status, 200);
    await advance(12 * HOUR);
    assert.equal((await me(tokens.body.access_token)).status, 401);
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
    assert.equal(refreshed.status, 200, refreshed.text);
    assert.equal((await me(refreshed.body.access_token)).status, 200);
  });

  test('a login lockout ends when the clock passes it', async () => {
    const browser = new PageClient(p.url);
    const res = await browser.get(
      authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT }),
    );
    const page = flowPageOf(res.location!);
    let html = (await browser.open(page)).text;
    for (let i = 0; i < 5; i++) {
      await browser.post(actionOf(html), { csrf: csrfOf(html), email: person.email, password: 'wrong' });
      html = (await browser.open(page)).text;
    }
    await browser.post(actionOf(html), { csrf: csrfOf(html), ...person });
    html = (await browser.open(page)).text;
    assert.doesNotMatch(html, /Choose a profile/, 'locked: even the right password is refused');
    // A day later (past any lockout window) a new visit signs in and the flow finishes with a code.
    await advance(24 * HOUR);
    const callback = await linkAccount(p, browser, { client, redirectUri: REDIRECT, ...person });
    assert.ok(callback.searchParams.get('code'));
  });

  test('a second instance on the same database sees the same time, in requests and in its workers', async () => {
    const second = await startTestPlatform({ db: p.db, clock: p.clock });
    try {
      await advance(5 * HOUR);
      assert.deepEqual((await get(`${second.url}/_sandbox/clock`)).body, {
        now: ahead(5 * HOUR),
        offsetSeconds: 5 * HOUR,
      });
      await advance(HOUR, second.url);
      await p.webhooks.deliverDue();
      assert.equal(
        p.platform.now().toISOString(),
        ahead(6 * HOUR),
        'the worker round read the shared offset',
      );
      await postJson(`${p.url}/_sandbox/clock`, { reset: true });
      assert.equal((await get(`${second.url}/_sandbox/clock`)).body.offsetSeconds, 0);
    } finally {
      await second.close();
    }
  });

  test('the purge runs by the shared clock: two days on, an interaction begun now is gone', async () => {
    const start = await new PageClient(p.url).get(
      authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT }),
    );
    const uid = decodeURIComponent(flowPageOf(start.location!).split('/').pop()!);
    const exists = async () =>
      (await p.db.query('select 1 from interactions where uid = $1', [uid])).rows.length === 1;
    const second = await startTestPlatform({ db: p.db, clock: p.clock });
    try {
      assert.equal((await purgeExpired(second.platform)).interactions, 0);
      assert.equal(await exists(), true);
      await advance(49 * HOUR);
      // The second instance has answered no request since: its purge reads the offset itself.
      assert.ok((await purgeExpired(second.platform)).interactions! >= 1);
      assert.equal(await exists(), false);
    } finally {
      await second.close();
    }
  });
});
