// Issue 16 "Bad input": a forged or replayed state, a wrong nonce, an ID token for another audience, an
// expired or badly signed token, a provider that is down. Each gets a clear page, links nothing, and leaves
// nothing secret in the log. The checks themselves are openid-client's; a tiny hostile provider serves
// the bad tokens, the real stand-in (oidc-provider) the real codes.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  PageClient,
  PERSONAL,
  type StandInProvider,
  seedPerson,
  startStandInProvider,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';
import {
  backAtPlatform,
  callbackFor,
  continueWith,
  type HostileProvider,
  openLogin,
  signInAtProvider,
  startHostileProvider,
} from './support.js';

describe('federated login refuses bad input with a clear page (issue 16)', () => {
  const lines: string[] = [];
  /** Every code, state, nonce and token seen in the tests: none may appear in a log line. */
  const secrets: string[] = [];
  let p: TestPlatform;
  let real: StandInProvider;
  let hostile: HostileProvider;
  let down: StandInProvider;
  let clientId: string;
  let adaId: number;
  const ada = { email: 'bad-ada@example.com', password: 'correct horse battery staple' };

  before(async () => {
    real = await startStandInProvider({
      redirectUris: [callbackFor('local')],
      people: [{ email: ada.email, password: 'provider-pass' }],
    });
    hostile = await startHostileProvider();
    // A provider that was there and is gone: its port refuses connections.
    down = await startStandInProvider({ redirectUris: [], people: [] });
    await down.close();
    p = await startTestPlatform({
      logStream: { write: (line) => void lines.push(line) },
      settings: {
        logLevel: 'info',
        oidcProviders: [
          real.settings('local', 'Local'),
          {
            id: 'hostile',
            name: 'Hostile',
            issuer: hostile.issuer,
            clientId: hostile.clientId,
            clientSecret: hostile.clientSecret,
          },
          down.settings('down', 'Gone'),
        ],
      },
    });
    ({ clientId } = await p.addClient({ name: 'Careful Bank' }));
    adaId = await seedPerson(p, { ...ada, profiles: [PERSONAL] });
  });
  after(async () => {
    await p.close();
    await real.close();
    await hostile.close();
  });

  const nothingLinked = async () =>
    assert.deepEqual(await p.platform.stores.federatedIdentities.listForUser(adaId), [], 'nothing linked');

  /** Starts a trip to the hostile provider and comes back with `claims` in its ID token. */
  async function hostileTrip(
    claims: (nonce: string) => Record<string, unknown>,
    key?: ReturnType<typeof generateKeyPairSync>['privateKey'],
  ) {
    const browser = new PageClient(p.url);
    const authorization = await continueWith(browser, await openLogin(p, browser, clientId), 'hostile');
    const state = authorization.searchParams.get('state')!;
    const nonce = authorization.searchParams.get('nonce')!;
    secrets.push(state, nonce);
    hostile.next = { claims: { email: ada.email, ...claims(nonce) }, ...(key ? { key } : {}) };
    const callback = new URL(`${p.url}/oauth/federated/hostile/callback`);
    callback.searchParams.set('code', 'hostile-code-value');
    callback.searchParams.set('state', state);
    secrets.push('hostile-code-value');
    return { browser, page: await backAtPlatform(browser, callback) };
  }

  const REFUSED = /We could not confirm your sign-in with Hostile, so nothing was linked/;

  test('the hostile provider is otherwise acceptable: a right nonce passes the checks', async () => {
    const { page } = await hostileTrip((nonce) => ({ nonce }));
    assert.equal(page.status, 200);
    assert.match(
      page.text,
      /Link your Hostile sign-in/,
      'the token passed; the password is asked before linking',
    );
    await nothingLinked();
  });

  test('a wrong nonce', async () => {
    const { page } = await hostileTrip(() => ({ nonce: 'not-the-nonce' }));
    assert.equal(page.status, 200);
    assert.match(page.text, REFUSED);
    await nothingLinked();
  });

  test('an ID token for another audience', async () => {
    const { page } = await hostileTrip((nonce) => ({ nonce, aud: 'another-client' }));
    assert.match(page.text, REFUSED);
    await nothingLinked();
  });

  test('an expired ID token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const { page } = await hostileTrip((nonce) => ({ nonce, iat: past - 600, exp: past }));
    assert.match(page.text, REFUSED);
    await nothingLinked();
  });

  test("an ID token signed by a key not in the provider's JWKS", async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { page } = await hostileTrip((nonce) => ({ nonce }), privateKey);
    assert.match(page.text, REFUSED);
    await nothingLinked();
  });

  test('a forged state: a page saying the sign-in cannot be used', async () => {
    const browser = new PageClient(p.url);
    await openLogin(p, browser, clientId);
    const res = await browser.get(
      `${p.url}/oauth/federated/local/callback?code=forged-code&state=forged-state`,
    );
    secrets.push('forged-code', 'forged-state');
    assert.equal(res.status, 400);
    assert.match(res.text, /This sign-in cannot be used/);
    await nothingLinked();
  });

  test('a replayed callback of the real provider: used once, then refused', async () => {
    const browser = new PageClient(p.url);
    const authorization = await continueWith(browser, await openLogin(p, browser, clientId), 'local');
    const callback = await signInAtProvider(authorization, ada.email, 'provider-pass');
    secrets.push(
      callback.searchParams.get('code')!,
      callback.searchParams.get('state')!,
      authorization.searchParams.get('nonce')!,
    );
    const first = await backAtPlatform(browser, callback);
    assert.match(first.text, /Link your Local sign-in/);
    const again = await browser.get(callback.href);
    assert.equal(again.status, 400);
    assert.match(again.text, /This sign-in cannot be used/);
    await nothingLinked();
  });

  test('a callback opened in another browser is refused there', async () => {
    const browser = new PageClient(p.url);
    const authorization = await continueWith(browser, await openLogin(p, browser, clientId), 'local');
    const callback = await signInAtProvider(authorization, ada.email, 'provider-pass');
    secrets.push(callback.searchParams.get('code')!, callback.searchParams.get('state')!);
    const elsewhere = await new PageClient(p.url).get(callback.href);
    assert.equal(elsewhere.status, 403);
    assert.match(elsewhere.text, /Start again from the partner/);
    await nothingLinked();
  });

  test('a provider that is down: the login page says so, nothing linked', async () => {
    const browser = new PageClient(p.url);
    const login = await openLogin(p, browser, clientId);
    const action = [...login.text.matchAll(/action="([^"]+\/federated\/down)"/g)][0]![1]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(login.text)![1]!;
    const res = await browser.post(action, { csrf });
    assert.equal(res.status, 303);
    const page = await browser.open(res.location!);
    assert.equal(page.status, 200);
    assert.match(page.text, /Gone is not answering at the moment/);
    await nothingLinked();
  });

  test('a provider that goes down during the trip: the same page, no 500', async () => {
    const gone = await startHostileProvider();
    const q = await startTestPlatform({
      db: p.db,
      clock: p.clock,
      logStream: { write: (line) => void lines.push(line) },
      settings: {
        logLevel: 'info',
        oidcProviders: [
          {
            id: 'brief',
            name: 'Brief',
            issuer: gone.issuer,
            clientId: gone.clientId,
            clientSecret: gone.clientSecret,
          },
        ],
      },
    });
    try {
      const browser = new PageClient(q.url);
      const authorization = await continueWith(browser, await openLogin(q, browser, clientId), 'brief');
      secrets.push(authorization.searchParams.get('state')!, authorization.searchParams.get('nonce')!);
      await gone.close();
      const callback = `${q.url}/oauth/federated/brief/callback?code=late-code&state=${authorization.searchParams.get('state')}`;
      const page = await backAtPlatform(browser, new URL(callback));
      assert.equal(page.status, 200);
      assert.match(page.text, /Brief is not answering at the moment/);
    } finally {
      await q.close();
    }
  });

  test('no log line holds a code, state, nonce or token', () => {
    assert.ok(
      lines.some((l) => l.includes('federated login refused')),
      'the refusals are logged',
    );
    for (const line of lines) {
      for (const secret of secrets) assert.ok(!line.includes(secret), `a secret in the log: ${line}`);
      assert.doesNotMatch(line, /eyJ[A-Za-z0-9_-]{10,}\./, 'no JWT in the log');
    }
  });
});
