import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { hashEmailLinkToken, queueEmailCodeLink } from '../src/mail/email-code.js';
import { clientToken, count, ISSUER, registrationCode, signup } from './mail/helpers.js';
import { get, startTestPlatform, TEST_SERVER_SECRET, type TestPlatform } from './support/index.js';

const PARTNER = 'Bank <Tea> & "Co"';
const LINK = new RegExp(`^${ISSUER}/oauth/email-code/([A-Za-z0-9_-]{43})$`);

const conflictBody = (masked: string) => ({
  errors: [
    {
      code: 'NOT_UNIQUE',
      message: "You're already a member. Please login",
      path: 'email',
      arguments: ['email', masked],
    },
  ],
});

describe('create-user with sendAuthorizationCodeAsEmail on an existing email (contract §6)', () => {
  let p: TestPlatform;
  let partner: { clientId: string; clientSecret: string };
  let token: string;
  let other: string;
  let email: string;
  let n = 0;
  const outbox = async (to: string) =>
    (await get(`${p.url}/_sandbox/outbox?to=${encodeURIComponent(to)}`)).body;

  before(async () => {
    p = await startTestPlatform({ settings: { issuer: ISSUER, platformName: 'Example Platform' } });
    partner = await p.addClient({ name: PARTNER });
    token = await clientToken(p, partner);
    other = await clientToken(p, await p.addClient({ name: 'Other Bank' }));
  });
  after(() => p.close());
  beforeEach(async () => {
    email = `existing${++n}@example.com`;
    const created = await signup(p, other, { email, registrationCode: registrationCode() });
    assert.equal(created.status, 200);
  });

  test('answers the usual 409 and emails one single-use link naming the partner', async () => {
    const res = await signup(p, token, {
      email: email.toUpperCase(),
      registrationCode: registrationCode(),
      sendAuthorizationCodeAsEmail: true,
    });
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, conflictBody(`EX${'*'.repeat(email.indexOf('@') - 2)}@EXAMPLE.COM`));

    const mails = await outbox(email);
    assert.equal(mails.length, 1);
    const [mail] = mails;
    assert.equal(mail.to, email, 'sent to the address on the account');
    assert.equal(mail.subject, `${PARTNER} asks for access to your account at Example Platform`);
    assert.equal(mail.links.length, 1);
    const [, linkToken] = LINK.exec(mail.links[0]) ?? [];
    assert.ok(linkToken, `a link of the form ${ISSUER}/oauth/email-code/{token}: ${mail.links[0]}`);
    assert.match(
      mail.text,
      new RegExp(`${PARTNER} would like to connect to your account at Example Platform`),
    );
    assert.match(mail.text, /expires in 30 minutes/);
    assert.ok(mail.html.includes('Bank &lt;Tea&gt; &amp; &quot;Co&quot;'), 'the partner name is escaped');
    assert.ok(!mail.html.includes(PARTNER));
    assert.ok(mail.html.includes(`href="${mail.links[0]}"`));
    assert.doesNotMatch(mail.html, /<(img|script|link)\b|src=|url\(/i, 'no third-party resources');

    // Stored only as a keyed hash, bound to the client and user, valid 30 minutes.
    const { rows } = await p.db.query<any>(
      `select a.*, u.email from email_authorizations a join users u on u.id = a.user_id where u.email = $1`,
      [email],
    );
    assert.equal(rows.length, 1);
    const row = rows[0];
    assert.equal(row.token_hash, hashEmailLinkToken(Buffer.from(TEST_SERVER_SECRET, 'hex'), linkToken!));
    assert.notEqual(row.token_hash, linkToken);
    assert.equal(row.client_id, partner.clientId);
    assert.deepEqual(row.created_at, p.clock.now());
    assert.deepEqual(row.expires_at, new Date(p.clock.now().getTime() + 30 * 60_000));
    assert.equal(row.consumed_at, null);
    const leaked = await p.db.query(
      `select 1 from email_authorizations where token_hash = $1 or id::text = $1`,
      [linkToken],
    );
    assert.equal(leaked.rows.length, 0);
  });

  test('at most one email per user per partner per 60 seconds; the 409 stays the same', async () => {
    const ask = () =>
      signup(p, token, { email, registrationCode: registrationCode(), sendAuthorizationCodeAsEmail: true });
    const first = await ask();
    p.clock.advance(59);
    const limited = await ask();
    assert.equal(limited.status, 409);
    assert.deepEqual(limited.body, first.body);
    assert.equal((await outbox(email)).length, 1);

    const fromOther = await signup(p, other, {
      email,
      registrationCode: registrationCode(),
      sendAuthorizationCodeAsEmail: true,
    });
    assert.equal(fromOther.status, 409);
    assert.equal((await outbox(email)).length, 2, 'another partner has its own limit');

    p.clock.advance(1);
    assert.equal((await ask()).status, 409);
    const mails = await outbox(email);
    assert.equal(mails.length, 3, 'sent again once 60 seconds have passed');
    assert.notEqual(mails[0].links[0], mails[2].links[0], 'each email has its own link');
    const links = await count(
      p.db,
      'email_authorizations',
      'client_id = $1 and user_id = (select id from users where email = $2)',
      [partner.clientId, email],
    );
    assert.equal(links, 2, 'a limited request stores no link');
  });

  test('no email without the flag, with the flag false, or for a new email', async () => {
    for (const flag of [undefined, false]) {
      const res = await signup(p, token, {
        email,
        registrationCode: registrationCode(),
        ...(flag === undefined ? {} : { sendAuthorizationCodeAsEmail: flag }),
      });
      assert.equal(res.status, 409);
    }
    assert.equal((await outbox(email)).length, 0);
    const fresh = `fresh${n}@example.com`;
    const created = await signup(p, token, {
      email: fresh,
      registrationCode: registrationCode(),
      sendAuthorizationCodeAsEmail: true,
    });
    assert.equal(created.status, 200);
    assert.equal((await outbox(fresh)).length, 0);
  });

  test('concurrent requests within the window send one email', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        signup(p, token, { email, registrationCode: registrationCode(), sendAuthorizationCodeAsEmail: true }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      [409, 409, 409, 409, 409],
    );
    assert.equal((await outbox(email)).length, 1);
  });
});

