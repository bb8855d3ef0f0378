import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askForEmailedCode } from '../emailed/helpers.js';
import { enqueue, message, outboxRow } from '../mail/helpers.js';
import { type SmtpCapture, startSmtpCapture } from '../mail/smtp-capture.js';
import {
  bearer,
  PageClient,
  PERSONAL,
  postJson,
  seedPerson,
  startTestPlatform,
  type TestPlatform,
} from '../support/index.js';
import { linkedPartner, startReceiver } from '../webhooks/support.js';

/**
 * Issue 11 "virtual time": `POST /_sandbox/clock` moves the platform's time for everything, link expiry and
 * the mail and webhook retries included, not only codes, tokens and lockouts (sandbox-clock.test.ts). The
 * test platform's own fake clock never moves here: whatever expires or comes due does so by the sandbox clock.
 */
describe('the sandbox clock moves links, mail retries and webhook retries', () => {
  let smtp: SmtpCapture;
  let p: TestPlatform;
  const advance = async (seconds: number) => {
    const res = await postJson(`${p.url}/_sandbox/clock`, { advanceSeconds: seconds });
    assert.equal(res.status, 200, res.text);
  };

  before(async () => {
    smtp = await startSmtpCapture();
    p = await startTestPlatform({ settings: { smtpUrl: smtp.url, mailPollSeconds: 0 } });
  });
  after(async () => {
    await p.close();
    await smtp.close();
  });

  test('an emailed link expires when the clock passes its 30 minutes', async () => {
    const person = { email: 'clock.link@example.com', password: 'a clocked link passphrase' };
    await seedPerson(p, { ...person, profiles: [PERSONAL] });
    const client = await p.addClient({ redirectUris: ['https://bank.example/callback'] });
    const before = p.clock.now().getTime();
    const fresh = await askForEmailedCode(p, client, person.email);
    await advance(61); // the next mail may be asked for a minute later
    const late = await askForEmailedCode(p, client, person.email);
    assert.equal((await new PageClient(p.url).get(fresh)).status, 302, 'a link 61 s old still opens');
    await advance(30 * 60);
    assert.equal((await new PageClient(p.url).get(late)).status, 410, 'past 30 minutes it has expired');
    assert.equal(p.clock.now().getTime(), before, 'the fake clock did not move');
  });

  test('a mail that failed is retried when the clock reaches its next attempt', async () => {
    await p.mail!.deliverDue(); // the mail of the test before
    smtp.state = 'down';
    const id = await enqueue(p, message('clock.mail@example.com'));
    assert.deepEqual(await p.mail!.deliverDue(), { delivered: 0, retried: 1, failed: 0 });
    smtp.state = 'up';
    assert.deepEqual(await p.mail!.deliverDue(), { delivered: 0, retried: 0, failed: 0 }, 'not due yet');
    await advance(30); // the first retry is 30 s later (mail/worker.ts retryDelaySeconds)
    assert.deepEqual(await p.mail!.deliverDue(), { delivered: 1, retried: 0, failed: 0 });
    assert.equal((await outboxRow(p.db, id))['attempts'], 2);
  });

  test('a webhook delivery that failed is retried when the clock reaches its next attempt', async () => {
    const receiver = await startReceiver((n) => (n === 0 ? 500 : 200));
    try {
      const bank = await linkedPartner(p, 'Clock Hook Bank');
      const subscribed = await postJson(
        `${p.url}/v3/applications/${bank.clientId}/subscriptions`,
        {
          name: 'Clock',
          trigger_on: 'profiles#verification-state-change',
          delivery: { version: '2.0.0', url: receiver.url },
        },
        bearer(bank.clientToken),
      );
      assert.equal(subscribed.status, 201, subscribed.text);
      const queued = await postJson(
        `${p.url}/v3/applications/${bank.clientId}/subscriptions/${subscribed.body.id}/test-notifications`,
        {},
        bearer(bank.clientToken),
      );
      assert.equal(queued.status, 201, queued.text);
      assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 0, retried: 1, failed: 0 });
      assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 0, retried: 0, failed: 0 }, 'not due yet');
      await advance(60); // Wise's first retry is a minute later (webhooks/worker.ts)
      assert.deepEqual(await p.webhooks.deliverDue(), { delivered: 1, retried: 0, failed: 0 });
      assert.equal(receiver.received.length, 2);
    } finally {
      await receiver.close();
    }
  });
});
