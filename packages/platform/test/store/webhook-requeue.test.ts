import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { at, BACKEND, inParallel, storeFixture } from './support.js';

const f = storeFixture(async (fx) => {
  await fx.addClient('requeue-a');
});

/** Leases everything due for a very long time, so a test then sees only the rows it writes itself. */
const drain = (now: Date) => f.stores.webhookDeliveries.lease(now, 100 * 24 * 3600, 1000);

async function testDelivery(now: Date) {
  const sub = await f.stores.webhookSubscriptions.create(
    {
      id: randomUUID(),
      scope: { domain: 'application', clientId: 'requeue-a' },
      createdBy: { type: 'application', id: '1' },
      name: 'hook',
      triggerOn: 'users#state-change',
      delivery: { version: '2.0.0', url: 'https://a.example/h' },
    },
    now,
  );
  return f.stores.webhookDeliveries.enqueueTest(
    { id: sub.id, clientId: 'requeue-a', triggerOn: sub.triggerOn, url: sub.delivery.url },
    '{}',
    now,
  );
}

describe(`WebhookDeliveryStore.requeue (${BACKEND})`, () => {
  test('a delivered or failed delivery is due again at once, under the same delivery id', async () => {
    await drain(at(1000));
    const queued = await testDelivery(at(1000));
    const [first] = await f.stores.webhookDeliveries.lease(at(1000), 10, 10);
    await f.stores.webhookDeliveries.delivered(first!, at(1001), { status: 200, error: null });
    assert.deepEqual(await f.stores.webhookDeliveries.lease(at(2000), 10, 10), [], 'delivered: not due');

    const again = await f.stores.webhookDeliveries.requeue(queued.deliveryId, at(2000));
    assert.deepEqual([again?.id, again?.deliveredAt, again?.nextAttemptAt], [queued.id, null, at(2000)]);
    const [second] = await f.stores.webhookDeliveries.lease(at(2000), 10, 10);
    assert.deepEqual([second?.id, second?.deliveryId, second?.attempts], [queued.id, queued.deliveryId, 2]);
    await f.stores.webhookDeliveries.failed(second!, at(2001), { status: 500, error: 'answered 500' });

    await f.stores.webhookDeliveries.requeue(queued.deliveryId, at(3000));
    const [third] = await f.stores.webhookDeliveries.lease(at(3000), 10, 10);
    assert.equal(third?.id, queued.id, 'failed: due again');
    await f.stores.webhookDeliveries.delivered(third!, at(3001), { status: 204, error: null });
    assert.deepEqual(
      (await f.stores.webhookDeliveries.attempts(queued.id)).map((a) => [a.attempt, a.status]),
      [
        [1, 200],
        [2, 500],
        [3, 204],
      ],
      'every attempt is kept',
    );
  });

  test('a requeue drops a lease: the worker that held it records nothing', async () => {
    await drain(at(5000));
    const queued = await testDelivery(at(5000));
    const [held] = await f.stores.webhookDeliveries.lease(at(5000), 600, 10);
    await f.stores.webhookDeliveries.requeue(queued.deliveryId, at(5001));
    await f.stores.webhookDeliveries.delivered(held!, at(5002), { status: 200, error: null });
    assert.deepEqual(await f.stores.webhookDeliveries.attempts(queued.id), []);
    const [next] = await f.stores.webhookDeliveries.lease(at(5003), 10, 10);
    assert.equal(next?.id, queued.id);
  });

  test('an unknown or malformed id is null and changes nothing', async () => {
    assert.equal(await f.stores.webhookDeliveries.requeue(randomUUID(), at(6000)), null);
    assert.equal(await f.stores.webhookDeliveries.requeue('not-a-uuid', at(6000)), null);
    assert.equal(await f.stores.webhookDeliveries.requeue("'; drop table x; --", at(6000)), null);
  });

  test('10 requeues and 10 workers at once: the delivery is sent by exactly one worker', async () => {
    await drain(at(7000));
    const queued = await testDelivery(at(7000));
    const [first] = await f.stores.webhookDeliveries.lease(at(7000), 10, 10);
    await f.stores.webhookDeliveries.delivered(first!, at(7001), { status: 200, error: null });
    const found = await inParallel(10, () => f.stores.webhookDeliveries.requeue(queued.deliveryId, at(7002)));
    assert.ok(found.every((d) => d?.id === queued.id));
    const batches = await inParallel(10, () => f.stores.webhookDeliveries.lease(at(7002), 60, 10));
    assert.equal(batches.flat().filter((d) => d.id === queued.id).length, 1);
  });
});
