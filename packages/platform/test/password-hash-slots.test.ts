import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, test } from 'node:test';
import { hashPassword, verifyPassword } from '../src/auth/passwords.js';
import { passwordHashSlots, Slots } from '../src/crypto/hash-slots.js';

/** A task that finishes when told to, recording when it started. */
function deferred(started: number[], id: number) {
  let finish!: (value: number) => void;
  let fail!: (error: Error) => void;
  const task = () => {
    started.push(id);
    return new Promise<number>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { task, finish: () => finish(id), fail: (e: Error) => fail(e) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Slots: at most `size` tasks at once, the rest in arrival order', () => {
  test('a third task waits for one of two to finish, and the fourth for the next', async () => {
    const slots = new Slots(2);
    const started: number[] = [];
    const tasks = [1, 2, 3, 4].map((id) => deferred(started, id));
    const results = tasks.map((t) => slots.run(t.task));
    await tick();
    assert.deepEqual(started, [1, 2]);
    assert.equal(slots.busy, 2);
    assert.equal(slots.waiting, 2);

    tasks[1]?.finish();
    await tick();
    assert.deepEqual(started, [1, 2, 3]);
    assert.equal(slots.busy, 2);
    assert.equal(slots.waiting, 1);

    tasks[0]?.finish();
    await tick();
    assert.deepEqual(started, [1, 2, 3, 4]);
    tasks[2]?.finish();
    tasks[3]?.finish();
    assert.deepEqual(await Promise.all(results), [1, 2, 3, 4]);
    assert.equal(slots.busy, 0);
    assert.equal(slots.waiting, 0);
  });

  test('a task that fails frees its slot for the next and passes its error on', async () => {
    const slots = new Slots(1);
    const started: number[] = [];
    const first = deferred(started, 1);
    const second = deferred(started, 2);
    const failed = slots.run(first.task);
    const next = slots.run(second.task);
    await tick();
    assert.deepEqual(started, [1]);
    first.fail(new Error('hash failed'));
    await assert.rejects(failed, /hash failed/);
    await tick();
    assert.deepEqual(started, [1, 2]);
    second.finish();
    assert.equal(await next, 2);
    assert.equal(slots.busy, 0);
  });

  test('a size that is not a whole number of at least 1 is refused', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) assert.throws(() => new Slots(size), RangeError);
  });
});

describe('password hashing goes through the process-wide slots', () => {
  test('all cores but one, at least one', () => {
    assert.equal(passwordHashSlots.size, Math.max(1, availableParallelism() - 1));
  });

  test('parallel hashes beyond the slots wait, and every one of them still verifies', async () => {
    const n = passwordHashSlots.size + 3;
    const hashes = Array.from({ length: n }, (_, i) => hashPassword(`password ${i}`, 'test'));
    // Taken synchronously: the first `size` run, the rest wait.
    assert.equal(passwordHashSlots.busy, passwordHashSlots.size);
    assert.equal(passwordHashSlots.waiting, 3);
    const made = await Promise.all(hashes);
    assert.equal(passwordHashSlots.busy, 0);
    assert.equal(passwordHashSlots.waiting, 0);
    const checks = made.map((h, i) => verifyPassword(h, `password ${i}`, 'test'));
    assert.equal(passwordHashSlots.busy + passwordHashSlots.waiting, n);
    assert.deepEqual(await Promise.all(checks), Array(n).fill(true));
    assert.equal(await verifyPassword(made[0] ?? null, 'password 1', 'test'), false);
  });
});
