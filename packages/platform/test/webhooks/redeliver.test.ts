import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { publishEvent } from '../../src/webhooks/publish.js';
import { get, postJson, startTestPlatform, type TestPlatform } from '../support/index.js';
import {
  type LinkedPartner,
  linkedPartner,
  type Receiver,
  startReceiver,
  subscribeApplication,
  verifiedData,
} from './support.js';

const redeliver = (p: TestPlatform, id: string) =>
  postJson(`${p.url}/_sandbox/webhooks/deliveries/${encodeURIComponent(id)}/redeliver`, {});

describe('POST /_sandbox/webhooks/deliveries/{id}/redeliver', () => {
  let p: TestPlatform;
  let receiver: Receiver;
  let bank: LinkedPartner;
  before(async () => {
    receiver = await startReceiver();
    p = await startTestPlatform();
    bank = await linkedPartner(p);
    await subscribeApplication(p, bank, receiver.url);
  });
  after(async () => {
    await p.close();
    await receiver.close();
  });

  test('a delivered webhook is sent again, with the same X-Delivery-Id, and its attempts grow', async () => {
    await p.platform.stores.transaction((stores) =>
      publishEvent(
        stores,
        {
          type: 'profiles#verification-state-change',
          userId: bank.userId,
          profileId: 5,
          data: verifiedData(5),
        },
        p.clock.now(),
      ),
    );
    await postJson(`${p.url}/_sandbox/webhooks/deliver`, {});
    const [shown] = (await get(`${p.url}/_sandbox/webhooks?clientId=${bank.clientId}`)).body;
    assert.equal(shown.status, 'delivered');

    p.clock.advance(60);
    const res = await redeliver(p, shown.deliveryId);
    assert.equal(res.status, 200);
    assert.deepEqual(
      [res.body.deliveryId, res.body.status, res.body.nextAttemptAt, res.body.attempts.length],
      [shown.deliveryId, 'pending', p.clock.now().toISOString(), 1],
    );
    assert.deepEqual((await postJson(`${p.url}/_sandbox/webhooks/deliver`, {})).body, {
      delivered: 1,
      retried: 0,
      failed: 0,
    });
    assert.equal(receiver.received.length, 2);
    const ids = receiver.received.map((r) => r.headers['x-delivery-id']);
    assert.deepEqual(ids, [shown.deliveryId, shown.deliveryId]);
    const [after] = (await get(`${p.url}/_sandbox/webhooks?clientId=${bank.clientId}`)).body;
    assert.deepEqual(
      after.attempts.map((a: { attempt: number; status: number }) => [a.attempt, a.status]),
      [
        [1, 200],
        [2, 200],
      ],
    );
  });

  test('an unknown or malformed id is a 404 in the validation family', async () => {
    for (const id of [randomUUID(), 'nope', '%00']) {
      const res = await redeliver(p, id);
      assert.equal(res.status, 404, id);
      assert.ok(Array.isArray(res.body.errors), id);
    }
  });

  test('not mounted outside sandbox mode', async () => {
    const closed = await startTestPlatform({ settings: { sandbox: false } });
    try {
      assert.equal((await redeliver(closed, randomUUID())).status, 404);
      assert.equal((await get(`${closed.url}/_sandbox/webhooks`)).status, 404);
    } finally {
      await closed.close();
    }
  });
});
