import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askForEmailedCode, shownCode, walk } from '../emailed/helpers.js';
import { clientToken, registrationCode, signup } from '../mail/helpers.js';
import {
  basic,
  PageClient,
  PERSONAL,
  postForm,
  type Response,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';

const PASSWORD = 'correct horse battery staple';
type Client = { clientId: string; clientSecret: string };

const statuses = (results: Response[]) => {
  const count: Record<number, number> = {};
  for (const r of results) count[r.status] = (count[r.status] ?? 0) + 1;
  return count;
};

/** Issue 12: the token endpoint's guessable secrets, each limited before it is checked. */
describe('token endpoint limits under parallel guesses', () => {
  let p: TestPlatform;
  let n = 0;
  const token = (client: Client, form: Record<string, string>, headers: Record<string, string> = {}) =>
    postForm(`${p.url}/oauth/token`, form, {
      authorization: basic(client.clientId, client.clientSecret),
      ...headers,
    });
  const parallel = (count: number, call: (i: number) => Promise<Response>) =>
    Promise.all(Array.from({ length: count }, (_, i) => call(i)));

  before(async () => {
    p = await startTestPlatform({ settings: { trustProxy: '127.0.0.1', limitClientSecret: 30 } });
  });
  after(() => p.close());

  test('50 parallel emailed (short) codes: 10 are checked, the rest 429; then not even the right code', async () => {
    const client = await p.addClient({ name: `Emailing Bank ${++n}` });
    const email = `short${n}@example.com`;
    await seedPerson(p, { email, password: PASSWORD, profiles: [PERSONAL] });
    const link = await askForEmailedCode(p, client, email);
    const code = shownCode((await walk(new PageClient(p.url), link, { email, password: PASSWORD })).text);
    const exchange = (c: string) =>
      token(client, { grant_type: 'authorization_code', client_id: client.clientId, code: c });
    const guess = (i: number) => `ZZZZ-${String(2222 + i).replace(/[01]/g, '9')}`;
    assert.deepEqual(statuses(await parallel(50, (i) => exchange(guess(i)))), { 400: 10, 429: 40 });
    const later = await parallel(50, (i) => exchange(i === 25 ? code : guess(i)));
    assert.deepEqual(statuses(later), { 429: 50 });
    assert.equal(later[25]!.body.error, 'invalid_grant');
    assert.match(later[25]!.body.error_description, /Try again after \d{4}-\d\d-\d\dT[\d:.]+Z\./);
    p.clock.advance(Number(later[25]!.headers.get('retry-after')));
    const res = await exchange(code);
    assert.equal(res.status, 200, 'the right code works once the window has passed');
  });

  test('a fresh burst of 50 with the right code among them: at most the limit (+ the refunded success) checked', async () => {
    const client = await p.addClient({ name: `Emailing Bank ${++n}` });
    const email = `short${n}@example.com`;
    await seedPerson(p, { email, password: PASSWORD, profiles: [PERSONAL] });
    const link = await askForEmailedCode(p, client, email);
    const code = shownCode((await walk(new PageClient(p.url), link, { email, password: PASSWORD })).text);
    const results = await parallel(50, (i) =>
      token(client, {
        grant_type: 'authorization_code',
        client_id: client.clientId,
        code: i === 0 ? code : `YYYY-${2222 + (i % 7)}`,
      }),
    );
    const count = statuses(results);
    assert.ok((count[400] ?? 0) <= 10 && (count[400] ?? 0) + (count[200] ?? 0) <= 11, JSON.stringify(count));
  });

  test('50 parallel registration codes for one client and email: 10 are checked; then not the right one', async () => {
    const client = await p.addClient({ name: `Signup Bank ${++n}` });
    const code = registrationCode();
    const email = `registered${n}@example.com`;
    const created = await signup(p, await clientToken(p, client), { email, registrationCode: code });
    assert.equal(created.status, 200);
    const grant = (c: string, to = email) =>
      token(client, {
        grant_type: 'registration_code',
        client_id: client.clientId,
        email: to,
        registration_code: c,
      });
    assert.deepEqual(statuses(await parallel(50, (i) => grant(`${registrationCode()}${i}`))), {
      401: 10,
      429: 40,
    });
    const later = await parallel(50, (i) => grant(i === 10 ? code : registrationCode()));
    assert.deepEqual(statuses(later), { 429: 50 });
    assert.equal(later[10]!.body.error, 'invalid_grant');
    assert.ok(Number(later[10]!.headers.get('retry-after')) > 0);
    // Another email of the same client has its own counter.
    const other = `registered${n}b@example.com`;
    const otherCode = registrationCode();
    await signup(p, await clientToken(p, client), { email: other, registrationCode: otherCode });
    assert.equal((await grant(otherCode, other)).status, 200);
    p.clock.advance(15 * 60);
    assert.equal((await grant(code)).status, 200);
  });

  test('60 parallel requests with the right secret from one address all succeed: a success holds no slot', async () => {
    const client = await p.addClient({ name: `Busy Bank ${++n}` });
    const results = await parallel(60, () => token(client, { grant_type: 'client_credentials' }));
    assert.deepEqual(statuses(results), { 200: 60 });
  });

  test('40 parallel client secrets from one address: 20 are checked; then the right one is 429 there, 200 elsewhere', async () => {
    const client = await p.addClient({ name: `Secret Bank ${++n}` });
    const from = (address: string, secret: string) =>
      token(
        { ...client, clientSecret: secret },
        { grant_type: 'client_credentials' },
        { 'x-forwarded-for': address },
      );
    const attacker = '203.0.113.50';
    assert.deepEqual(statuses(await parallel(40, (i) => from(attacker, `guess-${i}`))), { 401: 20, 429: 20 });
    const later = await parallel(40, (i) => from(attacker, i === 7 ? client.clientSecret : `guess-${i}`));
    assert.deepEqual(statuses(later), { 429: 40 });
    assert.equal(later[7]!.body.error, 'invalid_client');
    assert.ok(Number(later[7]!.headers.get('retry-after')) > 0);
    assert.equal((await from('198.51.100.50', client.clientSecret)).status, 200, 'the partner elsewhere');
    // Per client from everywhere (lowered to 30 here): 10 more wrong from a second address spend it.
    assert.deepEqual(statuses(await parallel(20, (i) => from('192.0.2.50', `more-${i}`))), {
      401: 10,
      429: 10,
    });
    assert.equal((await from('198.51.100.51', client.clientSecret)).status, 429);
    p.clock.advance(15 * 60);
    assert.equal((await from(attacker, client.clientSecret)).status, 200, 'the window ends');
  });

  test('issue 14: a secret locked out for its client is refused at a code exchange too (429)', async () => {
    const client = await p.addClient({ name: `Locked Bank ${++n}` });
    const email = `locked${n}@example.com`;
    await seedPerson(p, { email, password: PASSWORD, profiles: [PERSONAL] });
    const link = await askForEmailedCode(p, client, email);
    const code = shownCode((await walk(new PageClient(p.url), link, { email, password: PASSWORD })).text);
    const exchange = () =>
      token(client, { grant_type: 'authorization_code', client_id: client.clientId, code });
    // The right secret first (this instance now holds a recent read of the client), then 40 wrong ones from
    // 40 addresses: the client's own limit (30 here, from everywhere) is spent, no address's is.
    assert.equal((await token(client, { grant_type: 'client_credentials' })).status, 200);
    const wrong = await parallel(40, (i) =>
      token(
        { ...client, clientSecret: `wrong-${i}` },
        { grant_type: 'client_credentials' },
        { 'x-forwarded-for': `192.0.2.${100 + i}` },
      ),
    );
    assert.deepEqual(statuses(wrong), { 401: 30, 429: 10 });
    const refused = await exchange();
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error, 'invalid_client');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
  });
});
