import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPassword } from '../../src/auth/login.js';
import { clearAccountLimits, isAccountLocked } from '../../src/auth/throttle.js';
import {
  actionOf,
  authorizeUrl,
  csrfOf,
  flowPageOf,
  newTotpSecret,
  PageClient,
  PERSONAL,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';

const PASSWORD = 'correct horse battery staple';
const REDIRECT = 'https://bank.example/callback';

/** Issue 12: lockouts that cannot be turned against the owner cheaply (contract "Attempt limits"). */
describe('progressive delay per account and address, and what the login page says', () => {
  let p: TestPlatform;
  let client: { clientId: string };
  let n = 0;
  const person = async () => {
    const email = `delay${++n}@example.com`;
    const id = await seedPerson(p, { email, password: PASSWORD, profiles: [PERSONAL] });
    return { email, id };
  };
  const at = (seconds: number) => new Date(p.clock.now().getTime() + seconds * 1000);

  /** A browser behind the (trusted, local) proxy at `address`, on the login page of a new interaction. */
  async function browserAt(address: string) {
    const browser = new PageClient(p.url);
    browser.headers['x-forwarded-for'] = address;
    const res = await browser.get(
      authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT }),
    );
    const page = flowPageOf(res.location!);
    return {
      async login(email: string, password: string): Promise<string> {
        const form = (await browser.open(page)).text;
        await browser.post(actionOf(form), { csrf: csrfOf(form), email, password });
        return (await browser.open(page)).text;
      },
      async secondFactor(code: string): Promise<string> {
        const form = (await browser.open(page)).text;
        await browser.post(actionOf(form), { csrf: csrfOf(form), code });
        return (await browser.open(page)).text;
      },
    };
  }

  before(async () => {
    p = await startTestPlatform({ settings: { trustProxy: '127.0.0.1' } });
    client = await p.addClient({ redirectUris: [REDIRECT] });
  });
  after(() => p.close());

  test('after 3 failures each try waits 1 s, 2 s, 4 s …, answered at once; after 10 the pair waits for the window', async () => {
    const { email } = await person();
    const ip = '203.0.113.1';
    const start = p.clock.now();
    for (const triesLeft of [9, 8]) {
      assert.deepEqual(await checkPassword(p.platform, email, 'x', ip), {
        ok: false,
        reason: 'invalid',
        triesLeft,
        lockSeconds: 15 * 60,
        nextAt: null,
      });
    }
    let failures = 2;
    for (const delay of [1, 2, 4, 8, 16, 32, 64]) {
      assert.deepEqual(await checkPassword(p.platform, email, 'x', ip), {
        ok: false,
        reason: 'invalid',
        triesLeft: 10 - ++failures,
        lockSeconds: 15 * 60,
        nextAt: at(delay),
      });
      // Even the right password waits: the delay is answered at once, not slept.
      assert.deepEqual(await checkPassword(p.platform, email, PASSWORD, ip), {
        ok: false,
        reason: 'throttled',
        retryAt: at(delay),
      });
      p.clock.advance(delay);
    }
    // The 10th failure: no tries left, the next one is taken when the 15-minute window ends.
    const windowEnd = new Date(start.getTime() + 15 * 60 * 1000);
    assert.deepEqual(await checkPassword(p.platform, email, 'x', ip), {
      ok: false,
      reason: 'invalid',
      triesLeft: 0,
      lockSeconds: 15 * 60,
      nextAt: windowEnd,
    });
    p.clock.advance(600);
    const refused = await checkPassword(p.platform, email, PASSWORD, ip);
    assert.deepEqual(refused, { ok: false, reason: 'throttled', retryAt: windowEnd });
    p.clock.advance((windowEnd.getTime() - p.clock.now().getTime()) / 1000);
    assert.equal((await checkPassword(p.platform, email, PASSWORD, ip)).ok, true);
  });

  test("the tries left are those of the limit nearest its lock, and the lock length is that limit's window", async () => {
    const low = await startTestPlatform({ settings: { limitLoginAccount: 4 } });
    try {
      const email = 'nearest@example.com';
      await seedPerson(low, { email, password: PASSWORD, profiles: [PERSONAL] });
      const fail = (ip: string) => checkPassword(low.platform, email, 'x', ip);
      // One address: the pair (10 in 15 minutes) and the account (4 in 24 hours) both count; the account is nearer.
      assert.deepEqual(await fail('192.0.2.30'), {
        ok: false,
        reason: 'invalid',
        triesLeft: 3,
        lockSeconds: 24 * 3600,
        nextAt: null,
      });
      const second = await fail('192.0.2.31');
      assert.equal(!second.ok && second.reason === 'invalid' && second.lockSeconds, 24 * 3600);
      assert.equal(!second.ok && second.reason === 'invalid' && second.triesLeft, 2);
    } finally {
      await low.close();
    }
  });

  test('the owner logs in from a new address while another address is locked out of the account', async () => {
    const { email } = await person();
    const attacker = await browserAt('203.0.113.2');
    for (let i = 0; i < 10; i++) {
      await attacker.login(email, `guess ${i}`);
      p.clock.advance(64);
    }
    assert.match(await attacker.login(email, PASSWORD), /Too many attempts/);
    const owner = await browserAt('198.51.100.9');
    assert.match(await owner.login(email, PASSWORD), /Choose a profile/);
  });

  test('the page says how many tries are left once fewer than 3, and when to retry as a <time> in UTC', async () => {
    const { email } = await person();
    const browser = await browserAt('203.0.113.3');
    let html = '';
    for (let i = 0; i < 7; i++) {
      html = await browser.login(email, 'wrong');
      p.clock.advance(64);
    }
    assert.doesNotMatch(html, /tries? left/, '3 left is not yet worth saying');
    html = await browser.login(email, 'wrong');
    assert.match(
      html,
      /The email or password is not right\. Check them and try again\. 2 tries left before sign-in is locked for up to 15 minutes\./,
    );
    // The 8th failure: the 9th try waits 2^(8-3) = 32 seconds.
    const next = at(32).toISOString();
    assert.ok(
      html.includes(
        `You can try again at <time datetime="${next}">${next.slice(11, 19)} UTC on ${next.slice(0, 10)}</time>.`,
      ),
      html,
    );
    html = await browser.login(email, PASSWORD);
    assert.match(html, /Too many attempts\. You can try again at <time datetime="/);
    assert.doesNotMatch(html, /Choose a profile/);
  });

  test('the 2FA page says tries left too, and after the 5th wrong code when the next is taken', async () => {
    const email = `delay${++n}@example.com`;
    await seedPerson(p, { email, password: PASSWORD, totpSecret: newTotpSecret(), profiles: [PERSONAL] });
    const browser = await browserAt('203.0.113.4');
    assert.match(await browser.login(email, PASSWORD), /name="code"/);
    // 000000 is a valid code only once in a million steps: close enough to never for one test run.
    for (let i = 0; i < 2; i++) assert.doesNotMatch(await browser.secondFactor('000000'), /tries? left/);
    assert.match(
      await browser.secondFactor('000000'),
      /Enter the newest code from your app\. 2 tries left before sign-in is locked for up to 15 minutes\./,
    );
    assert.match(
      await browser.secondFactor('000000'),
      /1 try left before sign-in is locked for up to 15 minutes\./,
    );
    const last = await browser.secondFactor('000000');
    const windowEnd = at(15 * 60).toISOString();
    assert.ok(
      last.includes(`That was the last try for now. You can try again at <time datetime="${windowEnd}">`),
      last,
    );
    assert.match(await browser.secondFactor('000000'), /Too many attempts\. You can try again at <time/);
  });

  test('clearAccountLimits lifts every lock on the account, from every address; the address limit stays', async () => {
    const { email, id } = await person();
    assert.equal(await isAccountLocked(p.platform, { email }), false);
    await checkPassword(p.platform, email, 'x', '192.0.2.9');
    assert.equal(await isAccountLocked(p.platform, { email }), false, 'one failure locks nothing');
    for (const ip of ['192.0.2.1', '192.0.2.2'])
      for (let i = 0; i < 10; i++) await checkPassword(p.platform, email, 'x', ip);
    assert.equal((await checkPassword(p.platform, email, PASSWORD, '192.0.2.1')).ok, false);
    assert.equal(await isAccountLocked(p.platform, { email }), true);
    await clearAccountLimits(p.platform, { id, email });
    assert.equal(await isAccountLocked(p.platform, { email }), false);
    assert.equal((await checkPassword(p.platform, email, PASSWORD, '192.0.2.1')).ok, true);
    assert.equal((await checkPassword(p.platform, email, PASSWORD, '192.0.2.2')).ok, true);
  });
});
