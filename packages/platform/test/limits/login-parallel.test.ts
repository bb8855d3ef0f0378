import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPassword, checkSecondFactor } from '../../src/auth/login.js';
import {
  csrfOf,
  newTotpSecret,
  PageClient,
  PERSONAL,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
  totpCode,
} from '../support/index.js';

const PASSWORD = 'correct horse battery staple';
const IP = '203.0.113.7';

/** Issue 12: an attempt is counted before it is verified, so parallel guesses cannot pass a limit. */
describe('login and 2FA limits under parallel attempts, on two instances of one database', () => {
  let p: TestPlatform;
  let second: TestPlatform;
  let n = 0;
  const person = async (extra: { totpSecret?: string } = {}) => {
    const email = `parallel${++n}@example.com`;
    const id = await seedPerson(p, { email, password: PASSWORD, profiles: [PERSONAL], ...extra });
    return { email, id };
  };
  /** Half of the calls on each instance. */
  const on = (i: number) => (i % 2 ? second : p).platform;

  before(async () => {
    // The progressive delay is the subject of login-delay.test.ts; set high here so that only the counting
    // decides how many guesses are verified.
    const settings = { limitLoginDelayAfter: 1000 };
    p = await startTestPlatform({ settings });
    second = await startTestPlatform({ settings, db: p.db, clock: p.clock });
  });
  after(async () => {
    await second.close();
    await p.close();
  });

  test('40 parallel passwords from one address: exactly 10 (the pair limit) are verified', async () => {
    const { email } = await person();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => checkPassword(on(i), email, `wrong ${i}`, IP)),
    );
    const verified = results.filter((r) => r.ok || r.reason === 'invalid');
    assert.equal(verified.length, 10);
    assert.equal(results.filter((r) => !r.ok && r.reason === 'throttled').length, 30);
  });

  test('once the limit is reached, 40 parallel logins with the right password among them sign nobody in', async () => {
    const { email } = await person();
    for (let i = 0; i < 10; i++) await checkPassword(p.platform, email, `wrong ${i}`, IP);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => checkPassword(on(i), email, i === 30 ? PASSWORD : `x${i}`, IP)),
    );
    assert.ok(results.every((r) => !r.ok && r.reason === 'throttled'));
  });

  test('a right password in a fresh parallel burst: it and the wrong ones together stay within the limit', async () => {
    const { email } = await person();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => checkPassword(on(i), email, i === 30 ? PASSWORD : `x${i}`, IP)),
    );
    const verified = results.filter((r) => r.ok || r.reason === 'invalid');
    // The success gives its slot back (auth/throttle.ts), so one more wrong guess may follow it: never more.
    assert.ok(verified.length <= 11, `${verified.length} verified`);
    assert.ok(results.filter((r) => !r.ok && r.reason === 'invalid').length <= 10);
  });

  test('over HTTP, half on each instance: past the limit, 40 parallel sign-ins with the right password sign nobody in', async () => {
    const { email } = await person();
    const browser = new PageClient(p.url);
    const csrf = csrfOf((await browser.get('/account/sign-in')).text);
    const signIn = (i: number, password: string) =>
      browser.post(`${(i % 2 ? second : p).url}/account/sign-in`, { csrf, email, password });
    for (let i = 0; i < 10; i++) {
      assert.match(
        (await signIn(i, `wrong ${i}`)).location ?? '',
        /^\/account\/sign-in\?error=invalid&left=/,
      );
    }
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(i, i === 30 ? PASSWORD : `x${i}`)),
    );
    for (const r of results) assert.match(r.location ?? '', /error=invalid&throttled=1&retry=/);
    assert.equal(browser.cookies.has('session'), false);
    assert.equal((await browser.get('/account')).location, '/account/sign-in', 'nobody is signed in');
  });

  test('40 parallel passwords from 40 addresses against an account past its limit: none is verified', async () => {
    const { email } = await person();
    // 100 failures from 10 addresses reach the per-account limit without any one pair reaching its own.
    for (let a = 0; a < 10; a++)
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => checkPassword(on(i), email, `w${i}`, `198.51.100.${a}`)),
      );
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        checkPassword(on(i), email, i === 5 ? PASSWORD : `x${i}`, `192.0.2.${i}`),
      ),
    );
    assert.ok(results.every((r) => !r.ok && r.reason === 'throttled'));
  });

  test('50 parallel TOTP codes: exactly 5 are verified; once spent, the right code is refused too', async () => {
    const totpSecret = newTotpSecret();
    const { email, id } = await person({ totpSecret });
    const wrong = (i: number) => String((Number(totpCode(totpSecret, p.clock.now())) + 1 + i) % 1_000_000);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => checkSecondFactor(on(i), id, email, wrong(i).padStart(6, '0'))),
    );
    assert.equal(results.filter((r) => !r.ok && r.reason === 'invalid').length, 5);
    assert.equal(results.filter((r) => !r.ok && r.reason === 'throttled').length, 45);
    const right = totpCode(totpSecret, p.clock.now());
    const after = await Promise.all(
      Array.from({ length: 50 }, (_, i) => checkSecondFactor(on(i), id, email, i === 20 ? right : wrong(i))),
    );
    assert.ok(after.every((r) => !r.ok && r.reason === 'throttled'));
    p.clock.advance(15 * 60);
    const fresh = totpCode(totpSecret, p.clock.now());
    assert.deepEqual(await checkSecondFactor(p.platform, id, email, fresh), { ok: true }, 'the window ends');
  });

  // Issue 13: a right code already used (RFC 6238 §5.2) is refused on its own terms and gives its slot back.
  test('20 parallel reuses of a right TOTP code: none counted as a failure; the next code passes', async () => {
    const totpSecret = newTotpSecret();
    const { email, id } = await person({ totpSecret });
    const right = totpCode(totpSecret, p.clock.now());
    assert.deepEqual(await checkSecondFactor(p.platform, id, email, right), { ok: true });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => checkSecondFactor(on(i), id, email, right)),
    );
    // Guesses in flight hold their slots (auth/throttle.ts), so some may be refused for now; none is counted.
    assert.ok(results.every((r) => !r.ok && r.reason !== 'invalid'));
    assert.ok(results.filter((r) => !r.ok && r.reason === 'reused').length >= 5);
    p.clock.advance(30);
    const next = totpCode(totpSecret, p.clock.now());
    assert.deepEqual(await checkSecondFactor(second.platform, id, email, next), { ok: true });
  });

  test('reused right codes mixed with wrong ones in parallel: the wrong ones still lock after 5', async () => {
    const totpSecret = newTotpSecret();
    const { email, id } = await person({ totpSecret });
    const right = totpCode(totpSecret, p.clock.now());
    const wrong = (i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
    assert.deepEqual(await checkSecondFactor(p.platform, id, email, right), { ok: true });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => checkSecondFactor(on(i), id, email, i % 2 ? right : wrong(i))),
    );
    assert.ok(results.every((r) => !r.ok));
    assert.ok(
      results.every((r, i) => i % 2 === 0 || (!r.ok && r.reason !== 'invalid')),
      'reuses not counted',
    );
    const invalid = results.filter((r) => !r.ok && r.reason === 'invalid').length;
    assert.ok(invalid <= 5, `at most 5 wrong codes verified, saw ${invalid}`);
    // Reused codes are never counted: exactly 5 wrong ones in all lock the person out.
    for (let i = invalid; i < 5; i++) {
      const r = await checkSecondFactor(p.platform, id, email, wrong(100 + i));
      assert.equal(!r.ok && r.reason, 'invalid');
    }
    const locked = await checkSecondFactor(second.platform, id, email, wrong(200));
    assert.equal(!locked.ok && locked.reason, 'throttled');
  });
});
