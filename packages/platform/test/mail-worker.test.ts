import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { smtpTransport } from '../src/mail/transport.js';
import { createMailWorker, describeError, retryDelaySeconds } from '../src/mail/worker.js';
import { enqueue, ISSUER, message, outboxRow } from './mail/helpers.js';
import { parseMail, type SmtpCapture, startSmtpCapture } from './mail/smtp-capture.js';
import { get, startTestPlatform, type TestPlatform } from './support/index.js';

describe('retry backoff', () => {
  test('doubles from 30 seconds and is capped at an hour', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelaySeconds),
      [30, 60, 120, 240, 480, 960, 1920, 3600, 3600],
    );
  });

  test('an error description never carries the SMTP password', () => {
    const error = Object.assign(new Error('Invalid login for s3cr3t%21 and s3cr3t!\nsecond line'), {
      code: 'EAUTH',
      responseCode: 535,
    });
    assert.equal(describeError(error, ['s3cr3t%21', 's3cr3t!']), 'EAUTH 535: Invalid login for *** and ***');
  });
});

describe('mail worker over SMTP (issue 3 "Emailed code and mail")', () => {
  let smtp: SmtpCapture;
  let p: TestPlatform;
  before(async () => {
    smtp = await startSmtpCapture({ auth: { user: 'platform', pass: 'pa:ss/word!' } });
  });
  after(() => smtp.close());
  beforeEach(async () => {
    smtp.messages.length = 0;
    smtp.state = 'up';
    p = await startTestPlatform({
      settings: {
        smtpUrl: smtp.url,
        mailPollSeconds: 0,
        issuer: ISSUER,
        mailFrom: 'Example Platform <no-reply@platform.example>',
      },
    });
  });
  afterEach(() => p.close());

  test('delivers a due mail once, as text and HTML alternatives with our From and Message-ID', async () => {
    const id = await enqueue(p, message('Person@Example.com'));
    assert.ok(p.mail, 'a worker runs when SMTP_URL is set');
    assert.deepEqual(await p.mail.deliverDue(), { delivered: 1, retried: 0, failed: 0 });
    assert.equal(smtp.messages.length, 1);
    const { envelope, raw } = smtp.messages[0]!;
    assert.deepEqual(envelope, { from: 'no-reply@platform.example', to: ['Person@example.com'] });
    const mail = parseMail(raw);
    assert.equal(mail.headers.get('from'), 'Example Platform <no-reply@platform.example>');
    assert.equal(mail.headers.get('to'), 'Person@example.com');
    assert.equal(mail.headers.get('subject'), 'Message 1');
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
    assert.match(mail.headers.get('content-type') ?? '', /^multipart\/alternative;/);
    assert.equal(mail.headers.get('date'), p.clock.now().toUTCString().replace('GMT', '+0000'));
    const row = await outboxRow(p.db, id);
    assert.equal(mail.headers.get('message-id'), row['message_id']);
    assert.deepEqual(
      mail.parts.map((part) => part.contentType),
      ['text/plain', 'text/html'],
    );
    assert.equal(mail.parts[0]!.body, 'Hello 1\nhttps://platform.example/x/1\n'.replace(/\n/g, '\r\n'));
    assert.equal(mail.parts[1]!.body, '<!doctype html><p>Hello 1</p>');
    assert.deepEqual(row['delivered_at'], p.clock.now());
    assert.equal(row['attempts'], 1);

    const [listed] = (await get(`${p.url}/_sandbox/outbox?to=person@example.com`)).body;
    assert.equal(listed.deliveredAt, p.clock.now().toISOString());
    assert.equal(listed.text, 'Hello 1\nhttps://platform.example/x/1\n', 'the sandbox keeps delivered mail');

    assert.deepEqual(await p.mail.deliverDue(), { delivered: 0, retried: 0, failed: 0 });
    assert.equal(smtp.messages.length, 1, 'a delivered mail is never sent again');
  });

  test('SMTP down: retried with capped exponential backoff, delivered later, nothing lost', async () => {
    smtp.state = 'down';
    const id = await enqueue(p, message('person@example.com'));
    const start = p.clock.now().getTime();
    assert.deepEqual(await p.mail!.deliverDue(), { delivered: 0, retried: 1, failed: 0 });
    let row = await outboxRow(p.db, id);
    assert.equal(row['attempts'], 1);
    assert.deepEqual(row['next_attempt_at'], new Date(start + 30_000));
    assert.match(row['last_error'], /421/);
    assert.equal(row['delivered_at'], null);

    p.clock.advance(29);
    assert.deepEqual(await p.mail!.deliverDue(), { delivered: 0, retried: 0, failed: 0 }, 'not due yet');
    p.clock.advance(1);
    assert.deepEqual(await p.mail!.deliverDue(), { delivered: 0, retried: 1, failed: 0 });
    row = await outboxRow(p.db, id);
    assert.equal(row['attempts'], 2);
    assert.deepEqual(row['next_attempt_at'], new Date(start + 30_000 + 60_000));

    smtp.state = 'up';
    p.clock.advance(59);
    assert.equal((await p.mail!.deliverDue()).delivered, 0);
    p.clock.advance(1);
    assert.deepEqual(await p.mail!.deliverDue(), { delivered: 1, retried: 0, failed: 0 });
    assert.equal(smtp.messages.length, 1);
    row = await outboxRow(p.db, id);
    assert.equal(row['attempts'], 3);
    assert.equal(row['last_error'], null);
    assert.deepEqual(row['delivered_at'], p.clock.now());
  });

  test('a refused login is retried, and last_error names no credential', async () => {
    const worker = createMailWorker(p.platform, {
      transport: smtpTransport(smtp.url.replace('pa%3Ass%2Fword!', 'wrong%21pass')),
    });
    const id = await enqueue(p, message('person@example.com'));
    assert.deepEqual(await worker.deliverDue(), { delivered: 0, retried: 1, failed: 0 });
    const row = await outboxRow(p.db, id);
    assert.match(row['last_error'], /535/);
    assert.doesNotMatch(row['last_error'], /wrong|pa:ss|platform:/);
    await worker.close();
  });

  test('connection refused: the mail stays queued with the error recorded', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const worker = createMailWorker(p.platform, { transport: smtpTransport(`smtp://127.0.0.1:${port}`) });
    const id = await enqueue(p, message('person@example.com'));
    assert.deepEqual(await worker.deliverDue(), { delivered: 0, retried: 1, failed: 0 });
    const row = await outboxRow(p.db, id);
    assert.match(row['last_error'], /ECONNREFUSED/);
    assert.equal(row['failed_at'], null);
    await worker.close();
    p.clock.advance(30);
    assert.equal((await p.mail!.deliverDue()).delivered, 1, 'another worker delivers it once SMTP is there');
  });

  test('a recipient refused with 550 is given up, not retried forever', async () => {
    smtp.state = 'reject-recipients';
    const id = await enqueue(p, message('nobody@example.com'));
    assert.deepEqual(await p.mail!.deliverDue(), { delivered: 0, retried: 0, failed: 1 });
    const row = await outboxRow(p.db, id);
    assert.deepEqual(row['failed_at'], p.clock.now());
    assert.match(row['last_error'], /550/);
    smtp.state = 'up';
    p.clock.advance(7200);
    assert.deepEqual(await p.mail!.deliverDue(), { delivered: 0, retried: 0, failed: 0 });
  });

  test('two workers on one database never send the same mail twice', async () => {
    const ids: number[] = [];
    for (let n = 1; n <= 12; n++) ids.push(await enqueue(p, message(`person${n}@example.com`, n)));
    const one = createMailWorker(p.platform, { transport: smtpTransport(smtp.url), batchSize: 3 });
    const two = createMailWorker(p.platform, { transport: smtpTransport(smtp.url), batchSize: 3 });
    const [a, b] = await Promise.all([one.deliverDue(), two.deliverDue()]);
    assert.equal(a.delivered + b.delivered, 12);
    const subjects = smtp.messages.map((m) => parseMail(m.raw).headers.get('subject')).sort();
    assert.equal(smtp.messages.length, 12);
    assert.equal(new Set(subjects).size, 12);
    for (const id of ids) assert.equal((await outboxRow(p.db, id))['attempts'], 1);
    await Promise.all([one.close(), two.close()]);
  });

  test('a lease held by a worker that died is taken over when it runs out, and the dead holder is ignored', async () => {
    const id = await enqueue(p, message('person@example.com'));
    const store = p.platform.stores.mailOutbox;
    const [stale] = await store.lease(p.clock.now(), 300, 10);
    assert.equal(stale?.id, id);
    assert.equal((await p.mail!.deliverDue()).delivered, 0, 'leased elsewhere');
    p.clock.advance(300);
    assert.equal((await p.mail!.deliverDue()).delivered, 1);
    await store.retry(stale!, p.clock.now(), 'late report from the dead worker');
    const row = await outboxRow(p.db, id);
    assert.notEqual(row['delivered_at'], null);
    assert.equal(row['last_error'], null);
    assert.equal(smtp.messages.length, 1);
  });
});

