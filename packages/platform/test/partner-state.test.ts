import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openPartnerState, sealPartnerState } from '../src/crypto/partner-state.js';
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
  TEST_SERVER_SECRET,
  type TestPlatform,
} from './support/index.js';

const BACKEND = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';
const REDIRECT = 'https://bank.example/callback';
const secret = Buffer.from(TEST_SERVER_SECRET, 'hex');

describe('the partner state, sealed per interaction (unit)', () => {
  test('opens only for the interaction it was sealed for, and not when altered', () => {
    const sealed = sealPartnerState(secret, 'uid-a', 'xyz é 😀')!;
    assert.equal(openPartnerState(secret, 'uid-a', sealed), 'xyz é 😀');
    assert.throws(() => openPartnerState(secret, 'uid-b', sealed), 'another interaction');
    assert.throws(() => openPartnerState(Buffer.alloc(32, 1), 'uid-a', sealed), 'another secret');
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = `${v}.${iv}.${tag}.${body!.startsWith('A') ? 'B' : 'A'}${body!.slice(1)}`;
    assert.throws(() => openPartnerState(secret, 'uid-a', flipped), 'altered');
    assert.notEqual(
      sealPartnerState(secret, 'uid-a', 'xyz'),
      sealPartnerState(secret, 'uid-a', 'xyz'),
      'fresh IV',
    );
    assert.equal(sealPartnerState(secret, 'uid-a', null), null);
    assert.equal(openPartnerState(secret, 'uid-a', null), null);
  });
});

/** Issue 12: the partner's `state` is never in the clear in the interactions table, and still comes back. */
describe(`the partner state at rest (${BACKEND})`, () => {
  let p: TestPlatform;
  let client: { clientId: string; clientSecret: string };
  const person = { email: 'ada@example.com', password: 'correct horse battery staple' };
  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient({ redirectUris: [REDIRECT] });
    await seedPerson(p, { ...person, profiles: [PERSONAL] });
  });
  after(() => p.close());

  const rowsWith = async (text: string) => {
    const { rows } = await p.db.query<{ uid: string }>(
      'select uid from interactions where position($1 in interactions::text) > 0',
      [text],
    );
    return rows.length;
  };

  test('the stored row does not contain the state; the callback carries it unchanged', async () => {
    const state = 'partner-state-Zq8w3 with spaces & ünïcode';
    const callback = await linkAccount(p, new PageClient(p.url), {
      client,
      redirectUri: REDIRECT,
      ...person,
      state,
    });
    assert.equal(callback.searchParams.get('state'), state);
    assert.equal(await rowsWith('partner-state-Zq8w3'), 0, 'no row holds the state in any column');
    const { rows } = await p.db.query<{ sealed_state: string }>(
      'select sealed_state from interactions where sealed_state is not null',
    );
    assert.ok(rows.length > 0);
    for (const row of rows) assert.match(row.sealed_state, /^v1\.[\w-]+\.[\w-]+\.[\w-]*$/);
  });

  test('no state: nothing stored, none returned', async () => {
    const callback = await linkAccount(p, new PageClient(p.url), {
      client,
      redirectUri: REDIRECT,
      ...person,
    });
    assert.equal(callback.searchParams.get('state'), null);
    assert.ok(callback.searchParams.get('code'));
  });

  test('a sealed state copied onto another interaction does not open there: the flow ends with a page', async () => {
    const browser = new PageClient(p.url);
    await linkAccount(p, browser, { client, redirectUri: REDIRECT, ...person, state: 'first' });
    const { rows } = await p.db.query<{ sealed_state: string }>(
      'select sealed_state from interactions where completed_at is not null and sealed_state is not null limit 1',
    );
    const start = await browser.get(
      authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT, state: 'second' }),
    );
    const page = flowPageOf(start.location!);
    const uid = decodeURIComponent(page.split('/').pop()!);
    await p.db.query('update interactions set sealed_state = $1 where uid = $2', [
      rows[0]!.sealed_state,
      uid,
    ]);
    let last = await browser.open(page);
    // Signed in already: the profile and consent pages, then the finish.
    for (let i = 0; i < 4 && last.status === 200; i++) {
      const html = last.text;
      const form: Record<string, string> = { csrf: csrfOf(html) };
      if (actionOf(html).endsWith('/profile'))
        form['profileId'] = /name="profileId" value="(\d+)"/.exec(html)![1]!;
      else form['decision'] = 'allow';
      await browser.post(actionOf(html), form);
      last = await browser.open(page);
    }
    if (last.status === 303) last = await browser.get(last.location!);
    assert.equal(last.status, 400, last.text.slice(0, 200));
    assert.match(last.text, /This sign-in cannot be finished/);
    assert.equal(last.location, null, 'no redirect to the partner with a state it did not send');
  });
});
