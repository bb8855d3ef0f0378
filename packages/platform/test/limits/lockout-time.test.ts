import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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
const SCRIPT = '<script src="/assets/local-time.js" defer></script>';

/** The CSP's script-src of a response. */
const scriptSrc = (res: { headers: Headers }) =>
  /script-src ([^;]+)/.exec(res.headers.get('content-security-policy') ?? '')?.[1];

/**
 * Issue 13, item 5: the tries left once fewer than 3, and a lockout page that says until when, in UTC
 * words that the platform's one script (allowed by the CSP on that page only) turns into local time.
 */
describe('the lockout says until when, in local time; the tries left come first', () => {
  let p: TestPlatform;
  let client: { clientId: string };
  let n = 0;
  const person = async (totp: boolean) => {
    const email = `lockout${++n}@example.com`;
    await seedPerson(p, {
      email,
      password: PASSWORD,
      profiles: [PERSONAL],
      ...(totp ? { totpSecret: newTotpSecret() } : {}),
    });
    return email;
  };

  before(async () => {
    p = await startTestPlatform();
    client = await p.addClient({ redirectUris: [REDIRECT] });
  });
  after(() => p.close());

  test('the script is served as a file of the platform, like the stylesheet', async () => {
    const res = await new PageClient(p.url).get('/assets/local-time.js');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.text, /Intl\.DateTimeFormat/);
  });

  test('hosted 2FA: 2 and 1 tries left, then the lockout page loads the script and allows it, only there', async () => {
    const email = await person(true);
    const browser = new PageClient(p.url);
    const page = flowPageOf(
      (await browser.get(authorizeUrl(p.url, { client_id: client.clientId, redirect_uri: REDIRECT })))
        .location!,
    );
    const send = async (fields: Record<string, string>) => {
      const form = await browser.open(page);
      await browser.post(actionOf(form.text), { csrf: csrfOf(form.text), ...fields });
      return browser.open(page);
    };
    const login = await browser.open(page);
    assert.equal(scriptSrc(login), "'none'", 'a page without a retry time runs no script');
    assert.ok(!login.text.includes(SCRIPT));
    await send({ email, password: PASSWORD });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await send({ code: '000000' }));
    assert.doesNotMatch(answers[1]!.text, /tries? left/);
    assert.match(answers[2]!.text, /2 tries left before sign-in is locked for up to 15 minutes\./);
    assert.equal(scriptSrc(answers[2]!), "'none'");
    assert.match(answers[3]!.text, /1 try left before sign-in is locked for up to 15 minutes\./);
    const locked = answers[5]!;
    const until = new Date(p.clock.now().getTime() + 15 * 60 * 1000).toISOString();
    assert.ok(
      locked.text.includes(
        `Too many attempts. You can try again at <time datetime="${until}">${until.slice(11, 19)} UTC on ${until.slice(0, 10)}</time>.`,
      ),
      locked.text,
    );
    assert.ok(locked.text.includes(SCRIPT), 'the lockout page loads the local-time script');
    assert.equal(scriptSrc(locked), "'self'");
    assert.match(
      locked.headers.get('content-security-policy') ?? '',
      /default-src 'self'; script-src 'self'; style-src/,
    );
  });

  test('account sign-in: the tries left before the lockout, and the lockout page with the script', async () => {
    const email = await person(false);
    const browser = new PageClient(p.url);
    let page = await browser.get('/account/sign-in');
    assert.equal(scriptSrc(page), "'none'");
    const texts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await browser.post('/account/sign-in', {
        csrf: csrfOf(page.text),
        email,
        password: 'wrong',
      });
      page = await browser.get(res.location!);
      texts.push(page.text);
      p.clock.advance(64);
    }
    assert.doesNotMatch(texts[6]!, /tries? left/);
    assert.match(
      texts[7]!,
      /The email or password is not right\. Check them and try again\. 2 tries left before sign-in is locked for up to 15 minutes\./,
    );
    assert.match(texts[8]!, /1 try left before sign-in is locked for up to 15 minutes\./);
    const res = await browser.post('/account/sign-in', {
      csrf: csrfOf(page.text),
      email,
      password: PASSWORD,
    });
    const locked = await browser.get(res.location!);
    assert.match(
      locked.text,
      /Too many attempts\. You can try again at <time datetime="[^"]+">\d\d:\d\d:\d\d UTC on /,
    );
    assert.ok(locked.text.includes(SCRIPT));
    assert.equal(scriptSrc(locked), "'self'");
  });

  test('account sign-in code: 2 and 1 tries left, then the lockout page with the script', async () => {
    const email = await person(true);
    const browser = new PageClient(p.url);
    const first = await browser.get('/account/sign-in');
    await browser.post('/account/sign-in', { csrf: csrfOf(first.text), email, password: PASSWORD });
    let page = await browser.get('/account/sign-in/code');
    const texts: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await browser.post('/account/sign-in/code', { csrf: csrfOf(page.text), code: '000000' });
      page = await browser.get(res.location!);
      texts.push(page.text);
    }
    assert.doesNotMatch(texts[1]!, /tries? left/);
    assert.match(
      texts[2]!,
      /That code is not right\. Enter the newest code from your app\. 2 tries left before sign-in is locked for up to 15 minutes\./,
    );
    assert.match(texts[3]!, /1 try left before sign-in is locked for up to 15 minutes\./);
    assert.match(texts[5]!, /Too many attempts\. You can try again at <time datetime="/);
    assert.ok(texts[5]!.includes(SCRIPT));
    assert.equal(scriptSrc(page), "'self'");
  });
});
