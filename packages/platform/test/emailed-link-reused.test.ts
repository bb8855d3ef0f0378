import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askForEmailedCode, walk } from './emailed/helpers.js';
import { PageClient, PERSONAL, seedPerson, startTestPlatform, type TestPlatform } from './support/index.js';

const PASSWORD = 'correct horse battery staple';
const USED = /This link has already been used or has expired/;
const NOTHING_SHARED = /Nothing was shared with the partner/;

/** Issue 13, item 3: an emailed link opened again says truthfully what became of it (contract §6). */
describe('an emailed link opened again', () => {
  let p: TestPlatform;
  let partner: { clientId: string; clientSecret: string };
  let n = 0;

  async function person() {
    const email = `reused${++n}@example.com`;
    await seedPerson(p, { email, password: PASSWORD, profiles: [PERSONAL] });
    return email;
  }

  before(async () => {
    p = await startTestPlatform();
    partner = await p.addClient({ name: 'Emailing Bank' });
  });
  after(() => p.close());

  test('after Allow: "You already allowed", nothing more to do, in this browser and any other', async () => {
    const email = await person();
    const link = await askForEmailedCode(p, partner, email);
    const browser = new PageClient(p.url);
    const shown = await walk(browser, link, { email, password: PASSWORD });
    assert.match(shown.text, /Type this code into/);
    for (const again of [await browser.get(link), await new PageClient(p.url).get(link)]) {
      assert.equal(again.status, 200);
      assert.match(again.text, /<h1>You already allowed Emailing Bank<\/h1>/);
      assert.match(again.text, /There is nothing more to do here/);
      assert.match(again.text, /ask it to send you a new email/);
      assert.doesNotMatch(again.text, NOTHING_SHARED);
      assert.doesNotMatch(again.text, /<form/);
    }
  });

  test('after Deny: it says access was refused, and how to change one’s mind', async () => {
    const email = await person();
    const link = await askForEmailedCode(p, partner, email);
    const browser = new PageClient(p.url);
    await walk(browser, link, { email, password: PASSWORD, decision: 'deny' });
    const again = await browser.get(link);
    assert.equal(again.status, 200);
    assert.match(again.text, /<h1>Emailing Bank was not given access<\/h1>/);
    assert.match(again.text, /You chose not to connect your account/);
    assert.match(again.text, /ask Emailing Bank to send you a new email/);
    assert.doesNotMatch(again.text, /already allowed/);
  });

  test('opened but not finished: this browser goes back to its flow, another is told to ask again', async () => {
    const email = await person();
    const link = await askForEmailedCode(p, partner, email);
    const browser = new PageClient(p.url);
    const first = await browser.get(link);
    assert.equal(first.status, 302);
    const again = await browser.get(link);
    assert.equal(again.status, 302);
    assert.equal(again.location, first.location, 'the same flow, not a new one');
    assert.match((await browser.open(again.location!)).text, /<h1>Log in<\/h1>/);

    const elsewhere = await new PageClient(p.url).get(link);
    assert.equal(elsewhere.status, 410);
    assert.match(elsewhere.text, USED);
    assert.match(elsewhere.text, /ask the partner app to send you a new email/);

    // Once the flow has expired, the link answers as a used one here too.
    p.clock.advance(60 * 60 + 1);
    const late = await browser.get(link);
    assert.equal(late.status, 410);
    assert.match(late.text, USED);

    // A link never opened and expired: the usual answer, with its way forward.
    const unused = await askForEmailedCode(p, partner, email);
    p.clock.advance(30 * 60 + 1);
    const expired = await browser.get(unused);
    assert.equal(expired.status, 410);
    assert.match(expired.text, /ask the partner app to send you a new email/);
  });

  test('ten opens at once in one browser: one flow, and every answer leads to it', async () => {
    const email = await person();
    const link = await askForEmailedCode(p, partner, email);
    const browser = new PageClient(p.url);
    // The browser cookie first, as any earlier page of the platform would have set it.
    await browser.get('/account/sign-in');
    const answers = await Promise.all(Array.from({ length: 10 }, () => browser.get(link)));
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(10).fill(302),
    );
    assert.equal(new Set(answers.map((a) => a.location)).size, 1);
  });
});
