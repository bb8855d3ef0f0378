import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { redactText, redactValue } from '../../src/http/log-redaction.js';
import {
  basic,
  get,
  linkAccount,
  newTotpSecret,
  PageClient,
  PERSONAL,
  pkcePair,
  postForm,
  postJson,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
  totpCode,
} from '../support/index.js';

// Issue 11 "Request journal": every request, every secret redacted.
describe('GET /_sandbox/requests', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startTestPlatform({ settings: { journalSize: 200 } });
  });
  after(() => p.close());

  test('a whole flow leaves no secret in the journal', async () => {
    const partner = await p.addClient();
    const secrets: string[] = [partner.clientSecret];
    const auth = { authorization: basic(partner.clientId, partner.clientSecret) };

    const app = await postForm(`${p.url}/oauth/token`, { grant_type: 'client_credentials' }, auth);
    assert.equal(app.status, 200);
    secrets.push(app.body.access_token);

    // A user made with a registration code, and its tokens (contract §2, §3).
    const registrationCode = 'registration-code-0123456789-abcdef';
    secrets.push(registrationCode);
    const created = await postJson(
      `${p.url}/v1/user/signup/registration_code`,
      { email: 'journal.new@example.com', registrationCode },
      { authorization: `Bearer ${app.body.access_token}` },
    );
    assert.ok(created.status < 300, created.text);
    const regTokens = await postForm(
      `${p.url}/oauth/token`,
      {
        grant_type: 'registration_code',
        email: 'journal.new@example.com',
        client_id: partner.clientId,
        registration_code: registrationCode,
      },
      auth,
    );
    assert.equal(regTokens.status, 200, regTokens.text);
    secrets.push(regTokens.body.access_token, regTokens.body.refresh_token);

    // An existing person links through the hosted pages, with a password and TOTP (contract §4).
    const password = 'journal-password-correct-horse';
    const totpSecret = newTotpSecret();
    secrets.push(password, totpSecret, totpCode(totpSecret, p.clock.now()));
    await seedPerson(p, { email: 'journal.linked@example.com', password, totpSecret, profiles: [PERSONAL] });
    const { verifier, challenge } = pkcePair();
    secrets.push(verifier);
    const state = 'journal-state-0123456789';
    secrets.push(state);
    const back = await linkAccount(p, new PageClient(p.url), {
      client: partner,
      redirectUri: 'https://bank.example/callback',
      email: 'journal.linked@example.com',
      password,
      totpSecret,
      state,
      challenge,
    });
    const code = back.searchParams.get('code')!;
    secrets.push(code);
    const tokens = await postForm(
      `${p.url}/oauth/token`,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'https://bank.example/callback',
        code_verifier: verifier,
      },
      auth,
    );
    assert.equal(tokens.status, 200, tokens.text);
    secrets.push(tokens.body.access_token, tokens.body.refresh_token);
    const refreshed = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token },
      auth,
    );
    secrets.push(refreshed.body.access_token);
    assert.equal(
      (await get(`${p.url}/v1/me`, { authorization: `Bearer ${refreshed.body.access_token}` })).status,
      200,
    );

    // A set-password link, read back through the outbox (contract §7).
    const browser = new PageClient(p.url);
    const forgot = await browser.get('/account/forgot-password');
    const csrf = /name="csrf" value="([^"]+)"/.exec(forgot.text)![1]!;
    await browser.post('/account/forgot-password', { csrf, email: 'journal.linked@example.com' });
    const outbox = await get(`${p.url}/_sandbox/outbox?to=journal.linked@example.com`);
    const link = outbox.body[0].links[0] as string;
    secrets.push(link.split('/').pop()!, csrf);

    const journal = await get(`${p.url}/_sandbox/requests?limit=500`);
    assert.equal(journal.status, 200);
    const text = JSON.stringify(journal.body);
    for (const secret of secrets)
      assert.ok(!text.includes(secret), `a secret is in the journal: ${secret.slice(0, 4)}…`);
    assert.ok(!text.includes(p.platform.config.serverSecret.toString('hex')));

    // What it keeps: the calls, their statuses and the client that made them.
    const entries = journal.body.requests as any[];
    const token = entries.find((e) => e.path === '/oauth/token' && e.status === 200);
    assert.equal(token.clientId, partner.clientId);
    assert.equal(token.request.headers.authorization, '[redacted]');
    assert.equal(token.request.body.grant_type, 'refresh_token');
    assert.equal(token.response.body.token_type, 'bearer');
    assert.equal(token.response.body.access_token, '[redacted]');
    assert.ok(token.durationMs >= 0);
    const callback = entries.find((e) =>
      e.response.headers.location?.startsWith('https://bank.example/callback'),
    );
    assert.match(callback.response.headers.location, /code=\[redacted\]/);
    const me = entries.find((e) => e.path === '/v1/me');
    assert.equal(me.clientId, partner.clientId);
    const outboxEntry = entries.find((e) => e.path.startsWith('/_sandbox/outbox'));
    assert.match(JSON.stringify(outboxEntry.response.body), /set-password\/\[redacted\]/);
    assert.ok(
      entries.some(
        (e) => e.path.startsWith('/oauth/interaction/') && e.response.body?.startsWith?.('[text/html'),
      ),
    );
  });

  test('newest first, filtered by client, path prefix and status; limit', async () => {
    const a = await p.addClient({ name: 'Filter A' });
    const b = await p.addClient({ name: 'Filter B' });
    for (const c of [a, b, a]) {
      p.clock.advance(1);
      await postForm(
        `${p.url}/oauth/token`,
        { grant_type: 'client_credentials' },
        { authorization: basic(c.clientId, c.clientSecret) },
      );
    }
    await get(`${p.url}/v1/nowhere?x=1`);
    const byA = (await get(`${p.url}/_sandbox/requests?clientId=${a.clientId}`)).body.requests;
    assert.equal(byA.length, 2);
    assert.ok(byA[0].id > byA[1].id);
    assert.ok(byA[0].at >= byA[1].at);
    const notFound = (await get(`${p.url}/_sandbox/requests?status=404&path=/v1/nowhere`)).body.requests;
    assert.equal(notFound.length, 1);
    assert.equal(notFound[0].path, '/v1/nowhere?x=1');
    assert.equal(notFound[0].method, 'GET');
    assert.equal(notFound[0].clientId, null);
    assert.equal((await get(`${p.url}/_sandbox/requests?limit=1`)).body.requests.length, 1);
    // The journal records its own reads, without their bodies.
    const reads = (await get(`${p.url}/_sandbox/requests?path=/_sandbox/requests&limit=1`)).body.requests;
    assert.match(reads[0].response.body, /the journal itself/);
  });

  test('a body PostgreSQL cannot store (NUL, half a surrogate pair) is still journaled', async () => {
    const res = await postJson(`${p.url}/_sandbox/faults`, '{"note":"a\\u0000b\\ud800c","count":1}');
    assert.equal(res.status, 400);
    const [entry] = (await get(`${p.url}/_sandbox/requests?path=/_sandbox/faults&limit=1`)).body.requests;
    // The body parser refuses it (400) before any route; the journal still has the request, and its answer.
    assert.equal(entry.status, 400);
    assert.equal(entry.method, 'POST');
    assert.equal(entry.response.body.errors[0].code, 'BAD_REQUEST');
  });

  test('bad filters are 400s that name the parameter', async () => {
    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=x', 'limit'],
      ['limit=501', 'limit'],
      ['status=abc', 'status'],
      ['status=700', 'status'],
      ['path=oauth', 'path'],
      ['clientId=', 'clientId'],
      ['clientId=a&clientId=b', 'clientId'],
    ]) {
      const res = await get(`${p.url}/_sandbox/requests?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.errors[0].path, path);
    }
  });

  test('bounded: only the newest journalSize requests are kept', async () => {
    const small = await startTestPlatform({ settings: { journalSize: 5 } });
    try {
      await Promise.all(Array.from({ length: 12 }, (_, i) => get(`${small.url}/health?n=${i}`)));
      const rows = (await get(`${small.url}/_sandbox/requests?limit=500`)).body.requests;
      assert.ok(rows.length <= 5 && rows.length >= 4, String(rows.length));
    } finally {
      await small.close();
    }
  });

  test('not mounted, and nothing recorded, outside sandbox mode', async () => {
    const off = await startTestPlatform({ settings: { sandbox: false } });
    try {
      await get(`${off.url}/health`);
      assert.equal((await get(`${off.url}/_sandbox/requests`)).status, 404);
      assert.deepEqual(await off.platform.stores.requestJournal.list({ limit: 10 }), []);
    } finally {
      await off.close();
    }
  });
});

describe('journal redaction rules', () => {
  test('secret names at any depth, links in text, error codes kept', () => {
    assert.deepEqual(
      redactValue({
        client_secret: 's',
        nested: [{ refreshToken: 'r', token_type: 'bearer', state: 'ACTIVE' }],
        errors: [{ code: 'NOT_FOUND' }],
        code: 'ABC123',
        text: 'Open http://x.example/account/set-password/TOKEN123 now',
      }),
      {
        client_secret: '[redacted]',
        nested: [{ refreshToken: '[redacted]', token_type: 'bearer', state: 'ACTIVE' }],
        errors: [{ code: 'NOT_FOUND' }],
        code: '[redacted]',
        text: 'Open http://x.example/account/set-password/[redacted] now',
      },
    );
    assert.equal(
      redactText('https://bank.example/cb?code=C1&state=S1&x=1'),
      'https://bank.example/cb?code=[redacted]&state=[redacted]&x=1',
    );
  });
});
