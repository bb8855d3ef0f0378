import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  actionOf,
  authorizeUrl,
  csrfOf,
  flowPageOf,
  get,
  PageClient,
  PERSONAL,
  postJson,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';

const REDIRECT = 'https://bank.example/callback';

describe('POST /_sandbox/users/{email}/unlock', () => {
  let p: TestPlatform;
  let client: { clientId: string };

  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient({ redirectUris: [REDIRECT] });
  });
  after(() => p.close());

  const locked = async (email: string) =>
    ((await get(`${p.url}/_sandbox/users`)).body.users as { email: string; locked: boolean }[]).find(
      (u) => u.email === email,
    )!.locked;

  /** Signs in on the hosted login page; the page that follows. */
  async function login(browser: PageClient, email: string, password: string) {
    const page = flowPageOf(
      (await browser.get(authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT })))
        .location!,
    );
    const html = (await browser.open(page)).text;
    await browser.post(actionOf(html), { csrf: csrfOf(html), email, password });
    return (await browser.open(page)).text;
  }

  test('five wrong passwords lock the account; unlock; the right password then signs in', async () => {
    const person = { email: 'locked@example.com', password: 'the right password here' };
    await seedPerson(p, { ...person, profiles: [PERSONAL] });
    const browser = new PageClient(p.url);
    for (let i = 0; i < 5; i++) assert.match(await login(browser, person.email, 'wrong'), /name="password"/);
    // Locked (or made to wait): the right password does not sign in now, whatever the page says.
    assert.doesNotMatch(await login(browser, person.email, person.password), /Choose a profile/);
    assert.equal(await locked(person.email), true);

    const res = await postJson(
      `${p.url}/_sandbox/users/${encodeURIComponent('LOCKED@example.com')}/unlock`,
      {},
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.email, person.email);
    assert.equal(res.body.unlocked, true);
    assert.equal(await locked(person.email), false);
    assert.match(await login(browser, person.email, person.password), /Choose a profile/);
  });

  test('unlocking one person leaves another locked; parallel unlocks all succeed', async () => {
    const a = { email: 'a-locked@example.com', password: 'password of person a' };
    const b = { email: 'b-locked@example.com', password: 'password of person b' };
    await seedPerson(p, { ...a, profiles: [PERSONAL] });
    await seedPerson(p, { ...b, profiles: [PERSONAL] });
    const browser = new PageClient(p.url);
    for (let i = 0; i < 5; i++) {
      await login(browser, a.email, 'wrong');
      await login(browser, b.email, 'wrong');
    }
    const calls = await Promise.all(
      Array.from({ length: 8 }, () =>
        postJson(`${p.url}/_sandbox/users/${encodeURIComponent(a.email)}/unlock`, {}),
      ),
    );
    assert.deepEqual(
      calls.map((c) => c.status),
      Array(8).fill(200),
    );
    assert.equal(await locked(a.email), false);
    assert.equal(await locked(b.email), true);
  });

  test('an unknown email is a 404 with a message', async () => {
    const res = await postJson(`${p.url}/_sandbox/users/nobody%40example.com/unlock`, {});
    assert.equal(res.status, 404);
    assert.match(res.body.errors[0].message, /no user with this email/);
  });
});
