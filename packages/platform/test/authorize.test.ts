import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PageClient, pkcePair, startTestPlatform, type TestPlatform } from './support/index.js';

const REGISTERED = [
  'https://bank.example/callback',
  'https://bank.example/cb?tenant=a&x=1',
  'bank://wise/callback',
  'http://127.0.0.1:8123/cb',
  'https://bank.example/signed?sig=a+b',
];

describe('GET /oauth/authorize (contract §4)', () => {
  let p: TestPlatform;
  let client: { clientId: string };
  let publicClient: { clientId: string };

  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient({ redirectUris: REGISTERED });
    publicClient = await p.addClient({ name: 'Mobile', redirectUris: REGISTERED, isPublic: true });
  });
  after(() => p.close());

  const open = (query: string, path = '/oauth/authorize') => new PageClient(p.url).get(`${path}?${query}`);
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

  function assertErrorPage(res: { status: number; location: string | null; text: string; headers: Headers }) {
    assert.equal(res.status, 400);
    assert.equal(res.location, null);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(res.text, /<html lang="en">/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  }

  test('unknown or missing client: an error page, never a redirect', async () => {
    assertErrorPage(await open(q({ client_id: 'nobody', redirect_uri: REGISTERED[0]! })));
    assertErrorPage(await open(q({ redirect_uri: REGISTERED[0]! })));
  });

  test('missing or repeated redirect_uri: an error page', async () => {
    assertErrorPage(await open(q({ client_id: client.clientId })));
    assertErrorPage(
      await open(
        `client_id=${client.clientId}&redirect_uri=${encodeURIComponent(REGISTERED[0]!)}&redirect_uri=x`,
      ),
    );
  });

  test('redirect_uri variants that are not byte-for-byte registered: an error page, no redirect', async () => {
    const variants = [
      'https://bank.example/callback/',
      'https://bank.example/Callback',
      'HTTPS://bank.example/callback',
      'https://BANK.example/callback',
      'https://bank.example/callback?extra=1',
      'https://bank.example/callback#frag',
      'https://bank.example/x/../callback',
      'https://bank.example/./callback',
      'https://user@bank.example/callback',
      'https://user:pw@bank.example/callback',
      'https://bank.example:443/callback',
      'https://bank.example/%63allback',
      'https://bank.example/cb?x=1&tenant=a',
      'https://bank.example/cb?tenant=a',
      'https://bank.example.evil.test/callback',
      'bank://wise/callback/',
      'http://localhost:8123/cb',
      'http://127.0.0.1:8124/cb',
    ];
    for (const uri of variants) {
      const res = await open(q({ client_id: client.clientId, redirect_uri: uri }));
      assert.equal(res.location, null, uri);
      assertErrorPage(res);
    }
  });

  test('a double-encoded redirect_uri is decoded once only, so it does not match', async () => {
    const twice = encodeURIComponent(encodeURIComponent(REGISTERED[0]!));
    assertErrorPage(await open(`client_id=${client.clientId}&redirect_uri=${twice}`));
  });

  test('raw and percent-encoded redirect_uri both match, with and without the trailing slash path', async () => {
    for (const path of ['/oauth/authorize', '/oauth/authorize/']) {
      const raw = await open(`client_id=${client.clientId}&redirect_uri=https://bank.example/callback`, path);
      assert.equal(raw.status, 302, raw.text);
      assert.match(raw.location!, /^\/oauth\/interaction\//);
      const encoded = await open(q({ client_id: client.clientId, redirect_uri: REGISTERED[1]! }), path);
      assert.equal(encoded.status, 302);
      assert.match(encoded.location!, /^\/oauth\/interaction\//);
    }
    for (const uri of REGISTERED.slice(2)) {
      const res = await open(q({ client_id: client.clientId, redirect_uri: uri, response_type: 'whatever' }));
      assert.equal(res.status, 302, uri);
    }
  });

  test("a '+' in a raw redirect_uri is read as '+', and encoded as %2B too", async () => {
    const raw = await open(`client_id=${client.clientId}&redirect_uri=https://bank.example/signed?sig=a+b`);
    assert.equal(raw.status, 302);
    assert.match(raw.location!, /^\/oauth\/interaction\//);
    const encoded = await open(
      q({ client_id: client.clientId, redirect_uri: 'https://bank.example/signed?sig=a+b' }),
    );
    assert.equal(encoded.status, 302);
    assert.match(encoded.location!, /^\/oauth\/interaction\//);
    // A space is not a plus: percent-encoded as %20 it matches nothing.
    assertErrorPage(
      await open(
        `client_id=${client.clientId}&redirect_uri=https%3A%2F%2Fbank.example%2Fsigned%3Fsig%3Da%20b`,
      ),
    );
  });

  test('PKCE plain is refused by a redirect carrying error, error_description, state and iss', async () => {
    const res = await open(
      q({
        client_id: client.clientId,
        redirect_uri: REGISTERED[1]!,
        state: 's 1/2',
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'plain',
      }),
    );
    assert.equal(res.status, 302);
    assert.ok(res.location!.startsWith('https://bank.example/cb?tenant=a&x=1&'), res.location!);
    const url = new URL(res.location!);
    assert.equal(url.searchParams.get('error'), 'invalid_request');
    assert.match(url.searchParams.get('error_description')!, /S256/);
    assert.equal(url.searchParams.get('state'), 's 1/2');
    assert.equal(url.searchParams.get('iss'), p.platform.config.issuer);
  });

  test('PKCE: a malformed challenge or a challenge without its method is refused', async () => {
    const extras: Record<string, string>[] = [
      { code_challenge: 'short', code_challenge_method: 'S256' },
      { code_challenge: pkcePair().challenge },
      { code_challenge_method: 'S256' },
    ];
    for (const extra of extras) {
      const res = await open(q({ client_id: client.clientId, redirect_uri: REGISTERED[0]!, ...extra }));
      assert.equal(res.status, 302);
      assert.equal(new URL(res.location!).searchParams.get('error'), 'invalid_request');
    }
  });

  test('public clients must send PKCE', async () => {
    const without = await open(q({ client_id: publicClient.clientId, redirect_uri: 'bank://wise/callback' }));
    assert.equal(without.status, 302);
    assert.ok(without.location!.startsWith('bank://wise/callback?error=invalid_request&'));
    const withPkce = await open(
      q({
        client_id: publicClient.clientId,
        redirect_uri: 'bank://wise/callback',
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      }),
    );
    assert.equal(withPkce.status, 302);
    assert.match(withPkce.location!, /^\/oauth\/interaction\//);
  });

  test('the browser cookie is HttpOnly and SameSite=Lax; Secure with __Host- when the issuer is https', async () => {
    const res = await fetch(
      `${p.url}/oauth/authorize?${q({ client_id: client.clientId, redirect_uri: REGISTERED[0]! })}`,
      { redirect: 'manual' },
    );
    const cookie = res.headers.getSetCookie()[0]!;
    assert.match(cookie, /^aa_browser=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);

    const https = await startTestPlatform({ settings: { issuer: 'https://platform.example' }, db: p.db });
    try {
      const secure = await fetch(
        `${https.url}/oauth/authorize?${q({ client_id: client.clientId, redirect_uri: REGISTERED[0]! })}`,
        { redirect: 'manual' },
      );
      assert.match(
        secure.headers.getSetCookie()[0]!,
        /^__Host-aa_browser=.*; Path=\/; .*HttpOnly; SameSite=Lax; Secure$/,
      );
    } finally {
      await https.close();
    }
  });

  test('a NUL in any parameter is refused cleanly, never a 500', async () => {
    assertErrorPage(await open(`client_id=a%00b&redirect_uri=${encodeURIComponent(REGISTERED[0]!)}`));
    assertErrorPage(
      await open(`client_id=${client.clientId}&redirect_uri=https%3A%2F%2Fbank.example%2Fcallback%00`),
    );
    const state = await open(
      `client_id=${client.clientId}&redirect_uri=${encodeURIComponent(REGISTERED[0]!)}&state=a%00`,
    );
    assert.equal(state.status, 302);
    assert.equal(new URL(state.location!).searchParams.get('error'), 'invalid_request');
  });

  test('a failure after the client and redirect_uri are known is a server_error redirect', async () => {
    const broken = await startTestPlatform();
    try {
      const partner = await broken.addClient({ redirectUris: REGISTERED });
      await broken.db.query('alter table interactions rename to interactions_unavailable');
      const res = await new PageClient(broken.url).get(
        `/oauth/authorize?${q({ client_id: partner.clientId, redirect_uri: REGISTERED[0]!, state: 's' })}`,
      );
      assert.equal(res.status, 302);
      const url = new URL(res.location!);
      assert.equal(url.origin + url.pathname, REGISTERED[0]);
      assert.equal(url.searchParams.get('error'), 'server_error');
      assert.match(url.searchParams.get('error_description')!, /Request id: [0-9a-f-]{36}$/);
      assert.equal(url.searchParams.get('state'), 's');
      assert.doesNotMatch(res.location!, /interactions_unavailable|relation/, 'no internals leak');
    } finally {
      await broken.close();
    }
  });
});
