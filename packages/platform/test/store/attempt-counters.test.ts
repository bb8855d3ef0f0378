import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CounterKey, CounterState } from '../../src/store/attempt-counters.js';
import { at, BACKEND, inParallel, storeFixture, t0 } from './support.js';

const f = storeFixture();

const key = (k: string, subject: string | null = null): CounterKey => ({ scope: 'test', key: k, subject });

/** Takes one attempt of each key while every one of them is below `max`; the states it saw, or null. */
function takeBelow(keys: CounterKey[], max: number, now = at(1)) {
  return f.stores.attemptCounters.take(keys, now, (states: CounterState[]) =>
    states.every((s) => s.attempts < max)
      ? { write: states.map((s) => ({ ...s, attempts: s.attempts + 1 })), result: states }
      : { write: null, result: null },
  );
}

describe(`AttemptCounterStore (${BACKEND})`, () => {
  test('a new counter starts at zero, windowed from now; what decide writes is what the next take sees', async () => {
    const seen = await takeBelow([key('a')], 5, t0);
    assert.deepEqual(seen, [{ attempts: 0, windowStart: t0, notBefore: null }]);
    await f.stores.attemptCounters.take([key('a')], at(2), ([s]) => ({
      write: [{ attempts: 7, windowStart: at(2), notBefore: at(9) }],
      result: s,
    }));
    assert.deepEqual(await takeBelow([key('a')], 100), [
      { attempts: 7, windowStart: at(2), notBefore: at(9) },
    ]);
  });

  test('50 parallel takes against a limit of 5: exactly 5 are taken, across several keys at once', async () => {
    const results = await inParallel(50, () => takeBelow([key('p1'), key('p2'), key('p3')], 5));
    assert.equal(results.filter((r) => r !== null).length, 5);
    const [state] = (await f.stores.attemptCounters.take([key('p2')], at(1), (s) => ({
      write: null,
      result: s,
    })))!;
    assert.equal(state!.attempts, 5);
  });

  test('a refused take writes nothing to any key, and keys given in any order do not deadlock', async () => {
    await takeBelow([key('full')], 1);
    assert.equal(await takeBelow([key('free'), key('full')], 1), null);
    assert.deepEqual((await takeBelow([key('free')], 1))?.[0]?.attempts, 0, 'free was not counted');
    const orders = await inParallel(20, (i) =>
      takeBelow(i % 2 ? [key('x'), key('y')] : [key('y'), key('x')], 100),
    );
    assert.equal(orders.filter((r) => r !== null).length, 20);
  });

  test('refund gives one attempt back, never below zero; 10 parallel refunds all count', async () => {
    for (let i = 0; i < 12; i++) await takeBelow([key('r')], 100);
    await inParallel(10, () => f.stores.attemptCounters.refund([key('r')]));
    assert.equal((await takeBelow([key('r')], 100))?.[0]?.attempts, 2);
    for (let i = 0; i < 5; i++) await f.stores.attemptCounters.refund([key('r')]);
    assert.equal((await takeBelow([key('r')], 100))?.[0]?.attempts, 0);
    await f.stores.attemptCounters.refund([key('unknown')]);
  });

  test('one refund of several keys gives one attempt back in each; a take may name a key twice', async () => {
    await takeBelow([key('m1'), key('m2'), key('m3')], 100);
    await takeBelow([key('m1'), key('m2')], 100);
    await f.stores.attemptCounters.refund([key('m1'), key('m2'), key('m3')]);
    const seen = await takeBelow([key('m1'), key('m2'), key('m3'), key('m1')], 100);
    assert.deepEqual(
      seen?.map((s) => s.attempts),
      [1, 1, 0, 1],
    );
    await f.stores.attemptCounters.refund([]);
  });

  test('refund lifts a delay', async () => {
    await f.stores.attemptCounters.take([key('d')], at(1), ([s]) => ({
      write: [{ ...s!, attempts: 4, notBefore: at(30) }],
      result: null,
    }));
    await f.stores.attemptCounters.refund([key('d')]);
    assert.deepEqual(await takeBelow([key('d')], 100), [
      { attempts: 3, windowStart: at(1), notBefore: null },
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
      [0, 0, 1, 1],
    );
  });
});
