import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { batcher } from '../../src/store/batch.js';

/** A flush the test answers by hand: each call is recorded with its items and settled when the test says. */
function manualFlush() {
  const calls: { items: readonly number[]; answer(): void; fail(error: Error): void }[] = [];
  const flush = (items: readonly number[]) =>
    new Promise<readonly string[]>((resolve, reject) => {
      calls.push({ items, answer: () => resolve(items.map((i) => `row ${i}`)), fail: reject });
    });
  return { calls, flush };
}

/** Lets every queued turn of the event loop run (the batcher flushes on the next turn). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Turns of the event loop until `done` holds (a settled flush reaches the queue a few promise hops later). */
async function until(done: () => boolean) {
  for (let i = 0; i < 10 && !done(); i++) await turn();
  assert.ok(done());
}

describe('batcher (group commit, issue 14)', () => {
  test('calls made together are one flush; each caller gets its own row, only after the flush', async () => {
    const { calls, flush } = manualFlush();
    const queue = batcher({ flush });
    let answered = 0;
    const results = [1, 2, 3, 4, 5].map((i) => queue.run(i).finally(() => answered++));
    await turn();
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]!.items, [1, 2, 3, 4, 5]);
    assert.equal(answered, 0, 'nobody is answered before the statement has committed');
    calls[0]!.answer();
    assert.deepEqual(await Promise.all(results), ['row 1', 'row 2', 'row 3', 'row 4', 'row 5']);
  });

  test('a failing flush fails every caller of that batch with its error, and the next batch runs', async () => {
    const { calls, flush } = manualFlush();
    const queue = batcher({ flush, maxInFlight: 1 });
    const first = [1, 2, 3].map((i) => queue.run(i));
    await turn();
    const second = [4, 5].map((i) => queue.run(i));
    await turn();
    assert.equal(calls.length, 1, 'the second batch waits for the first');
    calls[0]!.fail(new Error('the database refused'));
    for (const p of first) await assert.rejects(p, /the database refused/);
    await until(() => calls.length === 2);
    assert.deepEqual(calls[1]!.items, [4, 5]);
    calls[1]!.answer();
    assert.deepEqual(await Promise.all(second), ['row 4', 'row 5']);
  });

  test('a flush that throws at once, or answers the wrong number of rows, fails its callers', async () => {
    const throwing = batcher<number, string>({
      flush: () => {
        throw new Error('no connection');
      },
    });
    await Promise.all([1, 2].map((i) => assert.rejects(throwing.run(i), /no connection/)));
    const short = batcher<number, string>({ flush: async () => ['only one'] });
    await Promise.all([1, 2].map((i) => assert.rejects(short.run(i), /wrong number of rows/)));
  });

  test('maxRows splits a crowd into batches; at most maxInFlight run at once, the rest gather behind', async () => {
    const { calls, flush } = manualFlush();
    const queue = batcher({ flush, maxRows: 4, maxInFlight: 2 });
    const all = Array.from({ length: 11 }, (_, i) => queue.run(i));
    await turn();
    assert.deepEqual(
      calls.map((c) => c.items),
      [
        [0, 1, 2, 3],
        [4, 5, 6, 7],
      ],
    );
    calls[0]!.answer();
    await until(() => calls.length === 3);
    assert.deepEqual(calls[2]!.items, [8, 9, 10]);
    calls[1]!.answer();
    calls[2]!.answer();
    assert.equal((await Promise.all(all)).length, 11);
    assert.equal(calls.length, 3);
  });
});
