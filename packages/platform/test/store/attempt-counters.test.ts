import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RuledKey } from '../../src/store/attempt-counters.js';
import { emailKey } from '../../src/store/users.js';
import { at, BACKEND, inParallel, storeFixture, t0 } from './support.js';

const f = storeFixture();

const WINDOW = 900;

const key = (k: string, subject: string | null = null, over: Partial<RuledKey> = {}): RuledKey => ({
  scope: 'test',
  key: k,
  subject,
  max: 100,
  windowSeconds: WINDOW,
  delayAfter: null,
  ...over,
});

/** Takes one attempt of each key while every one of them is below `max`; the states it wrote, or null. */
async function takeBelow(keys: RuledKey[], max: number, now = at(1)) {
  const take = await f.stores.attemptCounters.take(
    keys.map((k) => ({ ...k, max })),
    now,
  );
  return take.taken ? take.states : null;
}

/** The attempts a key holds now (a take that a limit of 0 refuses: it writes nothing). */
async function attemptsOf(k: RuledKey, now = at(1)) {
  const take = await f.stores.attemptCounters.take([{ ...k, max: 0 }], now);
  assert.equal(take.taken, false);
  return take.states[0]!.attempts;
}

describe(`AttemptCounterStore (${BACKEND})`, () => {
  test('a new counter starts at zero, windowed from now; a take counts one and the next sees it', async () => {
    assert.deepEqual(await takeBelow([key('a')], 5, t0), [{ attempts: 1, windowStart: t0, notBefore: null }]);
    assert.deepEqual(await takeBelow([key('a')], 5, at(2)), [
      { attempts: 2, windowStart: t0, notBefore: null },
    ]);
  });

  test('a window that ran out starts again at now; a spent one refuses until it does', async () => {
    await takeBelow([key('w')], 1, t0);
    assert.equal(await takeBelow([key('w')], 1, at(WINDOW - 1)), null);
    assert.deepEqual(await takeBelow([key('w')], 1, at(WINDOW)), [
      { attempts: 1, windowStart: at(WINDOW), notBefore: null },
    ]);
  });

  test('the progressive delay: from delayAfter on, 1 s then doubling, capped by the window; refused meanwhile', async () => {
    const d = key('delay', null, { delayAfter: 2, windowSeconds: 3 });
    const take = (now: Date) => f.stores.attemptCounters.take([d], now);
    assert.deepEqual((await take(t0)).states[0], { attempts: 1, windowStart: t0, notBefore: null });
    assert.deepEqual((await take(t0)).states[0], { attempts: 2, windowStart: t0, notBefore: at(1) });
    const refused = await take(t0);
    assert.equal(refused.taken, false);
    assert.deepEqual(refused.states[0], { attempts: 2, windowStart: t0, notBefore: at(1) });
    assert.deepEqual((await take(at(1))).states[0], { attempts: 3, windowStart: t0, notBefore: at(3) });
  });

  test('50 parallel takes against a limit of 5: exactly 5 are taken, across several keys at once', async () => {
    const results = await inParallel(50, () => takeBelow([key('p1'), key('p2'), key('p3')], 5));
    assert.equal(results.filter((r) => r !== null).length, 5);
    assert.equal(await attemptsOf(key('p2')), 5);
  });

  test('a refused take writes nothing to any key, and keys given in any order do not deadlock', async () => {
    await takeBelow([key('full')], 1);
    assert.equal(await takeBelow([key('free'), key('full')], 1), null);
    assert.equal(await attemptsOf(key('free')), 0, 'free was not counted');
    const orders = await inParallel(20, (i) =>
      takeBelow(i % 2 ? [key('x'), key('y')] : [key('y'), key('x')], 100),
    );
    assert.equal(orders.filter((r) => r !== null).length, 20);
  });

  test('takeWithCredentials: the take and the account of that email key, in one statement', async () => {
    const user = await f.newUser();
    const found = await f.stores.attemptCounters.takeWithCredentials(
      [key('c1')],
      at(1),
      emailKey(user.email),
    );
    assert.equal(found.taken, true);
    assert.equal(found.credentials?.userId, user.id);
    const none = await f.stores.attemptCounters.takeWithCredentials([key('c1')], at(1), 'nobody@example.com');
    assert.deepEqual([none.taken, none.states[0]?.attempts, none.credentials], [true, 2, null]);
    const refused = await f.stores.attemptCounters.takeWithCredentials(
      [key('c1', null, { max: 2 })],
      at(1),
      emailKey(user.email),
    );
    assert.deepEqual([refused.taken, refused.credentials?.userId], [false, user.id]);
  });

  test('refund gives one attempt back, never below zero; 10 parallel refunds all count', async () => {
    for (let i = 0; i < 12; i++) await takeBelow([key('r')], 100);
    await inParallel(10, () => f.stores.attemptCounters.refund([key('r')]));
    assert.equal(await attemptsOf(key('r')), 2);
    for (let i = 0; i < 5; i++) await f.stores.attemptCounters.refund([key('r')]);
    assert.equal(await attemptsOf(key('r')), 0);
    await f.stores.attemptCounters.refund([key('unknown')]);
  });

  test('one refund of several keys gives one attempt back in each; a take may name a key twice', async () => {
    await takeBelow([key('m1'), key('m2'), key('m3')], 100);
    await takeBelow([key('m1'), key('m2')], 100);
    await f.stores.attemptCounters.refund([key('m1'), key('m2'), key('m3')]);
    const seen = await takeBelow([key('m1'), key('m2'), key('m3'), key('m1')], 100);
    assert.deepEqual(
      seen?.map((s) => s.attempts),
      [2, 2, 1, 2],
    );
    await f.stores.attemptCounters.refund([]);
  });

  test('refund lifts a delay', async () => {
    const d = key('d', null, { delayAfter: 1 });
    await f.stores.attemptCounters.take([d], at(1));
    await f.stores.attemptCounters.refund([d]);
    assert.deepEqual(await takeBelow([d], 100, at(1)), [
      { attempts: 1, windowStart: at(1), notBefore: at(2) },
    ]);
  });

  test("listSubject lists and clearSubject forgets every counter of that subject and nobody else's", async () => {
    await takeBelow([key('s1', 'ada'), key('s2', 'ada'), key('s3', 'bob'), key('s4')], 100);
    assert.deepEqual(
      (await f.stores.attemptCounters.listSubject('ada')).map((c) => [c.scope, c.attempts]),
      [
        ['test', 1],
        ['test', 1],
      ],
    );
    await f.stores.attemptCounters.clearSubject('ada');
    assert.deepEqual(await f.stores.attemptCounters.listSubject('ada'), []);
    const seen = await takeBelow([key('s1', 'ada'), key('s2', 'ada'), key('s3', 'bob'), key('s4')], 100);
    assert.deepEqual(
      seen?.map((s) => s.attempts),
      [1, 1, 2, 2],
    );
  });
});
