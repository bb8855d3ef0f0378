import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MailMessage } from '../../src/store/mail-outbox.js';
import { at, BACKEND, inParallel, storeFixture, t0 } from './support.js';

const f = storeFixture();
const domain = 'platform.example';
const message = (to: string, n = 1): MailMessage => ({
  template: 'test',
  to,
  subject: `Message ${n}`,
  text: `Hello ${n}`,
  html: `<p>Hello ${n}</p>`,
});

/** Leases everything due for a very long time, so a test then sees only the mail it writes itself. */
const drain = (now: Date) => f.stores.mailOutbox.lease(now, 100 * 24 * 3600, 1000);
/** Whether a lease at `now` would hand out mail `id` again. */
const dueAgain = async (id: number, now: Date) =>
  (await f.stores.mailOutbox.lease(now, 300, 1000)).some((m) => m.id === id);

describe(`MailOutboxStore (${BACKEND})`, () => {
  test('enqueue writes a due mail with its own Message-ID on the issuer domain; list shows it', async () => {
    const id = await f.stores.mailOutbox.enqueue(message('Ana@Example.com'), { now: t0, domain });
    const [mail] = await f.stores.mailOutbox.list('ana@example.com', 10);
    assert.equal(mail?.id, id, 'list matches the address whatever its case');
    assert.match(mail!.messageId, /^<[0-9a-f-]{36}@platform\.example>$/);
    const { messageId, ...rest } = mail!;
    assert.deepEqual(rest, {
      ...message('Ana@Example.com'),
      id,
      createdAt: t0,
      attempts: 0,
      nextAttemptAt: t0,
      lastError: null,
      deliveredAt: null,
      failedAt: null,
    });
  });

  test('list: newest first, at most `limit`, every address when `to` is null', async () => {
    for (let n = 1; n <= 3; n++)
      await f.stores.mailOutbox.enqueue(message('list@example.com', n), { now: at(n), domain });
    const listed = await f.stores.mailOutbox.list('list@example.com', 2);
    assert.deepEqual(
      listed.map((m) => m.subject),
      ['Message 3', 'Message 2'],
    );
    assert.ok((await f.stores.mailOutbox.list(null, 100)).length >= 4);
    assert.deepEqual(await f.stores.mailOutbox.list('nobody@example.com', 10), []);
  });

  test('lease takes due mail, oldest first; a leased row is not due again until its lease runs out', async () => {
    // Everything enqueued so far is due; drain it so this test sees only its own rows.
    await drain(at(10));
    const a = await f.stores.mailOutbox.enqueue(message('lease@example.com', 1), { now: at(20), domain });
    const b = await f.stores.mailOutbox.enqueue(message('lease@example.com', 2), { now: at(21), domain });
    assert.deepEqual(await f.stores.mailOutbox.lease(at(19), 300, 10), [], 'not due yet');
    const leased = await f.stores.mailOutbox.lease(at(30), 300, 10);
    assert.deepEqual(
      leased.map((m) => [m.id, m.attempts]),
      [
        [a, 1],
        [b, 1],
      ],
    );
    assert.notEqual(leased[0]?.leaseId, leased[1]?.leaseId);
    assert.deepEqual(await f.stores.mailOutbox.lease(at(329), 300, 10), [], 'held');
    const again = await f.stores.mailOutbox.lease(at(330), 300, 1);
    assert.deepEqual(
      again.map((m) => [m.id, m.attempts]),
      [[a, 2]],
      'taken over once the lease ran out, one at a time by the limit',
    );
    assert.notEqual(again[0]?.leaseId, leased[0]?.leaseId);
  });

  test('only the current holder records the outcome; delivered can forget the bodies', async () => {
    await drain(at(1000));
    const id = await f.stores.mailOutbox.enqueue(message('holder@example.com'), { now: at(2000), domain });
    const [stale] = await f.stores.mailOutbox.lease(at(2000), 10, 10);
    const [current] = await f.stores.mailOutbox.lease(at(2010), 10, 10);
    assert.equal(stale?.id, id);
    assert.equal(current?.id, id);
    await f.stores.mailOutbox.failed(stale!, at(2011), 'late report of a dead worker');
    await f.stores.mailOutbox.delivered(current!, at(2012), { forgetBodies: true });
    const [row] = await f.stores.mailOutbox.list('holder@example.com', 1);
    assert.deepEqual(
      [row?.deliveredAt, row?.failedAt, row?.lastError, row?.text, row?.html],
      [at(2012), null, null, '', ''],
    );
    assert.equal(await dueAgain(id, at(99_999)), false, 'delivered mail is never due');
  });

  test('retry schedules the next attempt and keeps the error; failed ends it for good', async () => {
    await drain(at(10_000));
    const id = await f.stores.mailOutbox.enqueue(message('retry@example.com'), { now: at(10_000), domain });
    const [mail] = await f.stores.mailOutbox.lease(at(10_000), 300, 10);
    assert.equal(mail?.id, id);
    await f.stores.mailOutbox.retry(mail!, at(10_030), '421 try later');
    let [row] = await f.stores.mailOutbox.list('retry@example.com', 1);
    assert.deepEqual([row?.nextAttemptAt, row?.lastError], [at(10_030), '421 try later']);
    assert.deepEqual(await f.stores.mailOutbox.lease(at(10_029), 300, 10), []);
    const [second] = await f.stores.mailOutbox.lease(at(10_030), 300, 10);
    assert.equal(second?.attempts, 2);
    await f.stores.mailOutbox.failed(second!, at(10_031), '550 no such user');
    [row] = await f.stores.mailOutbox.list('retry@example.com', 1);
    assert.deepEqual([row?.failedAt, row?.lastError, row?.text], [at(10_031), '550 no such user', 'Hello 1']);
    assert.equal(await dueAgain(id, at(99_999)), false, 'failed mail is never due');
  });

  test('10 workers leasing at once: every due mail goes to exactly one of them', async () => {
    await drain(at(20_000));
    const ids = new Set<number>();
    for (let n = 0; n < 25; n++)
      ids.add(await f.stores.mailOutbox.enqueue(message('race@example.com', n), { now: at(30_000), domain }));
    const batches = await inParallel(10, () => f.stores.mailOutbox.lease(at(30_000), 300, 5));
    const leased = batches.flat().map((m) => m.id);
    assert.equal(leased.length, 25, 'every due mail was handed out');
    assert.equal(new Set(leased).size, 25, 'none twice');
    assert.deepEqual(new Set(leased), ids);
  });

  test('enqueue in a transaction that rolls back leaves no mail', async () => {
    await assert.rejects(
      f.stores.transaction(async (s) => {
        await s.mailOutbox.enqueue(message('rollback@example.com'), { now: t0, domain });
        assert.equal((await s.mailOutbox.list('rollback@example.com', 10)).length, 1, 'seen inside');
        throw new Error('the change fails');
      }),
      /the change fails/,
    );
    assert.deepEqual(await f.stores.mailOutbox.list('rollback@example.com', 10), []);
  });
});
