import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { FaultSpec } from '../../src/store/faults.js';
import type { JournalEntry } from '../../src/store/request-journal.js';
import { at, BACKEND, inParallel, storeFixture, t0 } from './support.js';

const f = storeFixture();

const entry = (n: number, over: Partial<JournalEntry> = {}): JournalEntry => ({
  at: at(n),
  method: 'GET',
  path: `/v1/thing/${n}?q=1`,
  status: 200,
  clientId: null,
  durationMs: 3,
  request: { headers: { accept: 'application/json' }, body: null },
  response: { headers: { 'content-type': 'application/json' }, body: { n } },
  ...over,
});

describe(`RequestJournalStore (${BACKEND})`, () => {
  test('records, lists newest first with every field, filters by client, path prefix and status', async () => {
    await f.stores.requestJournal.record(entry(1, { clientId: 'alpha' }), 100);
    await f.stores.requestJournal.record(entry(2, { status: 404, path: '/oauth/token' }), 100);
    await f.stores.requestJournal.record(entry(3, { clientId: 'alpha', path: '/v1/a%_b' }), 100);
    const all = await f.stores.requestJournal.list({ limit: 10 });
    assert.deepEqual(
      all.map((e) => e.path),
      ['/v1/a%_b', '/oauth/token', '/v1/thing/1?q=1'],
    );
    const { id, ...first } = all[2]!;
    assert.equal(typeof id, 'number');
    assert.deepEqual(first, entry(1, { clientId: 'alpha' }));
    assert.equal((await f.stores.requestJournal.list({ clientId: 'alpha', limit: 10 })).length, 2);
    assert.equal((await f.stores.requestJournal.list({ status: 404, limit: 10 }))[0]!.path, '/oauth/token');
    assert.equal((await f.stores.requestJournal.list({ path: '/v1/', limit: 10 })).length, 2);
    // A prefix is literal: % and _ match only themselves.
    assert.equal((await f.stores.requestJournal.list({ path: '/v1/a%', limit: 10 })).length, 1);
    assert.equal((await f.stores.requestJournal.list({ path: '/v1/_', limit: 10 })).length, 0);
    assert.equal((await f.stores.requestJournal.list({ limit: 1 })).length, 1);
  });

  test('keeps only the newest `keep`, also when many record at once', async () => {
    await inParallel(30, (i) => f.stores.requestJournal.record(entry(100 + i, { clientId: 'bounded' }), 10));
    const all = await f.stores.requestJournal.list({ limit: 500 });
    assert.ok(all.length <= 10 + 30 && all.length >= 10, String(all.length));
    await f.stores.requestJournal.record(entry(200), 10);
    const after = await f.stores.requestJournal.list({ limit: 500 });
    assert.equal(after.length, 10);
    assert.equal(after[0]!.path, '/v1/thing/200?q=1');
  });
});

const spec = (over: Partial<FaultSpec> = {}): FaultSpec => ({
  method: 'GET',
  path: '/health',
  status: 503,
  body: undefined,
  headers: {},
  delayMs: 0,
  drop: false,
  count: 1,
  ...over,
});

describe(`FaultStore (${BACKEND})`, () => {
  beforeEach(() => f.stores.faults.clear());

  test('add answers the fault with all its uses; listActive shows those with uses left', async () => {
    const added = await f.stores.faults.add(
      spec({ body: { a: [1] }, headers: { 'retry-after': '1' }, count: 2 }),
      t0,
    );
    assert.deepEqual(added, {
      ...spec({ body: { a: [1] }, headers: { 'retry-after': '1' }, count: 2 }),
      id: added.id,
      remaining: 2,
      createdAt: t0,
    });
    assert.deepEqual(await f.stores.faults.listActive(), [added]);
    await f.stores.faults.take('GET', '/health');
    await f.stores.faults.take('GET', '/health');
    assert.deepEqual(await f.stores.faults.listActive(), []);
    assert.equal(await f.stores.faults.take('GET', '/health'), null);
  });

  test('take matches method and exact path, or a * prefix; the oldest match first', async () => {
    const prefix = await f.stores.faults.add(spec({ path: '/v1/*', status: 500 }), t0);
    const exact = await f.stores.faults.add(spec({ path: '/v1/me', status: 502 }), at(1));
    assert.equal(await f.stores.faults.take('POST', '/v1/me'), null);
    assert.equal(await f.stores.faults.take('GET', '/v2/me'), null);
    assert.equal(await f.stores.faults.take('GET', '/v1'), null);
    assert.equal((await f.stores.faults.take('GET', '/v1/me'))!.id, prefix.id);
    assert.equal((await f.stores.faults.take('GET', '/v1/me'))!.id, exact.id);
    assert.equal(await f.stores.faults.take('GET', '/v1/me'), null);
  });

  test('under 25 concurrent takes, exactly `count` succeed', async () => {
    await f.stores.faults.add(spec({ count: 4 }), t0);
    const taken = await inParallel(25, () => f.stores.faults.take('GET', '/health'));
    assert.equal(taken.filter((t) => t !== null).length, 4);
    assert.deepEqual(
      taken
        .filter((t) => t !== null)
        .map((t) => t!.remaining)
        .sort(),
      [0, 1, 2, 3],
    );
  });

  test('two faults for one path: concurrent takes use up both, never more', async () => {
    await f.stores.faults.add(spec({ count: 2 }), t0);
    await f.stores.faults.add(spec({ count: 3, status: 500 }), at(1));
    const taken = await inParallel(20, () => f.stores.faults.take('GET', '/health'));
    assert.equal(taken.filter((t) => t !== null).length, 5);
  });

  test('clear deletes every fault and says how many', async () => {
    await f.stores.faults.add(spec(), t0);
    await f.stores.faults.add(spec({ method: 'POST' }), t0);
    assert.equal(await f.stores.faults.clear(), 2);
    assert.equal(await f.stores.faults.clear(), 0);
  });
});
