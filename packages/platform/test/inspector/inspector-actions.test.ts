import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  actionOf,
  authorizeUrl,
  bearer,
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
import { linkedPartner } from '../webhooks/support.js';

const REDIRECT = 'https://bank.example/callback';

/** The action and CSRF token of the page's form that posts to a path ending in `suffix`. */
function form(html: string, suffix: string): { action: string; csrf: string } {
  for (const m of html.matchAll(/<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
    const action = m[1]!.replace(/&amp;/g, '&');
    if (action.endsWith(suffix)) return { action, csrf: /name="csrf" value="([^"]+)"/.exec(m[2]!)![1]! };
  }
  throw new Error(`no form posting to …${suffix}`);
}

describe('the inspector’s buttons', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({ settings: { sandbox: true } });
  });
  after(() => p.close());

  const me = (token: string) => get(`${p.url}/v1/me`, bearer(token));

  test('a linked customer’s grant is listed by id; Revoke from the page ends its tokens (401)', async () => {
    const bank = await linkedPartner(p, 'Revoke Bank');
    assert.equal((await me(bank.userToken)).status, 200);
    const [grant] = (await get(`${p.url}/_sandbox/grants?clientId=${bank.clientId}&userId=${bank.userId}`))
      .body.grants;
    const browser = new PageClient(p.url);
    const page = await browser.get('/_sandbox');
    assert.ok(page.text.includes(`data-grant="${grant.id}"`));
    const revoke = form(page.text, `/grants/${grant.id}/revoke`);
    const res = await browser.post(revoke.action, { csrf: revoke.csrf });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/_sandbox?done=revoked#grants');
    assert.equal((await me(bank.userToken)).status, 401);
    assert.ok(!(await browser.get('/_sandbox')).text.includes(`data-grant="${grant.id}"`), 'no longer live');
    const again = await browser.post(revoke.action, { csrf: revoke.csrf });
    assert.ok(again.status < 500, 'a second press is no 500');

    // Every control-plane call is journaled (issue 11 "Locked"): the button's post and the call it made.
    const journal = (await get(`${p.url}/_sandbox/requests?path=/_sandbox&limit=500`)).body.requests as {
      method: string;
      path: string;
      status: number;
    }[];
    const seen = (path: string) => journal.filter((e) => e.method === 'POST' && e.path === path);
    assert.deepEqual(
      seen(revoke.action).map((e) => e.status),
      [again.status, 303],
    );
    assert.deepEqual(
      seen(`/_sandbox/grants/${grant.id}/revoke`).map((e) => e.status),
      [200, 200],
    );
  });

  test('Expire from the page: the access token is 401, the grant stays listed', async () => {
    const bank = await linkedPartner(p, 'Expire Bank');
    const [grant] = (await get(`${p.url}/_sandbox/grants?userId=${bank.userId}`)).body.grants;
    const browser = new PageClient(p.url);
    const expire = form((await browser.get('/_sandbox')).text, `/grants/${grant.id}/expire`);
    assert.equal((await browser.post(expire.action, { csrf: expire.csrf })).status, 303);
    assert.equal((await me(bank.userToken)).status, 401);
    assert.ok((await browser.get('/_sandbox')).text.includes(`data-grant="${grant.id}"`));
  });

  test('the clock: Advance moves it; a backward move is a 400 page with the clock’s message; reset', async () => {
    const browser = new PageClient(p.url);
    const advance = form((await browser.get('/_sandbox')).text, '/inspector/clock');
    const moved = await browser.post(advance.action, { csrf: advance.csrf, advanceSeconds: '1800' });
    assert.equal(moved.status, 303);
    assert.equal((await get(`${p.url}/_sandbox/clock`)).body.offsetSeconds, 1800);
    const page = (await browser.get(moved.location!)).text;
    assert.match(page, /1800 seconds ahead of real time/);

    for (const typed of ['-5', 'soon', '']) {
      const refused = await browser.post(advance.action, { csrf: advance.csrf, advanceSeconds: typed });
      assert.equal(refused.status, 400, typed);
      assert.match(refused.headers.get('content-type') ?? '', /text\/html/);
      assert.match(refused.text, /advanceSeconds/);
    }
    assert.equal((await get(`${p.url}/_sandbox/clock`)).body.offsetSeconds, 1800, 'nothing half-applied');

    const reset = await browser.post(advance.action, { csrf: advance.csrf, reset: 'true' });
    assert.equal(reset.status, 303);
    assert.equal((await get(`${p.url}/_sandbox/clock`)).body.offsetSeconds, 0);
  });

  test('a locked account shows as locked with an Unlock button that unlocks it', async () => {
    const client = await p.addClient({ redirectUris: [REDIRECT] });
    const person = { email: 'inspected.lock@example.com', password: 'the right password here' };
    await seedPerson(p, { ...person, profiles: [PERSONAL] });
    const signIn = new PageClient(p.url);
    for (let i = 0; i < 5; i++) {
      const start = flowPageOf(
        (await signIn.get(authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT })))
          .location!,
      );
      const html = (await signIn.open(start)).text;
      await signIn.post(actionOf(html), { csrf: csrfOf(html), email: person.email, password: 'wrong' });
    }
    const browser = new PageClient(p.url);
    const page = (await browser.get('/_sandbox')).text;
    assert.match(page, /locked/);
    const unlock = form(page, `/users/${encodeURIComponent(person.email)}/unlock`);
    const res = await browser.post(unlock.action, { csrf: unlock.csrf });
    assert.equal(res.status, 303);
    const users = (await get(`${p.url}/_sandbox/users`)).body.users as { email: string; locked: boolean }[];
    assert.equal(users.find((u) => u.email === person.email)?.locked, false);
  });

  test('ten presses of one Revoke at once: one revocation, never a 500', async () => {
    const bank = await linkedPartner(p, 'Parallel Bank');
    const [grant] = (await get(`${p.url}/_sandbox/grants?userId=${bank.userId}`)).body.grants;
    const browser = new PageClient(p.url);
    const revoke = form((await browser.get('/_sandbox')).text, `/grants/${grant.id}/revoke`);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => browser.post(revoke.action, { csrf: revoke.csrf })),
    );
    assert.ok(answers.every((a) => a.status === 303 || (a.status >= 400 && a.status < 500)));
    assert.equal((await me(bank.userToken)).status, 401);
  });

  test('faults are listed with a Clear button that clears them; the journal shows the latest requests', async () => {
    const added = await postJson(`${p.url}/_sandbox/faults`, {
      method: 'POST',
      path: '/oauth/token',
      status: 503,
      count: 2,
    });
    assert.equal(added.status, 201);
    await get(`${p.url}/v1/me/nowhere-${Date.now()}`);
    const browser = new PageClient(p.url);
    const page = (await browser.get('/_sandbox')).text;
    const faults = page.slice(page.indexOf('id="faults"'));
    assert.match(faults, /POST \/oauth\/token<\/code> → 503 · 2 left/);
    const requests = page.slice(page.indexOf('id="requests"'), page.indexOf('id="faults"'));
    assert.match(requests, /GET \/v1\/me\/nowhere-/);
    assert.match(requests, /href="\/_sandbox\/requests\?limit=50"/);

    const clear = form(page, '/inspector/faults/clear');
    assert.equal((await browser.post(clear.action, { csrf: clear.csrf })).status, 303);
    assert.deepEqual((await get(`${p.url}/_sandbox/faults`)).body.faults, []);
  });
});