describe('the email authorization and its mail share one transaction', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({ settings: { issuer: ISSUER } });
  });
  after(() => p.close());

  const person = async (email: string) => {
    const token = await clientToken(p, await p.addClient({ name: 'Creator' }));
    assert.equal((await signup(p, token, { email, registrationCode: registrationCode() })).status, 200);
    const user = await p.platform.stores.users.findByEmailKey(email);
    return user!;
  };

  test('rolled back with the change that caused it', async () => {
    const user = await person('rollback@example.com');
    const client = (await p.platform.stores.clients.find((await p.addClient({ name: 'Asker' })).clientId))!;
    await assert.rejects(
      p.platform.stores.transaction(async (stores) => {
        assert.equal(await queueEmailCodeLink(stores, p.platform, { user, client }), 'sent');
        assert.equal((await stores.mailOutbox.list(user.email, 10)).length, 1, 'written on the tx');
        throw new Error('the change fails after the mail was queued');
      }),
      /the change fails/,
    );
    assert.equal(await count(p.db, 'mail_outbox', 'to_address = $1', [user.email]), 0);
    assert.equal(await count(p.db, 'email_authorizations', 'user_id = $1', [user.id]), 0);
    assert.equal(await count(p.db, 'email_authorization_sends', 'user_id = $1', [user.id]), 0);

    await p.platform.stores.transaction((stores) => queueEmailCodeLink(stores, p.platform, { user, client }));
    assert.equal(await count(p.db, 'mail_outbox', 'to_address = $1', [user.email]), 1);
    assert.equal(await count(p.db, 'email_authorizations', 'user_id = $1', [user.id]), 1);
  });

  test('a link is consumed once, and never after 30 minutes', async () => {
    const user = await person('consume@example.com');
    const { clientId } = await p.addClient({ name: 'Asker' });
    const store = p.platform.stores.emailAuthorizations;
    const now = p.clock.now();
    const expiresAt = new Date(now.getTime() + 30 * 60_000);
    await store.create({ tokenHash: 'h1', clientId, userId: user.id, createdAt: now, expiresAt });
    await store.create({ tokenHash: 'h2', clientId, userId: user.id, createdAt: now, expiresAt });
    const used = await Promise.all([store.consume('h1', now), store.consume('h1', now)]);
    assert.equal(used.filter(Boolean).length, 1, 'exactly one of two concurrent consumes wins');
    assert.equal(used.find(Boolean)?.userId, user.id);
    assert.equal(await store.consume('h1', now), null);
    assert.equal(await store.consume('h2', expiresAt), null, 'expired at 30 minutes');
    assert.equal(await store.consume('unknown', now), null);
  });
});
