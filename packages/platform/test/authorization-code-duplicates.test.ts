// Contract §4 "Duplicates" (RFC 6749 §4.1.2): a code used twice is always refused; its tokens are revoked
// unless the second use is an identical retry of the same client within the retry window (a partner's double
// submit), which must not unlink the customer the first submit just linked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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
const RETRY =
  'The authorization code has already been exchanged: this repeats that exchange, so nothing was revoked. Use the tokens the first exchange returned.';
const REVOKED =
  'The authorization code has already been used; every token issued from it is revoked (RFC 6749 §4.1.2).';

describe('authorization code duplicates (contract §4)', () => {
  let p: TestPlatform;
  let client: { clientId: string; clientSecret: string };
  const person = { email: 'dup@example.com', password: 'correct horse battery staple' };

  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient({ redirectUris: [REDIRECT, `${REDIRECT}/other`] });
    await seedPerson(p, { ...person, profiles: [PERSONAL] });
  });
  after(() => p.close());

  async function newCode(challenge?: string) {
    const callback = await linkAccount(p, new PageClient(p.url), {
      client,
      redirectUri: REDIRECT,
      ...person,
      ...(challenge !== undefined ? { challenge } : {}),
    });
    return callback.searchParams.get('code')!;
  }
  const exchange = (form: Record<string, string>) =>
    postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'authorization_code', ...form },
      { authorization: basic(client.clientId, client.clientSecret) },
    );
  const works = async (token: string) => (await get(`${p.url}/v1/me`, bearer(token))).status === 200;
  const refreshes = async (refreshToken: string) =>
    (
      await postForm(
        `${p.url}/oauth/token`,
        { grant_type: 'refresh_token', refresh_token: refreshToken },
        { authorization: basic(client.clientId, client.clientSecret) },
      )
    ).status === 200;

  test('a double submit: the second is refused with an explanation, the first tokens keep working', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await newCode(challenge);
    const form = { code, redirect_uri: REDIRECT, code_verifier: verifier };
    const first = await exchange(form);
    assert.equal(first.status, 200, first.text);
    p.clock.advance(p.platform.config.tokens.authorizationCodeRetrySeconds - 1);
    const second = await exchange(form);
    assert.equal(second.status, 400);
    assert.deepEqual(second.body, { error: 'invalid_grant', error_description: RETRY });
    assert.ok(await works(first.body.access_token));
    assert.ok(await refreshes(first.body.refresh_token));
  });

  test('two identical exchanges at once: one 200, one retry refusal, the grant intact', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await newCode(challenge);
    const form = { code, redirect_uri: REDIRECT, code_verifier: verifier };
    const results = await Promise.all([exchange(form), exchange(form)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 400]);
    const loser = results.find((r) => r.status === 400)!;
    assert.equal(loser.body.error_description, RETRY);
    assert.ok(await works(results.find((r) => r.status === 200)!.body.access_token));
  });

  test('within the window, a different verifier or redirect_uri is no retry: refused and revoked', async () => {
    for (const differ of [
      (f: Record<string, string>) => ({ ...f, code_verifier: pkcePair().verifier }),
      (f: Record<string, string>) => ({ ...f, redirect_uri: `${REDIRECT}/other` }),
      ({ code_verifier: _, ...f }: Record<string, string>) => f,
    ]) {
      const { verifier, challenge } = pkcePair();
      const code = await newCode(challenge);
      const form = { code, redirect_uri: REDIRECT, code_verifier: verifier };
      const first = await exchange(form);
      assert.equal(first.status, 200);
      const other = await exchange(differ(form));
      assert.equal(other.status, 400);
      assert.deepEqual(other.body, { error: 'invalid_grant', error_description: REVOKED });
      assert.equal(await works(first.body.access_token), false);
      assert.equal(await refreshes(first.body.refresh_token), false);
    }
  });

  test('an identical retry after a revoking replay is refused too, and revives nothing', async () => {
    const code = await newCode();
    const first = await exchange({ code, redirect_uri: REDIRECT });
    assert.equal(first.status, 200);
    assert.equal((await exchange({ code, redirect_uri: `${REDIRECT}/other` })).status, 400);
    const retry = await exchange({ code, redirect_uri: REDIRECT });
    assert.equal(retry.status, 400);
    assert.equal(await works(first.body.access_token), false);
  });
});
