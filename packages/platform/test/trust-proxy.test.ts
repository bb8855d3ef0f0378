import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadPlatformConfig } from '../src/config/config.js';
import {
  actionOf,
  authorizeUrl,
  csrfOf,
  flowPageOf,
  PageClient,
  PERSONAL,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from './support/index.js';

const REDIRECT = 'https://bank.example/callback';
const person = { email: 'ada@example.com', password: 'correct horse battery staple' };

/** 50 failed logins (the per-address limit, lowered to 50 here) from `from`, then a correct one from `then`; returns both pages. */
async function exhaustThenLogin(p: TestPlatform, from: string, then: string) {
  const client = await p.addClient({ redirectUris: [REDIRECT] });
  await seedPerson(p, { ...person, profiles: [PERSONAL] });
  const open = async (address: string) => {
    const browser = new PageClient(p.url);
    browser.headers['x-forwarded-for'] = address;
    const res = await browser.get(
      authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT }),
    );
    const page = flowPageOf(res.location!);
    return { browser, page, html: (await browser.open(page)).text };
  };
  const attacker = await open(from);
  let html = attacker.html;
  for (let i = 0; i < 50; i++) {
    await attacker.browser.post(actionOf(html), {
      csrf: csrfOf(html),
      email: `guess${i}@example.com`,
      password: 'x',
    });
    html = (await attacker.browser.open(attacker.page)).text;
  }
  const login = async (side: Awaited<ReturnType<typeof open>>) => {
    const form = (await side.browser.open(side.page)).text;
    await side.browser.post(actionOf(form), { csrf: csrfOf(form), ...person });
    return (await side.browser.open(side.page)).text;
  };
  const other = await open(then);
  return { other: await login(other), attacker: await login(attacker) };
}

describe('PLATFORM_TRUST_PROXY and the per-IP login limit', () => {
  describe('off (the default)', () => {
    let p: TestPlatform;
    before(async () => {
      p = await startTestPlatform({ settings: { limitLoginAddress: 50 } });
    });
    after(() => p.close());

    test('X-Forwarded-For does not change the address that is limited', async () => {
      const pages = await exhaustThenLogin(p, '203.0.113.1', '198.51.100.2');
      assert.match(pages.other, /Too many attempts/);
      assert.match(pages.attacker, /Too many attempts/);
    });
  });

  describe('trusting the local proxy', () => {
    let p: TestPlatform;
    before(async () => {
      p = await startTestPlatform({ settings: { trustProxy: '127.0.0.1', limitLoginAddress: 50 } });
    });
    after(() => p.close());

    test('two forwarded addresses are limited separately', async () => {
      const pages = await exhaustThenLogin(p, '203.0.113.1', '198.51.100.2');
      assert.match(pages.other, /Choose a profile/);
      assert.match(pages.attacker, /Too many attempts/);
    });
  });

  test('the setting is validated', () => {
    const load = (value: string) =>
      loadPlatformConfig({
        env: { NODE_ENV: 'test', PLATFORM_TRUST_PROXY: value },
        overrides: { serverSecret: 'a'.repeat(64) },
      }).trustProxy;
    assert.equal(
      loadPlatformConfig({ env: {}, overrides: { serverSecret: 'a'.repeat(64) } }).trustProxy,
      false,
    );
    assert.equal(load('false'), false);
    assert.equal(load('true'), true);
    assert.equal(load('2'), 2);
    assert.deepEqual(load('127.0.0.1, 10.0.0.0/8,::1/128'), ['127.0.0.1', '10.0.0.0/8', '::1/128']);
    for (const bad of ['yes', '10.0.0.0/33', '300.1.1.1', 'proxy.local', ',']) {
      assert.throws(() => load(bad), ConfigError, bad);
    }
  });
});
