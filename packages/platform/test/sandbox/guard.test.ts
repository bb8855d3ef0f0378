import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { csrfToken } from '@account-access/kit';
import Fastify from 'fastify';
import { ConfigError, loadPlatformConfig } from '../../src/config/config.js';
import { sandboxGuard } from '../../src/sandbox/guard.js';
import {
  SANDBOX_SESSION_SECONDS,
  sandboxSessionValue,
  validSandboxSession,
} from '../../src/sandbox/session.js';
import {
  csrfOf,
  get,
  PageClient,
  postJson,
  startTestPlatform,
  TEST_SERVER_SECRET,
  type TestPlatform,
  testPlatformConfig,
} from '../support/index.js';

// Issue 11 "Locked": the control plane needs the sandbox key unless development on loopback.
const KEY = 'sandbox-key-for-tests-0123456789';
const bearerKey = { authorization: `Bearer ${KEY}` };

describe('the sandbox guard in production mode (sandbox allowed explicitly, with a key)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({
      settings: { mode: 'production', logLevel: 'silent', sandboxKey: KEY, sandboxInProduction: true },
    });
  });
  after(() => p.close());

  test('without the key every control-plane call is a 401 JSON body, even from loopback', async () => {
    for (const path of ['/_sandbox/outbox', '/_sandbox/webhooks', '/_sandbox/requests', '/_sandbox/faults']) {
      const res = await get(`${p.url}${path}`);
      assert.equal(res.status, 401, path);
      assert.equal(res.body.errors[0].code, 'UNAUTHORIZED');
      assert.match(res.body.errors[0].message, /sandbox key/);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="sandbox"');
    }
    const post = await postJson(`${p.url}/_sandbox/users/a@example.com/reclaim`, {});
    assert.equal(post.status, 401);
    // Unknown control-plane paths too: which ones exist is not told without the key.
    assert.equal((await get(`${p.url}/_sandbox/nope`)).status, 401);
    assert.equal((await get(`${p.url}/_sandbox/nope`, bearerKey)).status, 404);
    // Every control-plane call is journaled, a refused one too (issue 11 "Locked").
    const journal = await get(`${p.url}/_sandbox/requests?path=/_sandbox/users&limit=500`, bearerKey);
    assert.deepEqual(
      journal.body.requests.map((e: { method: string; path: string; status: number }) => [
        e.method,
        e.path,
        e.status,
      ]),
      [['POST', '/_sandbox/users/a@example.com/reclaim', 401]],
    );
  });

  test('a wrong or malformed key is a 401; the right one passes', async () => {
    for (const authorization of [`Bearer ${KEY}x`, `Bearer ${KEY.slice(0, -1)}`, `Basic ${KEY}`, KEY]) {
      assert.equal((await get(`${p.url}/_sandbox/outbox`, { authorization })).status, 401, authorization);
    }
    const ok = await get(`${p.url}/_sandbox/outbox`, bearerKey);
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body, []);
  });

  test('the inspector page sends a browser without the key to the login form', async () => {
    // The inspector's own route is another file's; any route behind the guard at that path behaves so.
    const app = Fastify();
    app.addHook('onRequest', sandboxGuard(p.platform));
    app.get('/_sandbox', async () => 'inspector');
    app.get('/_sandbox/outbox', async () => []);
    try {
      const page = await app.inject({ url: '/_sandbox', remoteAddress: '127.0.0.1' });
      assert.equal(page.statusCode, 303);
      assert.equal(page.headers.location, '/_sandbox/login');
      assert.equal((await app.inject({ url: '/_sandbox/outbox' })).statusCode, 401);
      const keyed = await app.inject({ url: '/_sandbox', headers: bearerKey });
      assert.equal(keyed.body, 'inspector');
    } finally {
      await app.close();
    }
  });

  test('login: CSRF checked, a wrong key refused, the right one sets a signed cookie; logout ends it', async () => {
    const browser = new PageClient(p.url);
    const form = await browser.get('/_sandbox/login');
    assert.equal(form.status, 200);
    assert.match(form.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    const csrf = csrfOf(form.text);

    assert.equal((await browser.post('/_sandbox/login', { key: KEY, csrf: 'forged' })).status, 403);
    const wrong = await browser.post('/_sandbox/login', { key: 'not-the-key', csrf });
    assert.equal(wrong.status, 401);
    assert.match(wrong.text, /That is not the sandbox key/);
    assert.ok(!wrong.text.includes('not-the-key'), 'the typed key is never echoed');
    assert.ok(![...browser.cookies.keys()].includes('aa_sandbox'));

    const right = await browser.post('/_sandbox/login', { key: KEY, csrf });
    assert.equal(right.status, 303);
    assert.equal(right.location, '/_sandbox');
    const cookie = browser.cookies.get('aa_sandbox');
    assert.ok(cookie && !cookie.includes(KEY));
    assert.equal((await browser.get('/_sandbox/outbox')).status, 200);

    // A cookie changed by one character is no login.
    const forged = new PageClient(p.url);
    forged.cookies.set('aa_sandbox', `${cookie.slice(0, -1)}${cookie.endsWith('A') ? 'B' : 'A'}`);
    assert.equal((await forged.get('/_sandbox/outbox')).status, 401);

    const logoutCsrf = csrfOf((await browser.get('/_sandbox/login')).text);
    // The logout form has its own CSRF token: the login form's does not log anyone out.
    assert.equal((await browser.post('/_sandbox/logout', { csrf: logoutCsrf })).status, 403);
    assert.equal((await browser.get('/_sandbox/outbox')).status, 200);

    // With its own token (the inspector renders it: login.ts logoutCsrf), logout ends the login.
    const browserId = browser.cookies.get('aa_browser')!;
    const logout = await browser.post('/_sandbox/logout', {
      csrf: csrfToken(p.platform.config.serverSecret, `sandbox-logout:${browserId}`),
    });
    assert.equal(logout.status, 303);
    assert.equal(logout.location, '/_sandbox/login');
    assert.ok(!browser.cookies.has('aa_sandbox'));
    assert.equal((await browser.get('/_sandbox/outbox')).status, 401);

    // The journal holds the login and the keyed calls, never the key, the cookie or a CSRF token.
    const journal = await get(`${p.url}/_sandbox/requests?path=/_sandbox&limit=500`, bearerKey);
    const text = JSON.stringify(journal.body);
    assert.ok(journal.body.requests.some((e: { path: string }) => e.path === '/_sandbox/login'));
    for (const secret of [KEY, cookie, csrf, logoutCsrf]) assert.ok(!text.includes(secret));
  });

  test('the login cookie expires after its lifetime and stops working under another key', () => {
    const now = Date.now();
    const value = sandboxSessionValue(p.platform, KEY, now);
    assert.equal(validSandboxSession(p.platform, value, now + 1000), true);
    assert.equal(validSandboxSession(p.platform, value, now + SANDBOX_SESSION_SECONDS * 1000 + 1000), false);
    const rotated = { ...p.platform, config: { ...p.platform.config, sandboxKey: `${KEY}-new` } };
    assert.equal(validSandboxSession(rotated, value, now + 1000), false);
  });

  test('simulation routes keep Wise’s own authentication (a bearer token), not the sandbox key', async () => {
    const res = await postJson(`${p.url}/v1/simulation/verify-profile`, {});
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'invalid_token');
  });
});

