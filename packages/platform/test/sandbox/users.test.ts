import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadPlatformConfig } from '../../src/config/config.js';
import {
  actionOf,
  authorizeUrl,
  csrfOf,
  flowPageOf,
  get,
  PageClient,
  PERSONAL,
  postJson,
  startTestPlatform,
  type TestPlatform,
  totpCode,
} from '../support/index.js';

const REDIRECT = 'https://bank.example/callback';
const SEED = 'JBSWY3DPEHPK3PXP';
/** A personal profile as a seed file gives one (the seed's rules ask for an address). */
const PROFILE = {
  ...PERSONAL,
  address: {
    addressFirstLine: '12 St James Square',
    city: 'London',
    countryIso3Code: 'gbr',
    postCode: 'SW1Y 4JH',
  },
};

interface Listed {
  id: number;
  email: string;
  twoFactor: boolean;
  sandboxTotp: boolean;
  profiles: { name: string }[];
}

/** The hosted flow up to the page after the second factor: login, then `code` when asked. */
async function signIn(p: TestPlatform, clientId: string, email: string, password: string, code: string) {
  const browser = new PageClient(p.url);
  const page = flowPageOf(
    (await browser.get(authorizeUrl(p.url, { client_id: clientId, redirect_uri: REDIRECT }))).location!,
  );
  let html = (await browser.open(page)).text;
  await browser.post(actionOf(html), { csrf: csrfOf(html), email, password });
  html = (await browser.open(page)).text;
  if (!actionOf(html).endsWith('/second-factor')) return { asked: false, html };
  await browser.post(actionOf(html), { csrf: csrfOf(html), code });
  return { asked: true, html: (await browser.open(page)).text };
}

describe('POST /_sandbox/users and the sandbox 111111 code', () => {
  let p: TestPlatform;
  let client: { clientId: string };
  const users = async () => (await get(`${p.url}/_sandbox/users`)).body.users as Listed[];
  const create = (body: unknown) => postJson(`${p.url}/_sandbox/users`, body);

  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient({ redirectUris: [REDIRECT] });
  });
  after(() => p.close());

  test('creates a person in the seed shape: 201 with the id; they sign in with TOTP; 409 on the email again', async () => {
    const person = {
      email: 'grace@example.com',
      password: 'grace hopper password',
      totpSecret: SEED,
      profiles: [PROFILE],
    };
    const res = await create(person);
    assert.equal(res.status, 201);
    assert.equal(typeof res.body.id, 'number');
    const listed = (await users()).find((u) => u.id === res.body.id)!;
    assert.equal(listed.email, person.email);
    assert.equal(listed.twoFactor, true);
    assert.equal(listed.profiles[0]!.name, 'Ada Lovelace');
    const wrong = await signIn(p, client.clientId, person.email, person.password, '111111');
    assert.equal(wrong.asked, true);
    assert.notEqual(totpCode(SEED, p.clock.now()), '111111');
    assert.match(wrong.html, /That code is not right/, '111111 is off by default');
    const right = await signIn(
      p,
      client.clientId,
      person.email,
      person.password,
      totpCode(SEED, p.clock.now()),
    );
    assert.match(right.html, /Choose a profile/);
    const again = await create({ ...person, email: 'GRACE@example.com' });
    assert.equal(again.status, 409);
    assert.equal(again.body.errors[0].code, 'NOT_UNIQUE');
  });

  test('ten parallel creates of one email: one 201, nine 409, one user', async () => {
    const calls = await Promise.all(
      Array.from({ length: 10 }, () => create({ email: 'race@example.com', password: 'race password 1' })),
    );
    assert.deepEqual(calls.map((c) => c.status).sort(), [201, ...Array(9).fill(409)]);
    assert.equal((await users()).filter((u) => u.email === 'race@example.com').length, 1);
  });

  test('bad bodies are a 400 naming the field, and leave no user behind', async () => {
    const bad: [unknown, RegExp][] = [
      [[], /JSON object/],
      [{ password: 'x' }, /email/],
      [{ email: 'not an email' }, /email/],
      [{ email: 'b1@example.com', password: 3 }, /password/],
      [{ email: 'b2@example.com', totpSecret: 'not base32!' }, /totpSecret/],
      [{ email: 'b3@example.com', sandboxTotp: 'yes' }, /sandboxTotp/],
      [{ email: 'b4@example.com', profiles: {} }, /profiles/],
      [{ email: 'b5@example.com', passwd: 'typo' }, /passwd/],
      [{ email: 'b6@example.com', profiles: [{ type: 'PERSONAL', firstName: 'Only' }] }, /profiles\[0\]/],
      [{ email: 'b7@example.com', profiles: [PROFILE, PROFILE] }, /at most one personal profile/],
    ];
    for (const [body, message] of bad) {
      const res = await create(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.body.errors[0].message, message);
    }
    const emails = (await users()).map((u) => u.email);
    for (let i = 1; i <= 7; i++) assert.equal(emails.includes(`b${i}@example.com`), false, `b${i}`);
  });

  test('sandboxTotp: the person is asked for a second factor and 111111 is it', async () => {
    const person = {
      email: 'fixed@example.com',
      password: 'fixed code password',
      sandboxTotp: true,
      profiles: [PROFILE],
    };
    assert.equal((await create(person)).status, 201);
    const listed = (await users()).find((u) => u.email === person.email)!;
    assert.deepEqual([listed.twoFactor, listed.sandboxTotp], [true, true]);
    const wrong = await signIn(p, client.clientId, person.email, person.password, '000000');
    assert.equal(wrong.asked, true);
    assert.match(wrong.html, /That code is not right/);
    const right = await signIn(p, client.clientId, person.email, person.password, '111111');
    assert.match(right.html, /Choose a profile/);
    // A fixed code has no replay window: it works again.
    assert.match(
      (await signIn(p, client.clientId, person.email, person.password, '111111')).html,
      /Choose a profile/,
    );
  });

  test('PLATFORM_SANDBOX_FIXED_TOTP: everyone with 2FA accepts 111111; never outside sandbox mode', async () => {
    const fixed = await startTestPlatform({ db: p.db, clock: p.clock, settings: { sandboxFixedTotp: true } });
    try {
      const ok = await signIn(fixed, client.clientId, 'grace@example.com', 'grace hopper password', '111111');
      assert.match(ok.html, /Choose a profile/);
    } finally {
      await fixed.close();
    }
    assert.throws(
      () =>
        loadPlatformConfig({
          env: {},
          overrides: { sandbox: false, sandboxFixedTotp: true, serverSecret: 'a'.repeat(64) },
        }),
      /PLATFORM_SANDBOX_FIXED_TOTP needs PLATFORM_SANDBOX/,
    );
    // The per-person flag in the database is ignored outside sandbox mode: no 111111 for a TOTP person.
    await p.db.query(`update users set sandbox_totp = true where email = 'grace@example.com'`);
    const production = await startTestPlatform({ db: p.db, clock: p.clock, settings: { sandbox: false } });
    try {
      const res = await signIn(
        production,
        client.clientId,
        'grace@example.com',
        'grace hopper password',
        '111111',
      );
      assert.equal(res.asked, true);
      assert.match(res.html, /That code is not right/);
    } finally {
      await production.close();
    }
  });
});