describe('outside sandbox mode', () => {
  test('a delivered mail keeps no text or HTML, so no link token stays at rest', async () => {
    const smtp = await startSmtpCapture();
    const p = await startTestPlatform({
      settings: { smtpUrl: smtp.url, mailPollSeconds: 0, sandbox: false },
    });
    try {
      const id = await enqueue(p, message('person@example.com'));
      assert.equal((await outboxRow(p.db, id))['text_body'], 'Hello 1\nhttps://platform.example/x/1\n');
      assert.equal((await p.mail!.deliverDue()).delivered, 1);
      assert.match(smtp.messages[0]!.raw, /https:\/\/platform\.example\/x\/1/);
      const row = await outboxRow(p.db, id);
      assert.equal(row['text_body'], '');
      assert.equal(row['html_body'], '');
      assert.equal(row['subject'], 'Message 1');
      assert.notEqual(row['delivered_at'], null);
    } finally {
      await p.close();
      await smtp.close();
    }
  });
});

describe('the server runs the worker on a timer', () => {
  test('mail queued by one instance is delivered by another started with SMTP_URL, and close stops it', async () => {
    const smtp = await startSmtpCapture();
    const writer = await startTestPlatform();
    try {
      await enqueue(writer, message('person@example.com'));
      const received = smtp.next();
      const sender = await startTestPlatform({
        db: writer.db,
        clock: writer.clock,
        settings: { smtpUrl: smtp.url, mailPollSeconds: 1 },
      });
      try {
        const mail = await received;
        assert.deepEqual(mail.envelope.to, ['person@example.com']);
      } finally {
        await sender.close();
      }
      assert.equal(smtp.messages.length, 1);
    } finally {
      await writer.close();
      await smtp.close();
    }
  });
});

describe('without SMTP_URL', () => {
  test('no worker runs and mail waits in the outbox', async () => {
    const p = await startTestPlatform();
    try {
      assert.equal(p.mail, null);
      const id = await enqueue(p, message('person@example.com'));
      const row = await outboxRow(p.db, id);
      assert.equal(row['delivered_at'], null);
      assert.equal(row['attempts'], 0);
    } finally {
      await p.close();
    }
  });
});
