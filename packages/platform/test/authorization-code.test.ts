import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HASH, hashSecret } from '../src/crypto/hashes.js';
import {
  basic,
  bearer,
  get,
  linkAccount,
  PageClient,
  PERSONAL,
  pkcePair,
  postForm,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from './support/index.js';

const REDIRECT = 'https://bank.example/callback';

describe('POST /oauth/token grant_type=authorization_code (contract §4)', () => {
  let p: TestPlatform;
  let client: { clientId: string; clientSecret: string };
  let other: { clientId: string; clientSecret: string };
  let profileId: number;
  const person = { email: 'ada@example.com', password: 'correct horse battery staple' };

  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient({ redirectUris: [REDIRECT] });
    other = await p.addClient({ name: 'Other Bank', redirectUris: [REDIRECT] });
    const userId = await seedPerson(p, { ...person, profiles: [PERSONAL] });
    profileId = (await p.platform.stores.profiles.listByUser(userId))[0]!.id;
  });
  after(() => p.close());

  async function newCode(options: { challenge?: string } = {}) {
    const callback = await linkAccount(p, new PageClient(p.url), {
      client,
      redirectUri: REDIRECT,
      ...person,
      state: 'xyz',
      ...options,
    });
    return callback.searchParams.get('code')!;
  }

  const exchange = (form: Record<string, string>, credentials = client) =>
    postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'authorization_code', ...form },
      { authorization: basic(credentials.clientId, credentials.clientSecret) },
    );

  test('exchanges a code once for the user token object, scoped to the chosen profile', async () => {
    const code = await newCode();
    const res = await exchange({ code, redirect_uri: REDIRECT, client_id: client.clientId });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.body.token_type, 'bearer');
    assert.equal(res.body.expires_in, 43199);
    assert.match(res.body.refresh_token, /^[A-Za-z0-9_-]{43}$/);
    const me = await get(`${p.url}/v1/me`, bearer(res.body.access_token));
    assert.equal(me.status, 200);
    assert.equal(me.body.email, person.email);
    const grant = await p.platform.stores.grants.findAccessToken(
      hashSecret(p.platform.config.serverSecret, HASH.accessToken, res.body.access_token),
      p.clock.now(),
    );
    assert.deepEqual(grant?.profileIds, [profileId]);
    assert.equal(grant?.grantType, 'authorization_code');
  });

  test('ten concurrent exchanges of one code: exactly one 200, the others invalid_grant', async () => {
    const code = await newCode();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => exchange({ code, redirect_uri: REDIRECT })),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 400, 400, 400, 400, 400, 400, 400, 400, 400]);
    for (const r of results.filter((r) => r.status === 400)) assert.equal(r.body.error, 'invalid_grant');
    // Identical concurrent requests are retries (contract §4 "Duplicates"): the winner's tokens stay good.
    const winner = results.find((r) => r.status === 200)!;
    assert.equal((await get(`${p.url}/v1/me`, bearer(winner.body.access_token))).status, 200);
  });

  test('a code replayed after the retry window is refused and the tokens issued from it stop working', async () => {
    const code = await newCode();
    const first = await exchange({ code, redirect_uri: REDIRECT });
    assert.equal(first.status, 200);
    assert.equal((await get(`${p.url}/v1/me`, bearer(first.body.access_token))).status, 200);
    // Contract §4 "Duplicates": only an identical retry within the window spares the grant.
    p.clock.advance(p.platform.config.tokens.authorizationCodeRetrySeconds);
    const again = await exchange({ code, redirect_uri: REDIRECT });
    assert.equal(again.status, 400);
    assert.deepEqual(again.body, {
      error: 'invalid_grant',
      error_description:
        'The authorization code has already been used; every token issued from it is revoked (RFC 6749 §4.1.2).',
    });
    assert.equal((await get(`${p.url}/v1/me`, bearer(first.body.access_token))).status, 401);
    const refreshed = await postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'refresh_token', refresh_token: first.body.refresh_token },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
    assert.equal(refreshed.status, 400);
    assert.equal(refreshed.body.error, 'invalid_grant');
  });

  test('a wrong or missing redirect_uri is refused before the code is consumed', async () => {
    const code = await newCode();
    for (const redirect of [undefined, `${REDIRECT}/`, 'https://bank.example/Callback', `${REDIRECT}?a=1`]) {
      const res = await exchange(redirect === undefined ? { code } : { code, redirect_uri: redirect });
      assert.equal(res.status, 400, String(redirect));
      assert.equal(res.body.error, 'invalid_grant');
    }
    assert.equal((await exchange({ code, redirect_uri: REDIRECT })).status, 200);
  });

  test("another client's code is refused and stays usable by its own client", async () => {
    const code = await newCode();
    const stolen = await exchange({ code, redirect_uri: REDIRECT }, other);
    assert.equal(stolen.status, 400);
    assert.equal(stolen.body.error, 'invalid_grant');
    assert.equal((await exchange({ code, redirect_uri: REDIRECT })).status, 200);
  });

  test('another client presenting a used code cannot revoke the tokens issued from it', async () => {
    const code = await newCode();
    const first = await exchange({ code, redirect_uri: REDIRECT });
    assert.equal(first.status, 200);
    const stolen = await exchange({ code, redirect_uri: REDIRECT }, other);
    assert.equal(stolen.status, 400);
    assert.equal(stolen.body.error, 'invalid_grant');
    assert.equal((await get(`${p.url}/v1/me`, bearer(first.body.access_token))).status, 200);
  });

  test('unknown code: invalid_grant; missing code: invalid_request', async () => {
    const unknown = await exchange({ code: 'not-a-code', redirect_uri: REDIRECT });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error, 'invalid_grant');
    const missing = await exchange({ redirect_uri: REDIRECT });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, 'invalid_request');
  });

  test('a code expires after 30 minutes (fake clock)', async () => {
    const code = await newCode();
    p.clock.advance(30 * 60);
    const res = await exchange({ code, redirect_uri: REDIRECT });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: 'invalid_grant',
      error_description: 'The authorization code has expired.',
    });
  });

  test('PKCE: a missing or wrong code_verifier is refused; the right one works', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await newCode({ challenge });
    const missing = await exchange({ code, redirect_uri: REDIRECT });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error_description, 'code_verifier is required for this code.');
    const wrong = await exchange({ code, redirect_uri: REDIRECT, code_verifier: pkcePair().verifier });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error_description, 'code_verifier does not match the code_challenge.');
    const right = await exchange({ code, redirect_uri: REDIRECT, code_verifier: verifier });
    assert.equal(right.status, 200);
  });

  test('a code_verifier for a code that had no challenge is refused', async () => {
    const code = await newCode();
    const res = await exchange({ code, redirect_uri: REDIRECT, code_verifier: pkcePair().verifier });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_grant');
  });

  test('a public client exchanges with PKCE and no secret', async () => {
    const pub = await p.addClient({
      name: 'Mobile Bank',
      redirectUris: ['bank://wise/callback'],
      isPublic: true,
    });
    const { verifier, challenge } = pkcePair();
    const callback = await linkAccount(p, new PageClient(p.url), {
      client: pub,
      redirectUri: 'bank://wise/callback',
      ...person,
      challenge,
    });
    assert.equal(callback.protocol, 'bank:');
    const res = await postForm(`${p.url}/oauth/token`, {
      grant_type: 'authorization_code',
      client_id: pub.clientId,
      code: callback.searchParams.get('code')!,
      redirect_uri: 'bank://wise/callback',
      code_verifier: verifier,
    });
    assert.equal(res.status, 200, res.text);
  });
});
