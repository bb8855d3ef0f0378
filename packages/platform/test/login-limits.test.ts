import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  actionOf,
  authorizeUrl,
  csrfOf,
  flowPageOf,
  linkAccount,
  PageClient,
  PERSONAL,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from './support/index.js';

const REDIRECT = 'https://bank.example/callback';

describe('failed logins per IP address, and platform sessions (issue 3)', () => {
  let p: TestPlatform;
  let client: { clientId: string; clientSecret: string };
  const person = { email: 'ada@example.com', password: 'correct horse battery staple' };

  before(async () => {
    // The per-address limit (PLATFORM_LIMIT_LOGIN_ADDRESS, 300 by default) lowered to 50 to keep this fast.
    p = await startTestPlatform({ settings: { limitLoginAddress: 50 } });
    client = await p.addClient({ redirectUris: [REDIRECT] });
    await seedPerson(p, { ...person, profiles: [PERSONAL] });
  });
  after(() => p.close());

  async function loginPage(browser: PageClient) {
    const res = await browser.get(
      authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT }),
    );
    const page = flowPageOf(res.location!);
    return { page, html: (await browser.open(page)).text };
  }

  test('the session cookie is HttpOnly, SameSite=Lax, lasts 12 hours, and ends with the session', async () => {
    const browser = new PageClient(p.url);
    const { page, html } = await loginPage(browser);
    const res = await fetch(`${p.url}${actionOf(html)}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: new URLSearchParams({ csrf: csrfOf(html), ...person }).toString(),
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `${page}/profile`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('aa_session='));
    assert.match(
      cookie ?? '',
      /^aa_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Lax$/,
    );

    const later = new PageClient(p.url);
    await linkAccount(p, later, { client, redirectUri: REDIRECT, ...person });
    assert.match((await loginPage(later)).html, /Choose a profile/);
    p.clock.advance(12 * 3600);
    assert.match((await loginPage(later)).html, /name="password"/, 'an expired session is not used');
  });

  test('many failures from one address lock that address out, whichever emails were tried', async () => {
    const browser = new PageClient(p.url);
    let { page, html } = await loginPage(browser);
    for (let i = 0; i < 50; i++) {
      await browser.post(actionOf(html), {
        csrf: csrfOf(html),
        email: `guess${i}@example.com`,
        password: 'x',
      });
      html = (await browser.open(page)).text;
    }
    await browser.post(actionOf(html), { csrf: csrfOf(html), ...person });
    html = (await browser.open(page)).text;
    assert.match(html, /Too many attempts/);
    assert.match(html, /<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">/, 'when to try again');
    p.clock.advance(16 * 60);
    await browser.post(actionOf(html), { csrf: csrfOf(html), ...person });
    assert.match((await browser.open(page)).text, /Choose a profile/);
  });
});
