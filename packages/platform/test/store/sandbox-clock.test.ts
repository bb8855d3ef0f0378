import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BACKEND, inParallel, storeFixture } from './support.js';

const f = storeFixture();

describe(`SandboxClockStore (${BACKEND})`, () => {
  test('starts at 0; advance adds, reset returns to 0', async () => {
    const clock = f.stores.sandboxClock;
    assert.equal(await clock.offsetSeconds(), 0);
    assert.equal(await clock.advance(60, 1000), 60);
    assert.equal(await clock.advance(40, 1000), 100);
    assert.equal(await clock.offsetSeconds(), 100);
    assert.equal(await clock.reset(), 0);
    assert.equal(await clock.offsetSeconds(), 0);
  });

  test('an advance past the maximum is refused and changes nothing', async () => {
    const clock = f.stores.sandboxClock;
    await clock.reset();
    assert.equal(await clock.advance(900, 1000), 900);
    assert.equal(await clock.advance(101, 1000), null);
    assert.equal(await clock.offsetSeconds(), 900);
    assert.equal(await clock.advance(100, 1000), 1000, 'up to the maximum itself');
  });

  test('30 concurrent advances each count once; past the maximum the rest are refused', async () => {
    const clock = f.stores.sandboxClock;
    await clock.reset();
    const offsets = await inParallel(30, () => clock.advance(10, 200));
    assert.deepEqual(
      offsets.filter((o) => o !== null).sort((a, b) => a! - b!),
      Array.from({ length: 20 }, (_, i) => (i + 1) * 10),
    );
    assert.equal(offsets.filter((o) => o === null).length, 10);
    assert.equal(await clock.offsetSeconds(), 200);
  });
});
