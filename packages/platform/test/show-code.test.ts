import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { shownCode, walk } from './emailed/helpers.js';
import {
  authorizeUrl,
  basic,
  bearer,
  get,
  PageClient,
  PERSONAL,
  pkcePair,
  postForm,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from './support/index.js';

const REDIRECT = 'https://bank.example/callback';
const ALSO_REGISTERED = 'https://bank.example/other';

/**
 * `forwardingMode=showCode` on the authorize URL (contract §4; Wise's multi-currency-account Postman guide,
 * https://github.com/transferwise/public-api-postman-collection/blob/master/multi-currency-account/README.md):
 * after Allow the code is shown to the person instead of a redirect, and the partner exchanges it with the
 * same client_id and redirect_uri.
 */
describe('GET /oauth/authorize with forwardingMode=showCode', () => {
  let p: TestPlatform;
  let bank: { clientId: string; clientSecret: string };
  let n = 0;
  const password = 'correct horse battery staple';

  before(async () => {
    p = await startTestPlatform();
    bank = await p.addClient({ name: 'Demo Bank', redirectUris: [REDIRECT, ALSO_REGISTERED] });
  });
  after(() => p.close());

  async function person() {
    const email = `showcode${++n}@example.com`;
    const userId = await seedPerson(p, { email, password, profiles: [PERSONAL] });
    return { email, profileId: (await p.platform.stores.profiles.listByUser(userId))[0]!.id };
  }

  /** From the authorize URL to the page the flow ends on. */
  async function flow(
    email: string,
    extra: Record<string, string> = {},
    decision: 'allow' | 'deny' = 'allow',
  ) {
    const browser = new PageClient(p.url);
    const params = { client_id: bank.clientId, redirect_uri: REDIRECT, forwardingMode: 'showCode', ...extra };
    const res = await browser.get(authorizeUrl(p.url, params));
    assert.equal(res.status, 302, res.text);
    return walk(browser, res.location!, { email, password, decision });
  }

  const exchange = (form: Record<string, string>) =>
    postForm(
      `${p.url}/oauth/token`,
      { grant_type: 'authorization_code', client_id: bank.clientId, ...form },
      { authorization: basic(bank.clientId, bank.clientSecret) },
    );

  test('Allow shows the code on the platform page; no redirect carries it; it exchanges for tokens', async () => {
    const { email, profileId } = await person();
    const page = await flow(email, { state: 'ignored-state' });
    assert.equal(page.status, 200);
    assert.equal(page.location, null);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.text, /Your code for Demo Bank/);
    assert.doesNotMatch(page.text, /ignored-state/);
    const code = shownCode(page.text);
    const res = await exchange({ code, redirect_uri: REDIRECT });
    assert.equal(res.status, 200, res.text);
    const profiles = await get(`${p.url}/v2/profiles`, bearer(res.body.access_token));
    assert.deepEqual(
      profiles.body.map((x: { id: number }) => x.id),
      [profileId],
    );
    // Single use, as every authorization code (contract §4).
    assert.equal((await exchange({ code, redirect_uri: REDIRECT })).body.error, 'invalid_grant');
  });

  test('the exchange must name the redirect_uri of the authorization request (RFC 6749 §4.1.3)', async () => {
    const { email } = await person();
    const code = shownCode((await flow(email)).text);
    const missing = await exchange({ code });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, 'invalid_grant');
    assert.match(missing.body.error_description, /redirect_uri is required/);
    const other = await exchange({ code, redirect_uri: ALSO_REGISTERED });
    assert.equal(other.status, 400);
    assert.match(other.body.error_description, /does not match/);
    // Refusing a wrong request did not burn the code.
    assert.equal((await exchange({ code, redirect_uri: REDIRECT })).status, 200);
  });

  test('PKCE sent with showCode is enforced at the exchange', async () => {
    const { email } = await person();
    const { verifier, challenge } = pkcePair();
    const code = shownCode(
      (await flow(email, { code_challenge: challenge, code_challenge_method: 'S256' })).text,
    );
    const without = await exchange({ code, redirect_uri: REDIRECT });
    assert.match(without.body.error_description, /code_verifier is required/);
    const res = await exchange({ code, redirect_uri: REDIRECT, code_verifier: verifier });
    assert.equal(res.status, 200, res.text);
  });

  test('Deny shows that nothing was shared, and no code', async () => {
    const { email } = await person();
    const page = await flow(email, {}, 'deny');
    assert.equal(page.status, 200);
    assert.match(page.text, /Demo Bank was not given access/);
    assert.match(page.text, /start connecting again from Demo Bank/);
    assert.doesNotMatch(page.text, /shown-code/);
  });

  test('any other forwardingMode, or one sent twice, is refused back to the partner as invalid_request', async () => {
    for (const query of ['forwardingMode=redirectToUrl', 'forwardingMode=showCode&forwardingMode=showCode']) {
      const res = await get(
        `${p.url}/oauth/authorize?client_id=${bank.clientId}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s1&${query}`,
      );
      assert.equal(res.status, 302);
      const url = new URL(res.headers.get('location')!);
      assert.equal(url.origin + url.pathname, REDIRECT);
      assert.equal(url.searchParams.get('error'), 'invalid_request');
      assert.equal(url.searchParams.get('state'), 's1');
    }
  });

  test('an unregistered redirect_uri is still an error page, never a redirect nor a code', async () => {
    const res = await get(
      `${p.url}/oauth/authorize?client_id=${bank.clientId}&redirect_uri=${encodeURIComponent('https://evil.example/')}&forwardingMode=showCode`,
    );
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
  });
});