describe('the sandbox guard in development mode', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({ settings: { mode: 'development', logLevel: 'silent', sandboxKey: KEY } });
  });
  after(() => p.close());

  test('a request from loopback, straight to the server, needs no key', async () => {
    assert.equal((await get(`${p.url}/_sandbox/outbox`)).status, 200);
    const local = p.url.replace('127.0.0.1', 'localhost');
    assert.equal((await get(`${local}/_sandbox/outbox`)).status, 200);
  });

  test('a forwarded request, or one naming another host (DNS rebinding), is not loopback', async () => {
    const proxied: Record<string, string>[] = [
      { 'x-forwarded-for': '203.0.113.9' },
      { forwarded: 'for=203.0.113.9' },
      { 'x-real-ip': '203.0.113.9' },
      { via: '1.1 proxy' },
    ];
    for (const headers of proxied) {
      const res = await get(`${p.url}/_sandbox/outbox`, headers);
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.equal((await get(`${p.url}/_sandbox/outbox`, { ...headers, ...bearerKey })).status, 200);
    }
    // fetch sets Host itself; a page of attacker.example resolved to 127.0.0.1 sends this one.
    assert.equal(await statusWithHost(p.url, 'attacker.example:80', {}), 401);
    assert.equal(await statusWithHost(p.url, 'attacker.example', bearerKey), 200);
    assert.equal(await statusWithHost(p.url, 'app.localhost', {}), 200);
  });
});

function statusWithHost(base: string, host: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/_sandbox/outbox`, { headers: { ...headers, host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('production refuses to start with the sandbox on unless told so, with a key', () => {
  const base = { mode: 'production', serverSecret: TEST_SERVER_SECRET, sandbox: true } as const;
  const load = (overrides: object) => () =>
    loadPlatformConfig({ env: {}, overrides: { ...base, ...overrides } });

  test('no key, or no explicit setting: a config error naming both settings', () => {
    for (const overrides of [{}, { sandboxKey: KEY }, { sandboxInProduction: true }]) {
      assert.throws(
        load(overrides),
        (e: unknown) =>
          e instanceof ConfigError &&
          /PLATFORM_SANDBOX_KEY/.test(e.message) &&
          /PLATFORM_SANDBOX_IN_PRODUCTION=true/.test(e.message) &&
          !e.message.includes(KEY),
      );
    }
    assert.equal(load({ sandboxKey: KEY, sandboxInProduction: true })().sandbox, true);
    assert.equal(load({ sandbox: false })().sandbox, false);
  });

  test('a short key is refused without echoing it', () => {
    assert.throws(
      load({ sandboxKey: 'short', sandboxInProduction: true }),
      (e: unknown) => e instanceof ConfigError && /16/.test(e.message) && !e.message.includes('"short"'),
    );
  });

  test('the test platform config is refused the same way', () => {
    assert.throws(() => testPlatformConfig({ mode: 'production', logLevel: 'silent' }), ConfigError);
  });
});

describe('the login page without a key configured', () => {
  test('says the control plane is local-only and offers no form', async () => {
    const p = await startTestPlatform({ settings: { mode: 'development', logLevel: 'silent' } });
    try {
      const page = await get(`${p.url}/_sandbox/login`);
      assert.equal(page.status, 200);
      assert.match(page.text, /no sandbox key/);
      assert.ok(!page.text.includes('<form'));
      assert.equal((await get(`${p.url}/_sandbox/outbox`, { 'x-forwarded-for': '203.0.113.9' })).status, 401);
    } finally {
      await p.close();
    }
  });
});
